/// Pillow's `Image.resize(size, NEAREST)` for 8-bit images (`ImagingScaleAffine`).
///
/// Source column for output `x`: `COORD(xo)` with `xo` starting at `0.5·inW/outW` and advanced by
/// repeated addition of `inW/outW` in Double (the accumulated rounding is part of Pillow's
/// result); `COORD(v) = v < 0 ? −1 : trunc(v)`. Rows likewise.
public enum NearestResampler {
    public static func resize(_ image: Image, width: Int, height: Int) throws(ImageError) -> Image {
        guard width > 0, height > 0 else {
            throw ImageError(.invalidDimensions, "resize target must be positive, got \(width)×\(height)")
        }
        if width == image.width && height == image.height { return image }
        let cols = positions(inSize: image.width, outSize: width)
        let rows = positions(inSize: image.height, outSize: height)
        let c = image.channelCount
        var out = [UInt8](repeating: 0, count: width * height * c)
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (y, sy) in rows.enumerated() {
                    let srow = sy * image.width * c, drow = y * width * c
                    for (x, sx) in cols.enumerated() {
                        for k in 0..<c { dst[drow + x * c + k] = src[srow + sx * c + k] }
                    }
                }
            }
        }
        return Image(uncheckedWidth: width, height: height, format: image.format, pixels: out)
    }

    static func positions(inSize: Int, outSize: Int) -> [Int] {
        let step = Double(Float(inSize)) / Double(outSize)  // Pillow: (double)(float box) / size
        var o = step * 0.5
        var result = [Int](repeating: 0, count: outSize)
        for i in 0..<outSize {
            let v = o < 0 ? -1 : Int(o)
            result[i] = min(max(v, 0), inSize - 1)
            o += step
        }
        return result
    }
}
