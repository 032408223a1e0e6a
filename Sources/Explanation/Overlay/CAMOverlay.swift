import Imaging

/// Heatmap overlays, as pytorch-grad-cam's `show_cam_on_image(img, mask, use_rgb=True)`:
/// `heat = colormap(uint8(255·mask))/255`, `cam = 0.5·heat + 0.5·img/255`, `cam /= max(cam)`,
/// output `uint8(255·cam)`. The mask is a [0, 1] map of the image's size.
public enum CAMOverlay {
    public static func blend(image: Image, mask: FloatMap, colormap: Colormap = .jet, imageWeight: Float = 0.5) throws(ImageError) -> Image {
        guard image.format == .rgb else { throw ImageError(.unsupported, "overlays need an RGB image") }
        guard mask.width == image.width, mask.height == image.height else {
            throw ImageError(.invalidDimensions, "mask is \(mask.width)×\(mask.height), image \(image.width)×\(image.height)")
        }
        let lut = colormap.table
        let n = image.pixelCount
        var cam = [Float](repeating: 0, count: n * 3)
        var peak: Float = 0
        for i in 0..<n {
            let c = lut[Int(UInt8(truncatingIfNeeded: Int(255 * min(max(mask.values[i], 0), 1))))]
            let heat = [Float(c.0), Float(c.1), Float(c.2)]
            for ch in 0..<3 {
                let v = (1 - imageWeight) * heat[ch] / 255 + imageWeight * Float(image.pixels[i * 3 + ch]) / 255
                cam[i * 3 + ch] = v
                peak = max(peak, v)
            }
        }
        let scale: Float = peak > 0 ? 1 / peak : 0
        return try Image(width: image.width, height: image.height, format: .rgb,
                         pixels: cam.map { UInt8(clamping: Int(255 * ($0 * scale))) })
    }
}
