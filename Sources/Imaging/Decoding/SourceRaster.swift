/// Decoded samples exactly as the codec produced them, before any Pillow-style conversion.
///
/// Layout: interleaved, row-major, no padding; `bytesPerSample` is 1, or 2 for 16-bit PNG
/// (big-endian, as stored in the file). Palette PNGs arrive expanded to RGB (or RGBA when the
/// palette has tRNS); 1/2/4-bit grey arrives scaled to 8 bits by bit replication; CMYK JPEGs
/// arrive as libjpeg's (non-inverted) CMYK.
public struct SourceRaster: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var bytesPerSample: Int
    public var samples: [UInt8]

    /// Sample `c` of pixel `i` (0…255 or 0…65535).
    @inline(__always)
    func sample(_ i: Int, _ c: Int) -> Int {
        if bytesPerSample == 1 { return Int(samples[i * channels + c]) }
        let o = (i * channels + c) * 2
        return Int(samples[o]) << 8 | Int(samples[o + 1])
    }
}
