import Foundation

@testable import Inference

/// Paths and expectations of the PyTorch checkpoint fixtures (`Tests/Fixtures/pth/`, written by
/// `Scripts/reference/make_pth_fixtures.py`), plus builders for checkpoints made up in the tests.
enum PTHFixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support → InferenceTests → Tests → root
        return url.path
    }()

    static func path(_ name: String) -> String { root + "/Tests/Fixtures/pth/" + name }

    static func bytes(_ name: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(name)) else {
            fatalError("missing fixture \(name); run Scripts/reference/make_pth_fixtures.py")
        }
        return [UInt8](data)
    }

    struct Expected: Decodable, Sendable {
        struct Tensor: Decodable, Sendable {
            var shape: [Int]
            var dtype: String
            var bits: [UInt32]
        }
        struct Failure: Decodable, Sendable {
            var kind: String
            var tensor: String?
            var contains: String
        }
        var torch: String
        var tensors: [String: [String: Tensor]]
        var errors: [String: Failure]
    }

    static let expected: Expected = {
        let data = Data(bytes("expected.json"))
        do { return try JSONDecoder().decode(Expected.self, from: data) } catch {
            fatalError("expected.json: \(error)")
        }
    }()

    /// Scratch folder unique to one test.
    static func scratch(_ name: String = #function) -> String {
        let dir =
            NSTemporaryDirectory() + "emoshift-pth-tests-\(getpid())/" + name.filter { $0.isLetter || $0.isNumber }
        try? FileManager.default.removeItem(atPath: dir)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// Deterministic PRNG for the corruption loops (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes pickle opcodes (protocol 2 unless told otherwise).
struct PickleBuilder {
    var bytes: [UInt8]

    init(protocol version: UInt8 = 2) { bytes = [0x80, version] }

    mutating func op(_ code: UInt8) { bytes.append(code) }
    mutating func raw(_ more: [UInt8]) { bytes += more }
    mutating func mark() { op(0x28) }
    mutating func stop() { op(0x2E) }
    mutating func global(_ module: String, _ name: String) {
        op(0x63)
        raw(Array((module + "\n" + name + "\n").utf8))
    }
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        op(0x58)
        raw(le32(UInt32(utf8.count)))
        raw(utf8)
    }
    mutating func int(_ n: Int32) {
        op(0x4A)
        raw(le32(UInt32(bitPattern: n)))
    }
    mutating func tuple() { op(0x74) }
    mutating func emptyTuple() { op(0x29) }
    mutating func reduce() { op(0x52) }
    mutating func setitems() { op(0x75) }

    func le32(_ v: UInt32) -> [UInt8] {
        [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
    }

    /// `OrderedDict()` as torch writes it.
    mutating func orderedDict() {
        global("collections", "OrderedDict")
        emptyTuple()
        reduce()
    }

    /// One tensor as torch writes it:
    /// `_rebuild_tensor_v2(persistent storage, offset, size, stride, False, OrderedDict())`.
    mutating func tensor(_ t: FakeTensor) {
        global("torch._utils", "_rebuild_tensor_v2")
        mark()
        mark()
        string("storage")
        global("torch", t.storageType)
        string(t.key)
        string("cpu")
        int(Int32(t.storageCount))
        tuple()
        op(0x51)  // BINPERSID
        int(Int32(t.offset))
        mark()
        for d in t.shape { int(Int32(d)) }
        tuple()
        mark()
        for s in t.stride { int(Int32(s)) }
        tuple()
        op(0x89)  // NEWFALSE
        orderedDict()
        tuple()
        reduce()
    }

    /// A whole state_dict pickle.
    static func stateDict(_ tensors: [FakeTensor]) -> [UInt8] {
        var p = PickleBuilder()
        p.orderedDict()
        p.mark()
        for t in tensors {
            p.string(t.name)
            p.tensor(t)
        }
        p.setitems()
        p.stop()
        return p.bytes
    }
}

struct FakeTensor {
    var name: String
    var key: String
    var storageType = "FloatStorage"
    var storageCount: Int
    var offset = 0
    var shape: [Int]
    var stride: [Int]

    /// A contiguous float32 tensor covering storage `key` of `count` elements.
    static func vector(_ name: String, key: String, count: Int) -> FakeTensor {
        FakeTensor(name: name, key: key, storageCount: count, shape: [count], stride: [1])
    }
}

/// A minimal zip writer (stored entries, UTF-8 names, no data descriptors) for made-up checkpoints.
enum TestZip {
    static func build(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: UInt32, _ a: inout [UInt8]) {
            a += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
        }
        for (name, data) in entries {
            let nameBytes = Array(name.utf8)
            let crc = ZipCRC32.checksum(data)
            let offset = UInt32(out.count)
            u32(0x0403_4B50, &out)
            u16(20, &out)
            u16(0x0800, &out)
            u16(0, &out)
            u16(0, &out)
            u16(0x21, &out)
            u32(crc, &out)
            u32(UInt32(data.count), &out)
            u32(UInt32(data.count), &out)
            u16(nameBytes.count, &out)
            u16(0, &out)
            out += nameBytes
            out += data
            u32(0x0201_4B50, &central)
            u16(20, &central)
            u16(20, &central)
            u16(0x0800, &central)
            u16(0, &central)
            u16(0, &central)
            u16(0x21, &central)
            u32(crc, &central)
            u32(UInt32(data.count), &central)
            u32(UInt32(data.count), &central)
            u16(nameBytes.count, &central)
            u16(0, &central)
            u16(0, &central)
            u16(0, &central)
            u16(0, &central)
            u32(0, &central)
            u32(offset, &central)
            central += nameBytes
        }
        let cdOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out)
        u16(0, &out)
        u16(0, &out)
        u16(entries.count, &out)
        u16(entries.count, &out)
        u32(UInt32(central.count), &out)
        u32(cdOffset, &out)
        u16(0, &out)
        return out
    }

    /// A torch-style checkpoint: `archive/data.pkl`, `archive/data/<key>`, `byteorder`, `version`.
    static func checkpoint(pickle: [UInt8], storages: [(key: String, data: [UInt8])]) -> [UInt8] {
        var entries: [(name: String, data: [UInt8])] = [("archive/data.pkl", pickle)]
        entries.append(("archive/byteorder", Array("little".utf8)))
        for (key, data) in storages { entries.append(("archive/data/" + key, data)) }
        entries.append(("archive/version", Array("3\n".utf8)))
        return build(entries)
    }

    static func floats(_ values: [Float]) -> [UInt8] {
        values.flatMap { v -> [UInt8] in
            let b = v.bitPattern
            return [UInt8(b & 0xFF), UInt8(b >> 8 & 0xFF), UInt8(b >> 16 & 0xFF), UInt8(b >> 24)]
        }
    }
}
