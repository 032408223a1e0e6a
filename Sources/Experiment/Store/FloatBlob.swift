import Foundation

/// Encoding of `[Float]` vectors (probabilities, logits, CAM maps) as SQLite BLOBs.
///
/// Layout: `count × 4` bytes, each element the IEEE-754 binary32 bit pattern in little-endian
/// byte order, no header. The round trip is bit-exact for every value, including `-0`, subnormals,
/// infinities and NaN payloads (a REAL column or JSON could not carry NaN at all, and JSON text is
/// ~5× larger and must be parsed). A reader in Python: `numpy.frombuffer(blob, dtype="<f4")`;
/// in R: `readBin(blob, "double", size = 4, n = length(blob) / 4, endian = "little")`.
public enum FloatBlob {
    /// The little-endian float32 bytes of `values`.
    public static func encode(_ values: [Float]) -> Data {
        var data = Data(count: values.count * 4)
        data.withUnsafeMutableBytes { raw in
            for (i, v) in values.enumerated() {
                raw.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: i * 4, as: UInt32.self)
            }
        }
        return data
    }

    /// Decodes a blob written by ``encode(_:)``; `nil` when its length is not a multiple of 4.
    public static func decode(_ data: Data) -> [Float]? {
        guard data.count % 4 == 0 else { return nil }
        let n = data.count / 4
        return data.withUnsafeBytes { raw in
            #if _endian(little)
            // Same byte order as the host: one copy.
            return [Float](unsafeUninitializedCapacity: n) { buffer, count in
                if n > 0 { memcpy(buffer.baseAddress!, raw.baseAddress!, n * 4) }
                count = n
            }
            #else
            return (0..<n).map { i in
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
            }
            #endif
        }
    }

    /// Bit-pattern equality (NaN == NaN when the payloads match; `0 != -0`).
    public static func identical(_ a: [Float]?, _ b: [Float]?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x.count == y.count && zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern }
        default: return false
        }
    }

    /// Bit-pattern equality for optional doubles.
    public static func identical(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x.bitPattern == y.bitPattern
        default: return false
        }
    }
}
