import Foundation
import ZIPFoundation

/// The zip container of a `torch.save` file: `<prefix>/data.pkl`, `<prefix>/data/<key>` storages and
/// small records (`byteorder`, `version`, …), all under one top-level folder.
///
/// The directory is first validated by `ZipDirectory`; ZIPFoundation then opens the same file, its view
/// of the entries must agree, and it extracts `data.pkl`, the small records and any deflated storage.
/// Stored storages (torch writes every record uncompressed, 64-byte aligned) are read with `pread`
/// straight into the destination buffer, with the CRC-32 computed on the way.
final class PyTorchArchive {
    let source: CheckpointByteSource
    let directory: ZipDirectory
    /// The folder every record lives in (torch uses the file's stem, or "archive").
    let prefix: String
    let verifyChecksums: Bool
    private let archive: Archive
    private let zipEntries: [String: ZIPFoundation.Entry]

    init(source: CheckpointByteSource, limits: PickleLimits, verifyChecksums: Bool) throws(WeightError) {
        self.source = source
        self.verifyChecksums = verifyChecksums
        let directory = try ZipDirectory.read(source, maxEntries: limits.maxArchiveEntries)
        self.directory = directory

        // Locate `<prefix>/data.pkl`.
        let pickles = directory.entries.filter { entry in
            guard entry.path.hasSuffix("/data.pkl") else { return false }
            return !entry.path.dropLast("/data.pkl".count).contains("/")
        }
        guard pickles.count == 1, let pickle = pickles.first else {
            if pickles.isEmpty {
                throw WeightError(
                    .malformed,
                    "zip archive has no '<archive>/data.pkl' record: not a torch.save checkpoint", path: source.path)
            }
            throw WeightError(.malformed, "zip archive has \(pickles.count) data.pkl records", path: source.path)
        }
        let prefix = String(pickle.path.dropLast("/data.pkl".count))
        self.prefix = prefix
        if directory[prefix + "/constants.pkl"] != nil
            || directory.entries.contains(where: { $0.path.hasPrefix(prefix + "/code/") })
        {
            throw WeightError(
                .unsupported,
                "this is a TorchScript archive (torch.jit.save), not a state_dict; "
                    + "save model.state_dict() with torch.save",
                path: source.path)
        }

        // ZIPFoundation over the same bytes; its entries must match the validated directory.
        do {
            if let bytes = source.memoryBytes {
                archive = try Archive(data: Data(bytes), accessMode: .read)
            } else {
                archive = try Archive(url: URL(fileURLWithPath: source.path), accessMode: .read)
            }
        } catch {
            throw WeightError(.malformed, "zip archive cannot be opened: \(error)", path: source.path)
        }
        var entries: [String: ZIPFoundation.Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= directory.entries.count, let expected = directory[entry.path],
                entry.checksum == expected.crc32,
                entry.compressedSize == UInt64(expected.compressedSize),
                entry.uncompressedSize == UInt64(expected.uncompressedSize)
            else {
                throw WeightError(
                    .malformed, "zip archive: inconsistent metadata for entry '\(entry.path.prefix(120))'",
                    path: source.path)
            }
            entries[entry.path] = entry
        }
        guard entries.count == directory.entries.count else {
            throw WeightError(
                .malformed,
                "zip archive: \(directory.entries.count) entries in the central directory but only "
                    + "\(entries.count) readable",
                path: source.path)
        }
        zipEntries = entries
    }

    /// The record `<prefix>/<name>`, if present.
    func entry(_ name: String) -> ZipDirectory.Entry? {
        directory[prefix + "/" + name]
    }

    /// A small record (data.pkl, byteorder, version) through ZIPFoundation, at most `maxBytes`.
    func readSmallRecord(_ entry: ZipDirectory.Entry, maxBytes: Int, limitName: String) throws(WeightError) -> [UInt8] {
        guard entry.uncompressedSize <= maxBytes else {
            throw WeightError(
                .unsupported,
                "record '\(entry.path)' is \(entry.uncompressedSize) bytes, more than \(limitName) (\(maxBytes))",
                path: source.path)
        }
        var bytes = [UInt8](repeating: 0, count: entry.uncompressedSize)
        var failure: WeightError?
        bytes.withUnsafeMutableBytes { buffer in
            do throws(WeightError) { try extract(entry, into: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Fills `buffer` (exactly the record's size) with the record's bytes and checks its CRC-32.
    func read(_ entry: ZipDirectory.Entry, into buffer: UnsafeMutableRawBufferPointer) throws(WeightError) {
        if entry.isStored {
            try readStored(entry, into: buffer)
        } else {
            try extract(entry, into: buffer)
        }
    }

    /// Stored record: `pread` in 1 MiB chunks straight into `buffer`, CRC on the way.
    private func readStored(_ entry: ZipDirectory.Entry, into buffer: UnsafeMutableRawBufferPointer) throws(WeightError)
    {
        guard buffer.count == entry.uncompressedSize else {
            throw WeightError(.malformed, "record '\(entry.path)' has an unexpected size", path: source.path)
        }
        var crc: UInt32 = 0
        var done = 0
        let chunk = 4 << 20
        while done < buffer.count {
            let n = min(chunk, buffer.count - done)
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[done..<(done + n)])
            try source.read(at: entry.dataOffset + done, into: slice)
            if verifyChecksums { crc = ZipCRC32.update(crc, UnsafeRawBufferPointer(slice)) }
            done += n
        }
        try checkCRC(entry, crc)
    }

    /// Any record through ZIPFoundation (deflate or stored), bounded by `buffer`.
    private func extract(_ entry: ZipDirectory.Entry, into buffer: UnsafeMutableRawBufferPointer) throws(WeightError) {
        guard buffer.count == entry.uncompressedSize, let zipEntry = zipEntries[entry.path] else {
            throw WeightError(.malformed, "record '\(entry.path)' cannot be read", path: source.path)
        }
        guard zipEntry.type == .file else {
            throw WeightError(
                .unsupported, "record '\(entry.path)' is a \(zipEntry.type), not a file", path: source.path)
        }
        var filled = 0
        var crc: UInt32 = 0
        let verify = verifyChecksums
        let path = source.path
        do {
            _ = try archive.extract(zipEntry, bufferSize: 1 << 20, skipCRC32: true) { data in
                guard data.count <= buffer.count - filled else {
                    throw WeightError(
                        .malformed, "record '\(entry.path)' inflates to more than its declared \(buffer.count) bytes",
                        path: path)
                }
                data.withUnsafeBytes { chunk in
                    guard let src = chunk.baseAddress, let dst = buffer.baseAddress, chunk.count > 0 else { return }
                    (dst + filled).copyMemory(from: src, byteCount: chunk.count)
                    if verify { crc = ZipCRC32.update(crc, chunk) }
                }
                filled += data.count
            }
        } catch let error as WeightError {
            throw error
        } catch {
            throw WeightError(.malformed, "record '\(entry.path)' cannot be extracted: \(error)", path: source.path)
        }
        guard filled == buffer.count else {
            throw WeightError(
                .truncated, "record '\(entry.path)' yields \(filled) of its \(buffer.count) bytes", path: source.path)
        }
        try checkCRC(entry, crc)
    }

    /// A stored CRC of 0 on a non-empty record means "not computed" (torch's
    /// `set_crc32_options(False)`), so it is not checked.
    private func checkCRC(_ entry: ZipDirectory.Entry, _ crc: UInt32) throws(WeightError) {
        guard verifyChecksums, entry.crc32 != 0 || entry.uncompressedSize == 0 else { return }
        guard crc == entry.crc32 else {
            throw WeightError(
                .malformed,
                "record '\(entry.path)' is corrupt: CRC-32 \(hex(crc)) does not match the archive's "
                    + hex(entry.crc32),
                path: source.path)
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
