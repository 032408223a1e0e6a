import Foundation

/// A single-channel float32 raster (CAM maps, saliency, masks).
///
/// Layout: `values[y * width + x]`, rows top to bottom. Units are whatever the producer says
/// (raw CAM units, probabilities, …); resizing never rescales values.
public struct FloatMap: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public var values: [Float]

    public init(width: Int, height: Int, values: [Float]) throws(ImageError) {
        guard width > 0, height > 0 else {
            throw ImageError(.invalidDimensions, "map dimensions must be positive, got \(width)×\(height)")
        }
        guard values.count == width * height else {
            throw ImageError(.invalidDimensions, "map has \(values.count) values, expected \(width)×\(height)")
        }
        self.width = width
        self.height = height
        self.values = values
    }

    public init(width: Int, height: Int, repeating value: Float = 0) throws(ImageError) {
        try self.init(width: width, height: height, values: [Float](repeating: value, count: max(0, width * height)))
    }

    @inlinable
    public subscript(x: Int, y: Int) -> Float {
        get { values[y * width + x] }
        set { values[y * width + x] = newValue }
    }

    /// Bilinear resize with half-pixel centres, exactly as OpenCV's `cv2.resize(..., INTER_LINEAR)`
    /// on float32 (which is also PyTorch's `interpolate(mode="bilinear", align_corners=False)`
    /// without antialiasing). pytorch-grad-cam upsamples CAMs this way.
    ///
    /// Source coordinate of output column `j`: `f = float((j + 0.5)·inW/outW − 0.5)`, `i = ⌊f⌋`,
    /// `t = f − i`; left of the image (`i < 0`) clamps to `i = 0, t = 0`, right of it
    /// (`i ≥ inW − 1`) to `i = inW − 1, t = 0`. Rows likewise. Horizontal interpolation first
    /// (float32), then vertical (float32), as OpenCV's separable implementation does.
    public func bilinearResized(width outW: Int, height outH: Int) throws(ImageError) -> FloatMap {
        guard outW > 0, outH > 0 else {
            throw ImageError(.invalidDimensions, "resize target must be positive, got \(outW)×\(outH)")
        }
        let xs = Self.linearTaps(inSize: width, outSize: outW)
        let ys = Self.linearTaps(inSize: height, outSize: outH)
        // Every source row resampled horizontally (float32), then rows blended vertically.
        var rows = [Float](repeating: 0, count: height * outW)
        for y in 0..<height {
            let base = y * width
            for j in 0..<outW {
                let (i, t) = xs[j]
                let a = values[base + i]
                let b = i + 1 < width ? values[base + i + 1] : a
                rows[y * outW + j] = a * (1 - t) + b * t
            }
        }
        var out = [Float](repeating: 0, count: outW * outH)
        for r in 0..<outH {
            let (i, t) = ys[r]
            let top = i * outW
            let bottom = (i + 1 < height ? i + 1 : i) * outW
            let w0 = 1 - t, w1 = t
            for j in 0..<outW { out[r * outW + j] = rows[top + j] * w0 + rows[bottom + j] * w1 }
        }
        return FloatMap(unchecked: outW, outH, out)
    }

    /// Bilinear resize with **aligned corners**, as PyTorch's `UpsamplingBilinear2d` (which
    /// pytorch-grad-cam's Score-CAM uses): source coordinate `j·(inW − 1)/(outW − 1)` in float32,
    /// corners map to corners.
    public func bilinearResizedAlignCorners(width outW: Int, height outH: Int) throws(ImageError) -> FloatMap {
        guard outW > 0, outH > 0 else {
            throw ImageError(.invalidDimensions, "resize target must be positive, got \(outW)×\(outH)")
        }
        func taps(_ inSize: Int, _ outSize: Int) -> [(Int, Int, Float)] {
            let scale: Float = outSize > 1 ? Float(inSize - 1) / Float(outSize - 1) : 0
            return (0..<outSize).map { j in
                let src = scale * Float(j)
                let i0 = min(Int(src), inSize - 1)
                let i1 = min(i0 + 1, inSize - 1)
                return (i0, i1, src - Float(i0))
            }
        }
        let xs = taps(width, outW), ys = taps(height, outH)
        var out = [Float](repeating: 0, count: outW * outH)
        for r in 0..<outH {
            let (y0, y1, ty) = ys[r]
            for j in 0..<outW {
                let (x0, x1, tx) = xs[j]
                let top = values[y0 * width + x0] * (1 - tx) + values[y0 * width + x1] * tx
                let bottom = values[y1 * width + x0] * (1 - tx) + values[y1 * width + x1] * tx
                out[r * outW + j] = top * (1 - ty) + bottom * ty
            }
        }
        return FloatMap(unchecked: outW, outH, out)
    }

    /// Nearest-neighbour resize as OpenCV's `INTER_NEAREST`: source index `min(⌊j·inW/outW⌋, inW − 1)`.
    public func nearestResized(width outW: Int, height outH: Int) throws(ImageError) -> FloatMap {
        guard outW > 0, outH > 0 else {
            throw ImageError(.invalidDimensions, "resize target must be positive, got \(outW)×\(outH)")
        }
        let sx = Double(width) / Double(outW), sy = Double(height) / Double(outH)
        var out = [Float](repeating: 0, count: outW * outH)
        let cols = (0..<outW).map { min(Int(floor(Double($0) * sx)), width - 1) }
        for r in 0..<outH {
            let y = min(Int(floor(Double(r) * sy)), height - 1)
            for j in 0..<outW { out[r * outW + j] = values[y * width + cols[j]] }
        }
        return FloatMap(unchecked: outW, outH, out)
    }

    /// Pillow's convolution resize of an "F" (float32) image: Double weights (not fixed point),
    /// Double accumulation, float32 intermediate and output, same pass-order rule as the 8-bit
    /// path. EmoCAM letterboxes CAM maps this way (§4.5 of the EmoNet/EmoCAM reference).
    public func pillowResized(width outW: Int, height outH: Int, filter: ResampleFilter = .bicubic)
        throws(ImageError) -> FloatMap
    {
        guard outW > 0, outH > 0 else {
            throw ImageError(.invalidDimensions, "resize target must be positive, got \(outW)×\(outH)")
        }
        if outW == width && outH == height { return self }
        let h = ResampleCoefficients(inSize: width, outSize: outW, filter: filter)
        let v = ResampleCoefficients(inSize: height, outSize: outH, filter: filter)
        let needH = outW != width, needV = outH != height
        var cur = (w: width, h: height, vals: values)
        func horizontal(rows: Range<Int>, columnOffset: Int) {
            var out = [Float](repeating: 0, count: outW * rows.count)
            for (oy, y) in rows.enumerated() {
                for xx in 0..<outW {
                    var ss = 0.0
                    let base = xx * h.tapStride
                    for x in 0..<h.count[xx] {
                        ss += Double(cur.vals[y * cur.w + h.start[xx] - columnOffset + x]) * h.weights[base + x]
                    }
                    out[oy * outW + xx] = Float(ss)
                }
            }
            cur = (outW, rows.count, out)
        }
        func vertical(columns: Range<Int>, rowOffset: Int) {
            var out = [Float](repeating: 0, count: columns.count * outH)
            for yy in 0..<outH {
                let base = yy * v.tapStride
                for (ox, x) in columns.enumerated() {
                    var ss = 0.0
                    for y in 0..<v.count[yy] {
                        ss += Double(cur.vals[(v.start[yy] - rowOffset + y) * cur.w + x]) * v.weights[base + y]
                    }
                    out[yy * columns.count + ox] = Float(ss)
                }
            }
            cur = (columns.count, outH, out)
        }
        if needH && needV
            && PillowResampler.runsVerticalFirst(inWidth: width, inHeight: height, outWidth: outW, outHeight: outH) {
            vertical(columns: h.firstUsed..<h.lastUsed, rowOffset: 0)
            horizontal(rows: 0..<cur.h, columnOffset: h.firstUsed)
        } else if needH {
            horizontal(rows: needV ? v.firstUsed..<v.lastUsed : 0..<height, columnOffset: 0)
            if needV { vertical(columns: 0..<cur.w, rowOffset: v.firstUsed) }
        } else {
            vertical(columns: 0..<width, rowOffset: 0)
        }
        return FloatMap(unchecked: cur.w, cur.h, cur.vals)
    }

    /// OpenCV's INTER_LINEAR taps along one axis: (index, fraction) per output sample.
    static func linearTaps(inSize: Int, outSize: Int) -> [(Int, Float)] {
        let scale = Double(inSize) / Double(outSize)
        return (0..<outSize).map { j in
            var f = Float((Double(j) + 0.5) * scale - 0.5)
            var i = Int(f.rounded(.down))
            f -= Float(i)
            if i < 0 { i = 0; f = 0 }
            if i >= inSize - 1 { i = inSize - 1; f = 0 }
            return (i, f)
        }
    }

    init(unchecked width: Int, _ height: Int, _ values: [Float]) {
        self.width = width
        self.height = height
        self.values = values
    }
}
