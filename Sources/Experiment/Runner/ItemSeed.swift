import Crypto
import Foundation

/// Per-item seeds: a pure function of (spec seed, image content hash, condition id), so results do
/// not depend on the order images are processed in, on `--jobs` or on sharding.
/// `seed = first 8 bytes (big-endian) of SHA-256("<spec seed>/<image sha256>/<condition>")`.
public enum ItemSeed {
    public static func make(specSeed: UInt64, imageSHA256: String, condition: String) -> UInt64 {
        let digest = SHA256.hash(data: Data("\(specSeed)/\(imageSHA256)/\(condition)".utf8))
        return digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
