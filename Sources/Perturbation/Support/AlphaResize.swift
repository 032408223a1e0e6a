import Imaging

/// Pillow's `Image.resize` for RGBA, bit-exact: Pillow converts RGBA → RGBa (premultiplied),
/// resamples, and converts back (`Image.resize` in Pillow ≥ 7 for every filter except NEAREST).
///
///     premultiply (Convert.c rgbA2rgba):   c' = MULDIV255(c, a) = ((t >> 8) + t) >> 8, t = c·a + 128
///     unpremultiply (Convert.c rgba2rgbA): c = a ∈ {0, 255} ? c' : min(255, (255·c') / a)   (integer division)
///
/// so transparent pixels contribute no colour to their neighbours.
enum AlphaResize {
    static func resize(_ image: Image, width: Int, height: Int, filter: ResampleFilter = .bicubic) throws(PerturbationError) -> Image {
        precondition(image.format == .rgba)
        if width == image.width && height == image.height { return image }
        var pre = image.pixels
        for i in stride(from: 0, to: pre.count, by: 4) {
            let a = Int(pre[i + 3])
            for c in 0..<3 {
                let t = Int(pre[i + c]) * a + 128
                pre[i + c] = UInt8(((t >> 8) + t) >> 8)
            }
        }
        let resized: Image
        do {
            resized = try PillowResampler.resize(try Image(width: image.width, height: image.height, format: .rgba, pixels: pre),
                                                 width: width, height: height, filter: filter)
        } catch {
            throw PerturbationError.imaging("cut-out resize: \(error.description)")
        }
        var px = resized.pixels
        for i in stride(from: 0, to: px.count, by: 4) {
            let a = Int(px[i + 3])
            if a == 0 || a == 255 { continue }
            for c in 0..<3 { px[i + c] = UInt8(min(255, (255 * Int(px[i + c])) / a)) }
        }
        return try ImageBuffer.make(width, height, .rgba, px)
    }
}
