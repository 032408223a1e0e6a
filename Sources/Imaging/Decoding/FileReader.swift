import Foundation

/// Reads whole files with precise errors (missing, directory, special file, permission, size).
public enum FileReader {
    public static func read(_ path: String, maxBytes: Int = 1 << 30) throws(ImageError) -> [UInt8] {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw ImageError(.fileNotFound, "no such file", path: path)
            }
            throw ImageError(.unreadable, "cannot access: \(String(cString: strerror(code)))", path: path)
        }
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR { throw ImageError(.notARegularFile, "is a directory, not an image file", path: path) }
        guard type == S_IFREG else { throw ImageError(.notARegularFile, "not a regular file (device, pipe or socket)", path: path) }
        if Int(st.st_size) > maxBytes {
            throw ImageError(.tooLarge, "file is \(st.st_size) bytes, over the \(maxBytes)-byte limit", path: path)
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            let reason = code == EACCES ? "permission denied" : String(cString: strerror(code))
            throw ImageError(.unreadable, "cannot open: \(reason)", path: path)
        }
        defer { close(fd) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(st.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw ImageError(.unreadable, "read failed: \(String(cString: strerror(errno)))", path: path)
            }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxBytes {
                throw ImageError(.tooLarge, "file is over the \(maxBytes)-byte limit", path: path)
            }
        }
        return bytes
    }
}
