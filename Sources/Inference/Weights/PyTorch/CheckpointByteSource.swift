import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Random access to the bytes of a checkpoint: a file read with `pread` (no mapping, no copy beyond
/// the destination buffer) or an in-memory array. Reads past the end are `.truncated`.
final class CheckpointByteSource {
    private enum Backing {
        case file(Int32)
        case memory([UInt8])
    }

    private let backing: Backing
    /// Total size in bytes.
    let count: Int
    /// For messages.
    let path: String

    /// Opens a regular file for reading.
    init(path: String) throws(WeightError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw WeightError(.fileNotFound, "no such file", path: path)
            }
            throw WeightError(.unreadable, "cannot stat: \(String(cString: strerror(code)))", path: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw WeightError(.unreadable, "not a regular file", path: path)
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw WeightError(.unreadable, "cannot open: \(String(cString: strerror(errno)))", path: path)
        }
        var opened = stat()
        guard fstat(fd, &opened) == 0, opened.st_size >= 0 else {
            close(fd)
            throw WeightError(.unreadable, "cannot stat the opened file", path: path)
        }
        backing = .file(fd)
        count = Int(opened.st_size)
    }

    init(bytes: [UInt8], name: String) {
        backing = .memory(bytes)
        count = bytes.count
        path = name
    }

    deinit {
        if case .file(let fd) = backing { close(fd) }
    }

    /// Whether `[offset, offset + length)` lies inside the source (overflow-safe).
    func contains(offset: Int, length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= count && length <= count - offset
    }

    /// Fills `buffer` from `offset`.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(WeightError) {
        guard contains(offset: offset, length: buffer.count) else {
            throw WeightError(
                .truncated, "needs bytes \(offset)..<\(offset &+ buffer.count) but the file has \(count)", path: path)
        }
        guard buffer.count > 0, let base = buffer.baseAddress else { return }
        switch backing {
        case .memory(let bytes):
            bytes.withUnsafeBytes { src in
                if let s = src.baseAddress { base.copyMemory(from: s + offset, byteCount: buffer.count) }
            }
        case .file(let fd):
            var done = 0
            while done < buffer.count {
                // At most 1 GiB per call (Linux caps a single read at ~2 GiB).
                let chunk = min(buffer.count - done, 1 << 30)
                let n = pread(fd, base + done, chunk, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WeightError(.unreadable, "read failed: \(String(cString: strerror(errno)))", path: path)
                }
                if n == 0 {
                    throw WeightError(
                        .truncated, "file ended at byte \(offset + done) (it shrank while reading?)", path: path)
                }
                done += n
            }
        }
    }

    /// `length` bytes from `offset` as an array.
    func bytes(at offset: Int, length: Int) throws(WeightError) -> [UInt8] {
        guard contains(offset: offset, length: length) else {
            throw WeightError(
                .truncated, "needs bytes \(offset)..<\(offset &+ length) but the file has \(count)", path: path)
        }
        var result = [UInt8](repeating: 0, count: length)
        var failure: WeightError?
        result.withUnsafeMutableBytes { buffer in
            do throws(WeightError) { try read(at: offset, into: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        return result
    }

    /// The whole in-memory array (nil for files).
    var memoryBytes: [UInt8]? {
        if case .memory(let bytes) = backing { return bytes }
        return nil
    }
}
