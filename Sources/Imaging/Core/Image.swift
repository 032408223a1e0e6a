/// An 8-bit raster image: `width × height` pixels, interleaved samples in ``PixelFormat`` order.
///
/// Layout: `pixels[(y * width + x) * format.channelCount + c]`, rows top to bottom, no padding.
/// Values are 0…255 as stored in the file (no gamma or colour management is applied, as in Pillow).
public struct Image: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public let format: PixelFormat
    public var pixels: [UInt8]

    /// Wraps `pixels`; the count must be exactly `width * height * format.channelCount`.
    public init(width: Int, height: Int, format: PixelFormat, pixels: [UInt8]) throws(ImageError) {
        guard width > 0, height > 0 else {
            throw ImageError(.invalidDimensions, "image dimensions must be positive, got \(width)×\(height)")
        }
        guard pixels.count == width * height * format.channelCount else {
            throw ImageError(.invalidDimensions,
                             "pixel buffer has \(pixels.count) samples, expected \(width)×\(height)×\(format.channelCount)")
        }
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }

    /// Internal initialiser for buffers whose size the caller guarantees.
    init(uncheckedWidth width: Int, height: Int, format: PixelFormat, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * format.channelCount)
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }

    /// A `width × height` image with every sample set to `value`.
    public init(width: Int, height: Int, format: PixelFormat, filledWith value: UInt8 = 0) throws(ImageError) {
        try self.init(width: width, height: height, format: format,
                      pixels: [UInt8](repeating: value, count: max(0, width * height * format.channelCount)))
    }

    public var channelCount: Int { format.channelCount }
    public var pixelCount: Int { width * height }
    /// Bytes in one row.
    public var rowStride: Int { width * format.channelCount }

    /// The sample of channel `c` at (`x`, `y`).
    @inlinable
    public subscript(x: Int, y: Int, c: Int) -> UInt8 {
        get { pixels[(y * width + x) * format.channelCount + c] }
        set { pixels[(y * width + x) * format.channelCount + c] = newValue }
    }

    /// The image as planar float32 (`C × H × W`, channel-major), values 0…255 — the layout a CNN wants.
    public func planarFloats() -> [Float] {
        let n = pixelCount, cc = channelCount
        var out = [Float](repeating: 0, count: n * cc)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for c in 0..<cc {
                    let plane = c * n
                    for i in 0..<n { dst[plane + i] = Float(src[i * cc + c]) }
                }
            }
        }
        return out
    }
}
