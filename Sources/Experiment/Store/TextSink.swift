import Foundation

/// A buffered UTF-8 writer over a `FileHandle` (flushes every `capacity` bytes), so exports stream
/// to disk without building the output in memory.
final class TextSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity: Int

    init(_ handle: FileHandle, capacity: Int = 1 << 20) {
        self.handle = handle
        self.capacity = capacity
        buffer.reserveCapacity(capacity + 4096)
    }

    func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
