import Crypto
import Foundation

/// Reads EmoNet weights from the slow source formats (emonet-py data folder, `emonet.pth`) and
/// computes their provenance hash.
public enum WeightConverter {
    /// Loads an emonet-py data folder or an `emonet.pth` (with `img_mean.txt` beside it).
    public static func loadSource(_ path: String, isDirectory: Bool, log: (String) -> Void = { _ in }) throws(WeightError) -> EmoNetWeights {
        throw WeightError(.unsupported, "reading emonet-py dumps and .pth files is being integrated", path: path)
    }

    /// SHA-256 of a file, streamed.
    public static func sha256(ofFile path: String) throws(WeightError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw WeightError(.unreadable, "cannot open", path: path)
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 8 << 20) ?? Data() } catch {
                throw WeightError(.unreadable, "read failed: \(error.localizedDescription)", path: path)
            }
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
