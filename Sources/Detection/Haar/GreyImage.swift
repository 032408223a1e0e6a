import Imaging

/// An 8-bit single-channel image: `pixels[y * width + x]`, rows top to bottom, no padding.
public struct GreyImage: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    /// Wraps `pixels`; the count must be exactly `width * height` and both sides positive.
    public init(width: Int, height: Int, pixels: [UInt8]) throws(HaarError) {
        guard width > 0, height > 0, pixels.count == width * height else {
            throw HaarError(.invalidImage, "grey image needs \(width)×\(height) = \(width * height) samples and positive sides, got \(pixels.count)")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    init(uncheckedWidth width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Luma exactly as OpenCV's `cvtColor(…, COLOR_RGB2GRAY)` / `COLOR_BGR2GRAY` on 8-bit data:
    /// `Y = (9798·R + 19235·G + 3735·B + 16384) >> 15` (Q15 BT.601 weights, round half up).
    ///
    /// Grey images are copied; grey+alpha takes the grey channel; RGBA ignores alpha (as `RGBA2GRAY`).
    public init(_ image: Image) {
        let n = image.width * image.height, cc = image.channelCount
        var out = [UInt8](repeating: 0, count: n)
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                if cc < 3 {
                    for i in 0..<n { dst[i] = src[i * cc] }
                } else {
                    for i in 0..<n {
                        let r = UInt32(src[i * cc]), g = UInt32(src[i * cc + 1]), b = UInt32(src[i * cc + 2])
                        dst[i] = UInt8(truncatingIfNeeded: (9798 &* r &+ 19235 &* g &+ 3735 &* b &+ 16384) >> 15)
                    }
                }
            }
        }
        self.init(uncheckedWidth: image.width, height: image.height, pixels: out)
    }

    /// The sample at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }

    /// A copy of the pixels inside `rect` (which is clipped to the image); `nil` when nothing is left.
    public func cropped(to rect: PixelRect) -> GreyImage? {
        let r = rect.intersection(PixelRect(x: 0, y: 0, width: width, height: height))
        guard r.width > 0, r.height > 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(r.area)
        for y in r.y..<(r.y + r.height) {
            out.append(contentsOf: pixels[(y * width + r.x)..<(y * width + r.x + r.width)])
        }
        return GreyImage(uncheckedWidth: r.width, height: r.height, pixels: out)
    }
}
