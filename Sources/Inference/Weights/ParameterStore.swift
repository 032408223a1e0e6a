import Foundation

/// Immutable float32 parameter memory shared by every user of a model: either one heap
/// allocation filled from a loader, or a read-only memory map of a native weight cache.
///
/// Tensors are views `(offset, count)` in floats into that memory. The store is safe to share
/// across threads because nothing mutates it after `init`.
public final class ParameterStore: @unchecked Sendable {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var shape: [Int]
        /// Offset in floats from the start of the store.
        public var offset: Int
        public var count: Int { shape.reduce(1, *) }
    }

    public let entries: [String: Entry]
    /// Names in storage order.
    public let order: [String]
    private let base: UnsafeMutableRawPointer
    private let byteCount: Int
    private let release: @Sendable (UnsafeMutableRawPointer, Int) -> Void

    /// Copies `tensors` (in `order`) into one 64-byte-aligned allocation.
    public init(tensors: [(name: String, tensor: WeightTensor)]) {
        var entries: [String: Entry] = [:]
        var offset = 0
        for (name, t) in tensors {
            entries[name] = Entry(name: name, shape: t.shape, offset: offset)
            offset += (t.values.count + 15) / 16 * 16  // keep each tensor 64-byte aligned
        }
        let bytes = max(64, offset * 4)
        let memory = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        let floats = memory.assumingMemoryBound(to: Float.self)
        for (name, t) in tensors {
            t.values.withUnsafeBufferPointer { (floats + entries[name]!.offset).update(from: $0.baseAddress!, count: $0.count) }
        }
        self.entries = entries
        self.order = tensors.map(\.name)
        self.base = memory
        self.byteCount = bytes
        self.release = { p, _ in p.deallocate() }
    }

    /// Wraps memory owned elsewhere (e.g. an `mmap`); `release` is called once on deinit.
    init(mapped base: UnsafeMutableRawPointer, byteCount: Int, entries: [Entry],
         release: @escaping @Sendable (UnsafeMutableRawPointer, Int) -> Void) {
        var dict: [String: Entry] = [:]
        for e in entries { dict[e.name] = e }
        self.entries = dict
        self.order = entries.map(\.name)
        self.base = base
        self.byteCount = byteCount
        self.release = release
    }

    deinit { release(base, byteCount) }

    public func contains(_ name: String) -> Bool { entries[name] != nil }

    /// Pointer to the first float of `name` (precondition: present).
    public func pointer(_ name: String) -> UnsafePointer<Float> {
        guard let e = entries[name] else { preconditionFailure("no parameter \(name)") }
        return UnsafePointer(base.assumingMemoryBound(to: Float.self) + e.offset)
    }

    /// A copy of one tensor.
    public func tensor(_ name: String) -> WeightTensor? {
        guard let e = entries[name] else { return nil }
        return WeightTensor(shape: e.shape, values: Array(UnsafeBufferPointer(start: pointer(name), count: e.count)))
    }

    /// Total bytes of parameter memory.
    public var totalBytes: Int { byteCount }
}
