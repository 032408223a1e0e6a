/// A hardened reader of a zip archive's central directory, run before ZIPFoundation sees the file.
///
/// ZIPFoundation assumes honest input: hostile ZIP64 offsets or sizes make it trap (`off_t(UInt64)`,
/// `Int64(UInt64)`), and a file without an end-of-central-directory record is scanned backwards byte
/// by byte. This reader locates the records exactly as ZIPFoundation does (last EOCD signature within
/// the final 64 KiB + 22 bytes, the ZIP64 EOCD record right before its locator), checks every offset
/// and size against the file with overflow-safe arithmetic, and refuses what ZIPFoundation could
/// mis-handle (ZIP64 entries, encryption, multi-disk, unknown compression). Its entries also give the
/// data offset of each record, so stored tensors can be read straight into their destination.
struct ZipDirectory {
    struct Entry: Sendable {
        var path: String
        /// 0 = stored, 8 = deflated.
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
        /// First byte of the (compressed) data.
        var dataOffset: Int
        var isDirectory: Bool
        var isStored: Bool { method == 0 }
    }

    var entries: [Entry]
    var indexByPath: [String: Int]

    subscript(path: String) -> Entry? {
        indexByPath[path].map { entries[$0] }
    }

    static let eocdSignature: UInt32 = 0x0605_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let zip64RecordSignature: UInt32 = 0x0606_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let localSignature: UInt32 = 0x0403_4B50
    static let descriptorSignature: UInt32 = 0x0807_4B50

    /// Parses and validates the directory of `source`.
    static func read(_ source: CheckpointByteSource, maxEntries: Int) throws(WeightError) -> ZipDirectory {
        let size = source.count
        let path = source.path
        func malformed(_ message: String) -> WeightError {
            WeightError(.malformed, "zip archive: " + message, path: path)
        }
        func unsupported(_ message: String) -> WeightError {
            WeightError(.unsupported, "zip archive: " + message, path: path)
        }

        guard size >= 22 else {
            throw WeightError(.truncated, "zip archive: only \(size) bytes, too short for a zip archive", path: path)
        }

        // End of central directory: the signature nearest the end, within the last 64 KiB + 22 bytes.
        let tailLength = min(size, 65_535 + 22)
        let tailStart = size - tailLength
        let tail = try source.bytes(at: tailStart, length: tailLength)
        var eocdInTail: Int?
        var i = tailLength - 22
        while i >= 0 {
            if le32(tail, i) == eocdSignature {
                eocdInTail = i
                break
            }
            i -= 1
        }
        guard let e = eocdInTail else {
            throw WeightError(
                .truncated, "zip archive: no end-of-central-directory record (file truncated or not a zip)", path: path)
        }
        let eocd = tailStart + e
        let diskNumber = le16(tail, e + 4)
        let diskWithCD = le16(tail, e + 6)
        var entryCount = UInt64(le16(tail, e + 10))
        var cdSize = UInt64(le32(tail, e + 12))
        var cdOffset = UInt64(le32(tail, e + 16))
        let commentLength = Int(le16(tail, e + 20))
        guard commentLength <= tailLength - e - 22 else {
            throw WeightError(.truncated, "zip archive: end-of-central-directory comment runs past the end", path: path)
        }
        var directoryEnd = eocd

        // ZIP64 end of central directory (torch always writes one): locator at eocd-20, record at
        // locator-56, exactly where ZIPFoundation looks.
        if eocd > 20 + 56 {
            let locatorOffset = eocd - 20
            let locator = try source.bytes(at: locatorOffset, length: 20)
            if le32(locator, 0) == zip64LocatorSignature {
                let recordOffset = locatorOffset - 56
                let record = try source.bytes(at: recordOffset, length: 56)
                guard le32(record, 0) == zip64RecordSignature, le16(record, 14) >= 45 else {
                    throw malformed("ZIP64 locator without a valid ZIP64 end-of-central-directory record before it")
                }
                guard le64(locator, 8) == UInt64(recordOffset) else {
                    throw malformed("ZIP64 locator points to \(le64(locator, 8)), not to the record at \(recordOffset)")
                }
                guard le32(record, 16) == 0, le32(record, 20) == 0, le32(locator, 4) == 0 else {
                    throw unsupported("multi-disk archives are not supported")
                }
                entryCount = le64(record, 32)
                cdSize = le64(record, 40)
                cdOffset = le64(record, 48)
                directoryEnd = recordOffset
            } else if diskNumber != 0 || diskWithCD != 0 {
                throw unsupported("multi-disk archives are not supported")
            }
        } else if diskNumber != 0 || diskWithCD != 0 {
            throw unsupported("multi-disk archives are not supported")
        }

        guard entryCount <= UInt64(maxEntries) else {
            throw WeightError(
                .unsupported,
                "zip archive has \(entryCount) entries, more than PickleLimits.maxArchiveEntries (\(maxEntries))",
                path: path)
        }
        guard cdOffset <= UInt64(directoryEnd), cdSize <= UInt64(directoryEnd) - cdOffset else {
            throw malformed("central directory (\(cdSize) bytes at \(cdOffset)) lies outside the file")
        }
        let minimumDirectory = entryCount.multipliedReportingOverflow(by: 46)
        guard !minimumDirectory.overflow, minimumDirectory.partialValue <= cdSize else {
            throw malformed("central directory of \(cdSize) bytes cannot hold \(entryCount) entries")
        }
        let directoryOffset = Int(cdOffset)
        let cd = try source.bytes(at: directoryOffset, length: Int(cdSize))

        var entries: [Entry] = []
        var index: [String: Int] = [:]
        var p = 0
        for _ in 0..<Int(entryCount) {
            guard cd.count - p >= 46, le32(cd, p) == centralSignature else {
                throw malformed("central directory entry \(entries.count) is missing or corrupt")
            }
            let versionNeeded = le16(cd, p + 6)
            let flags = le16(cd, p + 8)
            let method = le16(cd, p + 10)
            let crc = le32(cd, p + 16)
            let compressed = le32(cd, p + 20)
            let uncompressed = le32(cd, p + 24)
            let nameLength = Int(le16(cd, p + 28))
            let extraLength = Int(le16(cd, p + 30))
            let commentLen = Int(le16(cd, p + 32))
            let localOffset = le32(cd, p + 42)
            let recordLength = 46 + nameLength + extraLength + commentLen
            guard cd.count - p >= recordLength else {
                throw malformed("central directory entry \(entries.count) runs past the directory")
            }
            let nameBytes = Array(cd[(p + 46)..<(p + 46 + nameLength)])
            let extra = Array(cd[(p + 46 + nameLength)..<(p + 46 + nameLength + extraLength)])
            p += recordLength

            guard let name = decodeName(nameBytes, utf8Flag: flags & 0x0800 != 0) else {
                throw unsupported("entry \(entries.count) has a name that is not UTF-8 / ASCII")
            }
            let shown = String(name.prefix(120))
            if flags & 0x0041 != 0 { throw unsupported("entry '\(shown)' is encrypted") }
            guard method == 0 || method == 8 else {
                throw unsupported("entry '\(shown)' uses compression method \(method) (only stored and deflate)")
            }
            if versionNeeded & 0xFF >= 45 || compressed == .max || uncompressed == .max || localOffset == .max
                || hasZip64Extra(extra)
            {
                throw unsupported("entry '\(shown)' uses ZIP64 extensions (records over 4 GiB are not supported)")
            }
            if method == 0, compressed != uncompressed {
                throw malformed("stored entry '\(shown)' has compressed size \(compressed) ≠ size \(uncompressed)")
            }
            // Deflate cannot expand more than 1032:1; a larger declared size is a lie (or a bomb).
            if method == 8, UInt64(uncompressed) > UInt64(compressed) * 1032 + 64 {
                throw malformed("entry '\(shown)' claims \(uncompressed) bytes from \(compressed) compressed bytes")
            }
            guard index[name] == nil else { throw malformed("entry '\(shown)' appears twice") }

            // Local header: must match the directory and lie before it.
            let local = Int(localOffset)
            guard local <= directoryOffset, directoryOffset - local >= 30 else {
                throw malformed("entry '\(shown)': local header offset \(local) is outside the data area")
            }
            let header = try source.bytes(at: local, length: 30)
            guard le32(header, 0) == localSignature else {
                throw malformed("entry '\(shown)': no local file header at offset \(local)")
            }
            guard le16(header, 8) == method else {
                throw malformed("entry '\(shown)': local header and central directory disagree on compression")
            }
            let localNameLength = Int(le16(header, 26))
            let localExtraLength = Int(le16(header, 28))
            let dataOffset = local + 30 + localNameLength + localExtraLength
            guard localNameLength == nameLength, dataOffset <= directoryOffset,
                try source.bytes(at: local + 30, length: nameLength) == nameBytes
            else {
                throw malformed("entry '\(shown)': local header does not match the central directory")
            }
            guard Int(compressed) <= directoryOffset - dataOffset else {
                throw malformed(
                    "entry '\(shown)': \(compressed) bytes of data at \(dataOffset) overlap the central directory")
            }
            if flags & 0x0008 != 0 {
                // Data descriptor after the data (torch writes one for every record).
                let at = dataOffset + Int(compressed)
                guard source.contains(offset: at, length: 16) else {
                    throw malformed("entry '\(shown)': data descriptor runs past the end")
                }
                let d = try source.bytes(at: at, length: 16)
                let o = le32(d, 0) == descriptorSignature ? 4 : 0
                guard le32(d, o) == crc, le32(d, o + 4) == compressed, le32(d, o + 8) == uncompressed else {
                    throw malformed("entry '\(shown)': data descriptor disagrees with the central directory")
                }
            }
            index[name] = entries.count
            entries.append(
                Entry(
                    path: name, method: method, crc32: crc, compressedSize: Int(compressed),
                    uncompressedSize: Int(uncompressed), localHeaderOffset: local, dataOffset: dataOffset,
                    isDirectory: name.hasSuffix("/")))
        }
        return ZipDirectory(entries: entries, indexByPath: index)
    }

    /// UTF-8 when flagged, otherwise only ASCII (code page 437 and ASCII agree there, so ZIPFoundation
    /// decodes the same string).
    private static func decodeName(_ bytes: [UInt8], utf8Flag: Bool) -> String? {
        if !utf8Flag, bytes.contains(where: { $0 >= 0x80 }) { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Whether an extra field block contains a ZIP64 extended-information field (ID 0x0001).
    private static func hasZip64Extra(_ extra: [UInt8]) -> Bool {
        var q = 0
        while extra.count - q >= 4 {
            if le16(extra, q) == 0x0001 { return true }
            q += 4 + Int(le16(extra, q + 2))
        }
        return false
    }

    // Little-endian reads; callers guarantee the bounds.
    static func le16(_ b: [UInt8], _ o: Int) -> UInt16 { UInt16(b[o]) | UInt16(b[o + 1]) << 8 }
    static func le32(_ b: [UInt8], _ o: Int) -> UInt32 {
        UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
    }
    static func le64(_ b: [UInt8], _ o: Int) -> UInt64 { UInt64(le32(b, o)) | UInt64(le32(b, o + 4)) << 32 }
}
