import Crypto
import Foundation

/// EmoShift's native weight file: one binary file that is memory-mapped on load (no parsing).
///
/// Layout (all little-endian):
/// ```
/// 0   8 bytes  magic "EMOSHFTW"
/// 8   u32      format version (1)
/// 12  u32      header length H
/// 16  H bytes  JSON header: provenance, payloadOffset, payloadBytes, payloadSHA256,
///              tensors [{name, shape, offset}] (offsets in floats from the payload start),
///              meanImage {offset, count}, created, emoshift version
/// …   padding  to a multiple of 64 bytes
/// payloadOffset: float32 data, each tensor 64-byte aligned, then the 3×227×227 mean image
/// ```
/// Loading checks the magic, version, that every tensor of EmoNet is present with its exact shape
/// and lies inside the file; `verify: true` also recomputes the payload SHA-256.
public enum NativeWeightCache {
    public static let magic: [UInt8] = Array("EMOSHFTW".utf8)
    public static let formatVersion: UInt32 = 1
    public static let fileExtension = "emoshift"

    struct Header: Codable {
        struct TensorEntry: Codable { var name: String; var shape: [Int]; var offset: Int }
        struct MeanEntry: Codable { var offset: Int; var count: Int }
        var format = "emoshift-weights"
        var version: Int
        var provenance: WeightProvenance
        var payloadOffset: Int
        var payloadBytes: Int
        var payloadSHA256: String
        var tensors: [TensorEntry]
        var meanImage: MeanEntry
        var created: String
    }

    /// Whether the file at `path` starts with the native magic.
    public static func isNativeCache(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 8)) ?? Data()
        return Array(head) == magic
    }

    /// Writes `weights` to `path` atomically. The stored provenance is `weights.provenance`
    /// (its kind and hash describe the original source).
    public static func write(_ weights: EmoNetWeights, to path: String) throws(WeightError) {
        var tensors: [Header.TensorEntry] = []
        var offset = 0
        for name in EmoNetParameterLayout.names {
            let e = weights.parameters.entries[name]!
            tensors.append(.init(name: name, shape: e.shape, offset: offset))
            offset += (e.count + 15) / 16 * 16
        }
        let meanOffset = offset
        let payloadFloats = meanOffset + weights.meanImage.count
        var payload = [Float](repeating: 0, count: payloadFloats)
        payload.withUnsafeMutableBufferPointer { dst in
            for t in tensors {
                let e = weights.parameters.entries[t.name]!
                (dst.baseAddress! + t.offset).update(from: weights.parameters.pointer(t.name), count: e.count)
            }
            weights.meanImage.withUnsafeBufferPointer { (dst.baseAddress! + meanOffset).update(from: $0.baseAddress!, count: $0.count) }
        }
        let digest = payload.withUnsafeBytes { SHA256.hash(data: $0) }.map { String(format: "%02x", $0) }.joined()
        var header = Header(version: Int(formatVersion), provenance: weights.provenance, payloadOffset: 0,
                            payloadBytes: payloadFloats * 4, payloadSHA256: digest, tensors: tensors,
                            meanImage: .init(offset: meanOffset, count: weights.meanImage.count),
                            created: ISO8601DateFormatter().string(from: Date()))
        // The header's own length depends on payloadOffset: iterate to a fixed point.
        var json = Data()
        for _ in 0..<4 {
            json = (try? JSONEncoder().encode(header)) ?? Data()
            let start = (16 + json.count + 63) / 64 * 64
            if header.payloadOffset == start { break }
            header.payloadOffset = start
        }
        json = (try? JSONEncoder().encode(header)) ?? Data()
        var file = Data(magic)
        withUnsafeBytes(of: formatVersion.littleEndian) { file.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(json)
        guard file.count <= header.payloadOffset else {
            throw WeightError(.writeFailed, "internal error: header does not fit", path: path)
        }
        file.append(Data(count: header.payloadOffset - file.count))
        payload.withUnsafeBytes { file.append(contentsOf: $0) }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let tmp = path + ".tmp-\(getpid())"
        do {
            try file.write(to: URL(fileURLWithPath: tmp))
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: tmp, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw WeightError(.writeFailed, "cannot write the weight cache: \(error.localizedDescription)", path: path)
        }
    }

    /// Memory-maps a native weight file.
    public static func load(_ path: String, verify: Bool = false) throws(WeightError) -> EmoNetWeights {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            throw WeightError(code == ENOENT ? .fileNotFound : .unreadable, String(cString: strerror(code)), path: path)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw WeightError(.unreadable, "cannot stat", path: path) }
        let size = Int(st.st_size)
        guard size >= 16 else { throw WeightError(.truncated, "file is \(size) bytes: not an EmoShift weight file", path: path) }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw WeightError(.unreadable, "mmap failed: \(String(cString: strerror(errno)))", path: path)
        }
        let unmap: @Sendable (UnsafeMutableRawPointer, Int) -> Void = { p, n in munmap(p, n) }
        let raw = UnsafeRawBufferPointer(start: mapped, count: size)
        var store: ParameterStore? = nil  // owns (and finally unmaps) the mapping once made
        do {
            guard Array(raw[0..<8]) == magic else { throw WeightError(.malformed, "not an EmoShift weight file (bad magic)") }
            let version = raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
            guard version == formatVersion else {
                throw WeightError(.unsupported, "weight file format version \(version); this EmoShift reads version \(formatVersion) (re-run `emoshift weights convert`)")
            }
            let headerLength = Int(raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian)
            guard headerLength > 0, 16 + headerLength <= size else { throw WeightError(.truncated, "header runs past the end of the file") }
            let header: Header
            do {
                header = try JSONDecoder().decode(Header.self, from: Data(raw[16..<16 + headerLength]))
            } catch {
                throw WeightError(.malformed, "unreadable header: \(error)")
            }
            guard header.payloadOffset % 64 == 0, header.payloadOffset >= 16 + headerLength,
                  header.payloadBytes >= 0, header.payloadOffset + header.payloadBytes <= size else {
                throw WeightError(.truncated, "payload of \(header.payloadBytes) bytes at \(header.payloadOffset) does not fit in \(size) bytes")
            }
            let floats = header.payloadBytes / 4
            var entries: [ParameterStore.Entry] = []
            for t in header.tensors {
                guard let expected = EmoNetParameterLayout.shape(of: t.name) else {
                    throw WeightError(.unexpectedTensor, "unexpected tensor", tensor: t.name)
                }
                guard t.shape == expected else {
                    throw WeightError(.wrongShape, "shape \(t.shape) but EmoNet needs \(expected)", tensor: t.name)
                }
                guard t.offset >= 0, t.offset + expected.reduce(1, *) <= floats else {
                    throw WeightError(.truncated, "lies outside the payload", tensor: t.name)
                }
                entries.append(.init(name: t.name, shape: t.shape, offset: header.payloadOffset / 4 + t.offset))
            }
            guard header.meanImage.count == 3 * 227 * 227, header.meanImage.offset >= 0,
                  header.meanImage.offset + header.meanImage.count <= floats else {
                throw WeightError(.malformed, "mean image entry is invalid", tensor: "img_mean")
            }
            if verify {
                let digest = SHA256.hash(data: UnsafeRawBufferPointer(rebasing: raw[header.payloadOffset..<header.payloadOffset + header.payloadBytes]))
                    .map { String(format: "%02x", $0) }.joined()
                guard digest == header.payloadSHA256 else {
                    throw WeightError(.cacheMismatch, "payload SHA-256 \(digest.prefix(16))… does not match the header's \(header.payloadSHA256.prefix(16))… (file corrupted; delete it and convert again)")
                }
            }
            let meanStart = header.payloadOffset + header.meanImage.offset * 4
            let mean = Array(UnsafeBufferPointer(start: (mapped + meanStart).assumingMemoryBound(to: Float.self), count: header.meanImage.count))
            let parameters = ParameterStore(mapped: mapped, byteCount: size, entries: entries, release: unmap)
            store = parameters
            var provenance = header.provenance
            if provenance.kind != .nativeCache {
                provenance = WeightProvenance(kind: .nativeCache, path: path, sha256: header.provenance.sha256,
                                              convertedFrom: header.provenance.kind == .demo ? "demo" : header.provenance.path)
            }
            return try EmoNetWeights(parameters: parameters, meanImage: mean, provenance: provenance)
        } catch let error as WeightError {
            if store == nil { munmap(mapped, size) }
            throw error.at(path)
        } catch {
            if store == nil { munmap(mapped, size) }
            throw WeightError(.malformed, "\(error)", path: path)
        }
    }
}
