import Foundation

/// A growable, malloc-backed byte buffer that always keeps one NUL byte after its contents, so the
/// C library's `strtof` can be pointed into it safely. Used for compressed input, decompressed pieces
/// and assembled text: no zero-filling, no copy-on-write, and distinct buffers can be filled from
/// different threads.
///
/// `@unchecked Sendable`: a buffer is written by one thread at a time; the loader hands buffers between
/// phases that are separated by `DispatchQueue.concurrentPerform` barriers.
final class DumpByteBuffer: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes in use (the NUL after them is not counted).
    var count: Int = 0 {
        didSet { base[count] = 0 }
    }

    /// Returns nil when the allocation fails.
    init?(capacity: Int) {
        let cap = max(capacity, 16)
        guard let p = malloc(cap + 1)?.assumingMemoryBound(to: UInt8.self) else { return nil }
        base = p
        self.capacity = cap
        base[0] = 0
    }

    deinit { free(base) }

    var freeSpace: Int { capacity - count }

    /// Grows the capacity to at least `minimum` bytes; false when memory is exhausted.
    func reserve(_ minimum: Int) -> Bool {
        guard minimum > capacity else { return true }
        guard let p = realloc(base, minimum + 1)?.assumingMemoryBound(to: UInt8.self) else { return false }
        base = p
        capacity = minimum
        return true
    }

    func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count > 0 else { return true }
        if count + bytes.count > capacity, !reserve(max(count + bytes.count, capacity * 2)) { return false }
        memcpy(base + count, bytes.baseAddress!, bytes.count)
        count += bytes.count
        return true
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Reads a whole regular file. Errors name the file.
    static func read(path: String) throws(WeightError) -> DumpByteBuffer {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw WeightError(.fileNotFound, "no such file", path: path) }
            throw WeightError(.unreadable, "cannot access: \(String(cString: strerror(code)))", path: path)
        }
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG else {
            throw WeightError(.unreadable, type == S_IFDIR ? "is a directory, not a file" : "not a regular file", path: path)
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            throw WeightError(.unreadable, "cannot open: \(code == EACCES ? "permission denied" : String(cString: strerror(code)))", path: path)
        }
        defer { close(fd) }
        let size = Int(st.st_size)
        guard let buffer = DumpByteBuffer(capacity: size) else {
            throw WeightError(.unreadable, "out of memory reading \(size) bytes", path: path)
        }
        var probe = [UInt8](repeating: 0, count: 4096)
        while true {
            let n: Int
            if buffer.freeSpace > 0 {
                n = Foundation.read(fd, buffer.base + buffer.count, min(buffer.freeSpace, 1 << 30))
            } else {
                // The file may have grown since stat: probe before growing the buffer.
                n = probe.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
                if n > 0, !probe.withUnsafeBytes({ buffer.append(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }) {
                    throw WeightError(.unreadable, "out of memory reading the file", path: path)
                }
                if n > 0 { continue }
            }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw WeightError(.unreadable, "read failed: \(String(cString: strerror(errno)))", path: path)
            }
            buffer.count += n
        }
        return buffer
    }
}
