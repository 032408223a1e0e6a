import Imaging

/// Counting what a modification changed.
enum PixelDiff {
    /// Pixels whose samples differ at the same position; every output pixel when the sizes differ.
    static func changedPixels(_ a: Image, _ b: Image) -> Int {
        guard a.width == b.width, a.height == b.height, a.format == b.format else { return b.pixelCount }
        let cc = a.channelCount
        var count = 0
        a.pixels.withUnsafeBufferPointer { pa in
            b.pixels.withUnsafeBufferPointer { pb in
                for i in 0..<a.pixelCount {
                    let o = i * cc
                    for c in 0..<cc where pa[o + c] != pb[o + c] {
                        count += 1
                        break
                    }
                }
            }
        }
        return count
    }
}

/// Building images from buffers whose size the caller guarantees.
enum ImageBuffer {
    static func make(_ width: Int, _ height: Int, _ format: PixelFormat, _ pixels: [UInt8]) throws(PerturbationError) -> Image {
        do {
            return try Image(width: width, height: height, format: format, pixels: pixels)
        } catch {
            throw PerturbationError.imaging(error.description)
        }
    }

    /// Rounds half up and clamps to 0…255.
    @inline(__always)
    static func clamp8(_ v: Double) -> UInt8 {
        let r = (v + 0.5).rounded(.down)
        return r <= 0 ? 0 : (r >= 255 ? 255 : UInt8(r))
    }
}
