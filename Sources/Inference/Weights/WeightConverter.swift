import Crypto
import Foundation

/// Reads EmoNet weights from the slow source formats (emonet-py data folder, `emonet.pth`) and
/// computes their provenance hash.
public enum WeightConverter {
    /// Loads an emonet-py data folder or an `emonet.pth` (with `img_mean.txt` beside it).
    public static func loadSource(_ path: String, isDirectory: Bool, log: (String) -> Void = { _ in }) throws(WeightError) -> EmoNetWeights {
        let clock = ContinuousClock()
        let start = clock.now
        if isDirectory {
            let dumps = path + "/conv1.weights.txt.bz2", pth = path + "/emonet.pth"
            if FileManager.default.fileExists(atPath: dumps) { return try loadDumpFolder(path, log: log) }
            if FileManager.default.fileExists(atPath: pth) { return try loadSource(pth, isDirectory: false, log: log) }
            throw WeightError(.fileNotFound, "neither MATLAB dumps (conv1.weights.txt.bz2 …) nor emonet.pth in this folder", path: path)
        }
        if NativeWeightCache.isNativeCache(path) { return try NativeWeightCache.load(path) }
        let folder = (path as NSString).deletingLastPathComponent
        let meanPath = (folder.isEmpty ? "." : folder) + "/img_mean.txt"
        guard FileManager.default.fileExists(atPath: meanPath) else {
            throw WeightError(.fileNotFound, "EmoNet needs its mean image: img_mean.txt was not found next to \(path) (it is in emonet-py's data folder)", path: meanPath)
        }
        let tensors = try PyTorchCheckpointReader.read(contentsOf: path)
        let mean = try MATLABDumpReader.readMeanImage(meanPath)
        let hash = try sha256(ofFiles: [path, meanPath])
        log("weights: read \(path) in \(String(format: "%.2f", (clock.now - start).seconds)) s")
        return try EmoNetWeights(tensors: tensors, meanImage: mean, provenance: WeightProvenance(kind: .pytorch, path: path, sha256: hash))
    }

    /// The 16 `*.txt.bz2` dumps and `img_mean.txt` of an emonet-py data folder, read in parallel.
    static func loadDumpFolder(_ path: String, log: (String) -> Void) throws(WeightError) -> EmoNetWeights {
        let clock = ContinuousClock()
        let start = clock.now
        let tensors = try MATLABDumpReader.readFolder(path)
        let meanPath = path + "/img_mean.txt"
        guard FileManager.default.fileExists(atPath: meanPath) else {
            throw WeightError(.fileNotFound, "EmoNet needs its mean image img_mean.txt in the data folder", path: meanPath)
        }
        let mean = try MATLABDumpReader.readMeanImage(meanPath)
        log("weights: parsed 16 dumps + img_mean.txt from \(path) in \(String(format: "%.2f", (clock.now - start).seconds)) s (files in parallel)")
        let files = EmoNetParameterLayout.names.map { name -> String in
            let parts = name.split(separator: ".")
            return "\(path)/\(parts[0]).\(parts[1] == "weight" ? "weights" : "bias").txt.bz2"
        } + [meanPath]
        let hash = try sha256(ofFiles: files)
        return try EmoNetWeights(tensors: tensors, meanImage: mean, provenance: WeightProvenance(kind: .matlabDumps, path: path, sha256: hash))
    }

    /// One file's SHA-256, or for several files the SHA-256 of their hex digests joined by newlines
    /// (in the given order).
    public static func sha256(ofFiles paths: [String]) throws(WeightError) -> String {
        if paths.count == 1 { return try sha256(ofFile: paths[0]) }
        var joined = ""
        for p in paths { joined += try sha256(ofFile: p) + "\n" }
        return SHA256.hash(data: Data(joined.utf8)).map { String(format: "%02x", $0) }.joined()
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
