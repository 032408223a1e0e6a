import Foundation
import Testing

@testable import Inference

/// `PyTorchCheckpointReader` and `RestrictedUnpickler`: real torch files (`Tests/Fixtures/pth/`),
/// refusals, corruptions made on the fly, limits, and hostile pickles.
@Suite("PyTorchCheckpoint")
struct PyTorchCheckpointTests {
    // MARK: - Real torch files

    static let readable = PTHFixtures.expected.tensors.keys.sorted()
    static let refused = PTHFixtures.expected.errors.keys.sorted()

    @Test("reads torch.save files to the exact float32 values", arguments: readable)
    func readsFixture(_ file: String) throws {
        let expected = try #require(PTHFixtures.expected.tensors[file])
        let tensors = try PyTorchCheckpointReader.read(contentsOf: PTHFixtures.path(file))
        #expect(Set(tensors.keys) == Set(expected.keys))
        for (name, want) in expected {
            let got = try #require(tensors[name], "\(file): \(name) missing")
            #expect(got.shape == want.shape, "\(file): \(name)")
            #expect(got.values.count == want.bits.count, "\(file): \(name)")
            #expect(got.values.map(\.bitPattern) == want.bits, "\(file): \(name) (\(want.dtype)) values differ")
        }
    }

    @Test("in-memory bytes read the same as the file", arguments: readable)
    func readsFromMemory(_ file: String) throws {
        let fromFile = try PyTorchCheckpointReader.read(contentsOf: PTHFixtures.path(file))
        let fromMemory = try PyTorchCheckpointReader.read(bytes: PTHFixtures.bytes(file), name: file)
        #expect(fromFile == fromMemory)
    }

    @Test("refuses with a clear error", arguments: refused)
    func refusesFixture(_ file: String) throws {
        let want = try #require(PTHFixtures.expected.errors[file])
        let path = PTHFixtures.path(file)
        let error = #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(contentsOf: path) }
        #expect(error?.kind.rawValue == want.kind, "\(file): \(String(describing: error))")
        #expect(error?.tensor == want.tensor, "\(file): \(String(describing: error))")
        #expect(error?.message.contains(want.contains) == true, "\(file): \(String(describing: error))")
        #expect(error?.path == path)
    }

    @Test func sharedStorageViewsHonourOffsets() throws {
        let t = try PyTorchCheckpointReader.read(contentsOf: PTHFixtures.path("state_dict.pth"))
        let base = try #require(t["shared.base"]).values
        #expect(try #require(t["shared.view"]).values == Array(base[5..<11]))
        #expect(try #require(t["shared.rows"]).values == Array(base[5..<15]))
        #expect(t["shared.rows"]?.shape == [2, 5])
        #expect(t["scalar"] == WeightTensor(shape: [], values: [3.25]))
        #expect(t["empty"] == WeightTensor(shape: [0], values: []))
        #expect(t["empty3d"] == WeightTensor(shape: [2, 0, 3], values: []))
    }

    @Test func missingFileAndNonFiles() throws {
        let missing = #expect(throws: WeightError.self) {
            try PyTorchCheckpointReader.read(contentsOf: "/nonexistent/emonet.pth")
        }
        #expect(missing?.kind == .fileNotFound)
        #expect(missing?.path == "/nonexistent/emonet.pth")
        let dir = PTHFixtures.scratch()
        #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(contentsOf: dir) }
        let empty = dir + "/empty.pth"
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let error = #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(contentsOf: empty) }
        #expect(error?.kind == .truncated)
        let text = #expect(throws: WeightError.self) {
            try PyTorchCheckpointReader.read(bytes: Array("hello world".utf8))
        }
        #expect(text?.kind == .malformed)
    }

    // MARK: - Corruption (never a crash)

    @Test func truncatedAtEveryOffsetFails() throws {
        let bytes = PTHFixtures.bytes("state_dict.pth")
        for cut in 0..<bytes.count {
            let error = #expect(throws: WeightError.self, "cut at \(cut)") {
                try PyTorchCheckpointReader.read(bytes: Array(bytes[..<cut]))
            }
            if let error {
                #expect([.truncated, .malformed].contains(error.kind), "cut at \(cut): \(error)")
            }
        }
    }

    @Test func truncatedFileOnDiskFails() throws {
        let bytes = PTHFixtures.bytes("half_bf16.pth")
        let dir = PTHFixtures.scratch()
        for cut in [1, 4, 30, 64, 100, bytes.count / 2, bytes.count - 100, bytes.count - 22, bytes.count - 1] {
            let path = dir + "/cut\(cut).pth"
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes[..<cut])))
            let error = #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(contentsOf: path) }
            #expect(error?.path == path)
        }
    }

    @Test func corruptPickleBytesAreCaughtByCRC() throws {
        let bytes = PTHFixtures.bytes("state_dict.pth")
        let directory = try ZipDirectory.read(CheckpointByteSource(bytes: bytes, name: "x"), maxEntries: 100)
        let pickle = try #require(directory["archive/data.pkl"])
        let pickleRange = pickle.dataOffset..<(pickle.dataOffset + pickle.uncompressedSize)
        var rng = SeededGenerator(seed: 1)
        for seed in 0..<200 {
            var corrupt = bytes
            let at = Int.random(in: pickleRange, using: &rng)
            corrupt[at] ^= UInt8.random(in: 1...255, using: &rng)
            let error = #expect(throws: WeightError.self, "seed \(seed)") {
                try PyTorchCheckpointReader.read(bytes: corrupt)
            }
            #expect(error?.message.contains("CRC-32") == true, "seed \(seed): \(String(describing: error))")
        }
    }

    @Test func corruptPickleNeverCrashesTheUnpickler() throws {
        let pickles = ["state_dict.pth", "protocol4.pth", "half_bf16.pth"].map(pickleBytes)
        var rng = SeededGenerator(seed: 2)
        var failures = 0
        for seed in 0..<600 {
            var p = pickles[seed % pickles.count]
            switch seed % 4 {
            case 0:  // 1–4 byte flips
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    p[Int.random(in: 0..<p.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
                }
            case 1:  // random bytes written over a run
                let at = Int.random(in: 0..<p.count, using: &rng)
                for i in at..<min(p.count, at + Int.random(in: 1...16, using: &rng)) {
                    p[i] = UInt8.random(in: 0...255, using: &rng)
                }
            case 2:  // truncation
                p = Array(p[..<Int.random(in: 0..<p.count, using: &rng)])
            default:  // a run deleted or duplicated
                let at = Int.random(in: 0..<p.count, using: &rng)
                let end = min(p.count, at + Int.random(in: 1...12, using: &rng))
                if rng.next() & 1 == 0 { p.removeSubrange(at..<end) } else { p.insert(contentsOf: p[at..<end], at: at) }
            }
            do {
                _ = try RestrictedUnpickler.unpickle(p)
            } catch {
                failures += 1
            }
            // And through the whole reader with CRC checks off, so the graph reaches the tensor builder.
            let zip = TestZip.checkpoint(pickle: p, storages: fixtureStorages("state_dict.pth"))
            _ = try? PyTorchCheckpointReader.read(bytes: zip, verifyChecksums: false)
        }
        #expect(failures > 400)
    }

    @Test func corruptArchiveBytesNeverCrash() throws {
        let files = ["state_dict.pth", "deflated.pth", "big_endian.pth"].map(PTHFixtures.bytes)
        var rng = SeededGenerator(seed: 3)
        for seed in 0..<600 {
            var bytes = files[seed % files.count]
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                // Half the flips hit the zip directory at the end, where structure lives.
                let region = rng.next() & 1 == 0 ? 0..<bytes.count : max(0, bytes.count - 400)..<bytes.count
                bytes[Int.random(in: region, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            }
            _ = try? PyTorchCheckpointReader.read(bytes: bytes)
            _ = try? PyTorchCheckpointReader.read(bytes: bytes, verifyChecksums: false)
        }
    }

    @Test func corruptStorageIsCaughtByCRC() throws {
        var bytes = PTHFixtures.bytes("state_dict.pth")
        let directory = try ZipDirectory.read(CheckpointByteSource(bytes: bytes, name: "x"), maxEntries: 100)
        let record = try #require(directory["archive/data/0"])
        bytes[record.dataOffset + 5] ^= 0x40
        let error = #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(bytes: bytes) }
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains("CRC-32") == true)
        #expect(error?.tensor != nil)
        // Unchecked, the flipped bit comes through.
        let unchecked = try PyTorchCheckpointReader.read(bytes: bytes, verifyChecksums: false)
        let original = try PyTorchCheckpointReader.read(contentsOf: PTHFixtures.path("state_dict.pth"))
        #expect(unchecked != original)
    }

    @Test func hostileZip64DirectoryValuesAreRefused() throws {
        let bytes = PTHFixtures.bytes("state_dict.pth")
        let eocd = try #require(lastIndex(of: [0x50, 0x4B, 0x05, 0x06], in: bytes))
        let record = eocd - 20 - 56
        #expect(Array(bytes[record..<record + 4]) == [0x50, 0x4B, 0x06, 0x06])
        // Central directory offset / size / entry count near UInt64.max: ZIPFoundation alone would trap.
        for (field, value) in [(48, UInt64.max - 15), (40, UInt64.max), (32, UInt64.max), (48, 1 << 62)] {
            var corrupt = bytes
            for i in 0..<8 { corrupt[record + field + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
            let error = #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(bytes: corrupt) }
            #expect([.malformed, .unsupported].contains(error?.kind), "\(String(describing: error))")
        }
        // A central-directory entry whose local header offset is the ZIP64 marker.
        let central = try #require(firstIndex(of: [0x50, 0x4B, 0x01, 0x02], in: bytes))
        var corrupt = bytes
        for i in 0..<4 { corrupt[central + 42 + i] = 0xFF }
        let error = #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(bytes: corrupt) }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("ZIP64") == true)
    }

    @Test func deflatedEntryClaimingAnImpossibleSizeIsRefused() throws {
        var bytes = PTHFixtures.bytes("deflated.pth")
        let entry = try #require(centralEntry(named: "archive/data/0", in: bytes))
        for i in 0..<4 { bytes[entry + 24 + i] = [0x00, 0x00, 0x00, 0x40][i] }  // uncompressed size 1 GiB
        let error = #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(bytes: bytes) }
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains("claims") == true)
    }

    // MARK: - Made-up checkpoints

    @Test func builtCheckpointRoundTrips() throws {
        let values: [Float] = (0..<12).map { Float($0) * 0.25 - 1 }
        let pickle = PickleBuilder.stateDict([
            FakeTensor(name: "w", key: "0", storageCount: 12, shape: [3, 4], stride: [4, 1]),
            FakeTensor(name: "tail", key: "0", storageCount: 12, offset: 8, shape: [2, 2], stride: [2, 1]),
        ])
        let zip = TestZip.checkpoint(pickle: pickle, storages: [("0", TestZip.floats(values))])
        let t = try PyTorchCheckpointReader.read(bytes: zip)
        #expect(t["w"] == WeightTensor(shape: [3, 4], values: values))
        #expect(t["tail"] == WeightTensor(shape: [2, 2], values: Array(values[8...])))
    }

    @Test func missingStorageRecord() throws {
        let pickle = PickleBuilder.stateDict([.vector("a", key: "0", count: 2), .vector("b", key: "1", count: 3)])
        let zip = TestZip.checkpoint(pickle: pickle, storages: [("0", TestZip.floats([1, 2]))])
        let error = #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(bytes: zip) }
        #expect(error?.kind == .malformed)
        #expect(error?.tensor == "b")
        #expect(error?.message.contains("missing") == true)
    }

    @Test func wrongStorageSize() throws {
        let pickle = PickleBuilder.stateDict([.vector("a", key: "0", count: 4)])
        let zip = TestZip.checkpoint(pickle: pickle, storages: [("0", TestZip.floats([1, 2, 3]))])
        let error = #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(bytes: zip) }
        #expect(error?.kind == .malformed)
        #expect(error?.tensor == "a")
        #expect(error?.message.contains("holds 12 bytes") == true)
    }

    @Test func viewOutsideItsStorage() throws {
        let pickle = PickleBuilder.stateDict([
            FakeTensor(name: "a", key: "0", storageCount: 4, offset: 3, shape: [2], stride: [1])
        ])
        let zip = TestZip.checkpoint(pickle: pickle, storages: [("0", TestZip.floats([1, 2, 3, 4]))])
        let error = #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(bytes: zip) }
        #expect(error?.kind == .malformed)
        #expect(error?.tensor == "a")
    }

    @Test func manyViewsOfOneStorageHitTheExpansionLimit() throws {
        let count = 1 << 14  // 64 KiB storage
        let views = (0..<200).map { FakeTensor.vector("v\($0)", key: "0", count: count) }
        let zip = TestZip.checkpoint(
            pickle: PickleBuilder.stateDict(views),
            storages: [("0", TestZip.floats([Float](repeating: 1, count: count)))])
        let error = #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(bytes: zip) }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("maxExpansionRatio") == true)
        // With a generous limit the same file reads.
        let t = try PyTorchCheckpointReader.read(bytes: zip, limits: PickleLimits(maxExpansionRatio: 1000))
        #expect(t.count == 200)
    }

    @Test func duplicateKeysKeepTheLastLikePython() throws {
        let pickle = PickleBuilder.stateDict([.vector("a", key: "0", count: 1), .vector("a", key: "1", count: 1)])
        let zip = TestZip.checkpoint(
            pickle: pickle, storages: [("0", TestZip.floats([1])), ("1", TestZip.floats([2]))])
        #expect(try PyTorchCheckpointReader.read(bytes: zip)["a"]?.values == [2])
    }

    @Test func nonTensorEntriesAndNonDictRootsAreRefused() throws {
        var p = PickleBuilder()
        p.op(0x7D)  // EMPTY_DICT
        p.string("epoch")
        p.int(3)
        p.op(0x73)  // SETITEM
        p.stop()
        let error = #expect(throws: WeightError.self) {
            try PyTorchCheckpointReader.read(bytes: TestZip.checkpoint(pickle: p.bytes, storages: []))
        }
        #expect(error?.kind == .unsupported)
        #expect(error?.tensor == "epoch")
        var list = PickleBuilder()
        list.op(0x5D)  // EMPTY_LIST
        list.stop()
        let root = #expect(throws: WeightError.self) {
            try PyTorchCheckpointReader.read(bytes: TestZip.checkpoint(pickle: list.bytes, storages: []))
        }
        #expect(root?.message.contains("not a state_dict") == true)
    }

    @Test func archiveWithoutDataPickle() throws {
        let zip = TestZip.build([("archive/version", Array("3\n".utf8))])
        let error = #expect(throws: WeightError.self) { try PyTorchCheckpointReader.read(bytes: zip) }
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains("data.pkl") == true)
    }

    // MARK: - Hostile pickles

    static let forbiddenGlobals: [(String, String)] = [
        ("os", "system"), ("posix", "system"), ("nt", "system"), ("builtins", "eval"), ("builtins", "exec"),
        ("__builtin__", "eval"), ("builtins", "getattr"), ("subprocess", "Popen"), ("torch", "load"),
        ("torch._utils", "_rebuild_qtensor"), ("collections", "defaultdict"), ("torch.serialization", "load"),
        ("numpy.core.multiarray", "_reconstruct"), ("__main__", "Net"),
    ]

    @Test("GLOBAL outside the allow-list is refused", arguments: 0..<forbiddenGlobals.count)
    func refusesForbiddenGlobal(_ index: Int) throws {
        let (module, name) = Self.forbiddenGlobals[index]
        // GLOBAL form.
        var p = PickleBuilder()
        p.global(module, name)
        p.string("echo pwned")
        p.op(0x85)  // TUPLE1
        p.reduce()
        p.stop()
        let error = #expect(throws: WeightError.self) {
            try PyTorchCheckpointReader.read(bytes: TestZip.checkpoint(pickle: p.bytes, storages: []))
        }
        #expect(error?.kind == .unsafePickle)
        #expect(error?.message.contains("'\(module).\(name)'") == true)
        // STACK_GLOBAL form (protocol 4).
        var q = PickleBuilder(protocol: 4)
        q.string(module)
        q.string(name)
        q.op(0x93)  // STACK_GLOBAL
        q.emptyTuple()
        q.reduce()
        q.stop()
        let stacked = #expect(throws: WeightError.self) { try RestrictedUnpickler.unpickle(q.bytes) }
        #expect(stacked?.kind == .unsafePickle)
    }

    @Test func objectConstructingOpcodesAreRefused() throws {
        let bodies: [[UInt8]] = [
            [0x28] + Array("os\nsystem\n".utf8).withPrefix(0x69),  // MARK INST os system
            [0x28, 0x4E, 0x6F],  // MARK NONE OBJ
            [0x4E, 0x29, 0x81],  // NONE EMPTY_TUPLE NEWOBJ
            [0x82, 0x01],  // EXT1 1
            [0x83, 0x01, 0x00],  // EXT2
            [0x84, 0x01, 0x00, 0x00, 0x00],  // EXT4
        ]
        for body in bodies {
            let error = #expect(throws: WeightError.self) {
                try RestrictedUnpickler.unpickle([0x80, 0x02] + body + [0x2E])
            }
            #expect(error?.kind == .unsafePickle, "\(body)")
        }
    }

    @Test func allowListedGlobalsCannotBeMisused() throws {
        // Calling a storage type, REDUCE on a non-global, _rebuild_from_type_v2 with a non-rebuild function.
        var a = PickleBuilder()
        a.global("torch", "FloatStorage")
        a.emptyTuple()
        a.reduce()
        a.stop()
        #expect(throws: WeightError.self) { try RestrictedUnpickler.unpickle(a.bytes) }
        var b = PickleBuilder()
        b.string("os.system")
        b.emptyTuple()
        b.reduce()
        b.stop()
        let nonGlobal = #expect(throws: WeightError.self) { try RestrictedUnpickler.unpickle(b.bytes) }
        #expect(nonGlobal?.kind == .unsafePickle)
        var c = PickleBuilder()
        c.global("torch._tensor", "_rebuild_from_type_v2")
        c.mark()
        c.global("collections", "OrderedDict")
        c.global("torch", "Tensor")
        c.emptyTuple()
        c.op(0x4E)
        c.tuple()
        c.reduce()
        c.stop()
        let fromType = #expect(throws: WeightError.self) { try RestrictedUnpickler.unpickle(c.bytes) }
        #expect(fromType?.kind == .unsafePickle)
        // A persistent id that is not a storage.
        var d = PickleBuilder()
        d.mark()
        d.string("module")
        d.global("torch", "FloatStorage")
        d.string("0")
        d.string("cpu")
        d.int(1)
        d.tuple()
        d.op(0x51)
        d.stop()
        #expect(throws: WeightError.self) { try RestrictedUnpickler.unpickle(d.bytes) }
    }

    // MARK: - Limits

    @Test func limitsAreEnforced() throws {
        func kindAndMessage(_ bytes: [UInt8], _ limits: PickleLimits) -> (WeightError.Kind?, String) {
            do {
                _ = try RestrictedUnpickler.unpickle(bytes, limits: limits)
                return (nil, "")
            } catch {
                return (error.kind, error.message)
            }
        }
        // Deep MARK nesting.
        let marks = [0x80, 0x02] + [UInt8](repeating: 0x28, count: 200_000) + [0x4E, 0x2E]
        var (kind, message) = kindAndMessage(marks, PickleLimits())
        #expect(kind == .unsupported && message.contains("maxStackDepth"))
        // Huge tuple nesting via TUPLE1 (flat arenas: no recursion, just fine within limits).
        let nested = [0x80, 0x02, 0x4E] + [UInt8](repeating: 0x85, count: 100_000) + [0x2E]
        #expect(throws: Never.self) { try RestrictedUnpickler.unpickle(nested) }
        // Pushes.
        let pushes: [UInt8] =
            [0x80, 0x02, 0x4E, 0x71, 0x00] + Array(repeating: [0x68, 0x00, 0x30], count: 5000).flatMap { $0 } + [0x2E]
        (kind, message) = kindAndMessage(pushes, PickleLimits(maxTotalItems: 1000))
        #expect(kind == .unsupported && message.contains("maxTotalItems"))
        // Memo.
        var memo: [UInt8] = [0x80, 0x02, 0x4E]
        for i in 0..<100 { memo += [0x72, UInt8(i), 0, 0, 0] }
        memo.append(0x2E)
        (kind, message) = kindAndMessage(memo, PickleLimits(maxMemoEntries: 10))
        #expect(kind == .unsupported && message.contains("maxMemoEntries"))
        // Strings.
        var long = PickleBuilder()
        long.string(String(repeating: "x", count: 100))
        long.stop()
        (kind, message) = kindAndMessage(long.bytes, PickleLimits(maxStringBytes: 64))
        #expect(kind == .unsupported && message.contains("maxStringBytes"))
        // A declared length far past the end: truncated, no allocation.
        (kind, _) = kindAndMessage([0x80, 0x02, 0x58, 0xFF, 0xFF, 0xFF, 0xFF, 0x41, 0x2E], PickleLimits())
        #expect(kind == .truncated)
        (kind, _) = kindAndMessage([0x80, 0x04, 0x8D] + [UInt8](repeating: 0xFF, count: 8) + [0x2E], PickleLimits())
        #expect(kind == .truncated)
        (kind, _) = kindAndMessage([0x80, 0x04, 0x95] + [UInt8](repeating: 0xFF, count: 8) + [0x2E], PickleLimits())
        #expect(kind == .truncated)
        // Whole pickle and tensor count.
        let pickle = PickleBuilder.stateDict((0..<5).map { .vector("t\($0)", key: "\($0)", count: 1) })
        (kind, message) = kindAndMessage(pickle, PickleLimits(maxPickleBytes: 100))
        #expect(kind == .unsupported && message.contains("maxPickleBytes"))
        (kind, message) = kindAndMessage(pickle, PickleLimits(maxTensors: 3))
        #expect(kind == .unsupported && message.contains("maxTensors"))
        let zip = TestZip.checkpoint(pickle: pickle, storages: (0..<5).map { ("\($0)", TestZip.floats([1])) })
        let error = #expect(throws: WeightError.self) {
            try PyTorchCheckpointReader.read(bytes: zip, limits: PickleLimits(maxPickleBytes: 100))
        }
        #expect(error?.message.contains("maxPickleBytes") == true)
        #expect(try PyTorchCheckpointReader.read(bytes: zip).count == 5)
    }

    // MARK: - Pieces

    @Test func unpicklerDecodesScalarsAndContainers() throws {
        var p = PickleBuilder(protocol: 4)
        p.mark()
        p.raw([0x8A, 0x01, 0xFF])  // LONG1 -1
        p.raw([0x8A, 0x09, 0, 0, 0, 0, 0, 0, 0, 0x80, 0xFF])  // LONG1 -2^63 in 9 bytes
        p.raw([0x4D, 0x34, 0x12])  // BININT2 0x1234
        p.raw([0x47, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0])  // BINFLOAT 1.5
        p.raw([0x8C, 0x02, 0xC3, 0xA9])  // SHORT_BINUNICODE "é"
        p.raw([0x43, 0x02, 0x01, 0x02])  // SHORT_BINBYTES
        p.raw([0x88, 0x4E])  // NEWTRUE NONE
        p.op(0x6C)  // LIST
        p.stop()
        // FRAME around everything after PROTO.
        let framed =
            Array(p.bytes[..<2]) + [0x95] + withUnsafeBytes(of: UInt64(p.bytes.count - 2).littleEndian, Array.init)
            + Array(p.bytes[2...])
        let result = try RestrictedUnpickler.unpickle(framed)
        guard case .list(let index) = result.root else {
            Issue.record("root is \(result.root)")
            return
        }
        #expect(
            result.lists[index] == [
                .int(-1), .int(Int.min), .int(0x1234), .float(1.5), .string("é"), .bytes([1, 2]), .bool(true), .none,
            ])
        // 9-byte LONG1 that does not fit.
        let wide = #expect(throws: WeightError.self) {
            try RestrictedUnpickler.unpickle([0x80, 0x02, 0x8A, 0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x2E])
        }
        #expect(wide?.kind == .unsupported)
        // Invalid UTF-8, unknown opcode, missing STOP, stack underflow.
        let bads: [[UInt8]] = [
            [0x80, 0x02, 0x8C, 0x01, 0xFF, 0x2E], [0x80, 0x02, 0xFF, 0x2E], [0x80, 0x02, 0x4E],
            [0x80, 0x02, 0x52, 0x2E],
            [0x80, 0x02, 0x75, 0x2E], [0x80, 0x02, 0x68, 0x07, 0x2E], [0x80, 0x06, 0x4E, 0x2E],
        ]
        for bad in bads {
            #expect(throws: WeightError.self, "\(bad)") { try RestrictedUnpickler.unpickle(bad) }
        }
    }

    @Test func halfConversionIsExact() {
        for bits in 0...UInt16.max {
            let converted = TorchStorageType.floatFromHalf(bits)
            #if !(os(macOS) && arch(x86_64))
                let reference = Float(Float16(bitPattern: bits))
                if reference.isNaN {
                    #expect(converted.isNaN)
                } else {
                    #expect(converted.bitPattern == reference.bitPattern, "half 0x\(String(bits, radix: 16))")
                }
            #endif
        }
    }

    @Test func crc32KnownValue() {
        #expect(ZipCRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(ZipCRC32.checksum([]) == 0)
        let long = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let split = long.withUnsafeBytes { all in
            ZipCRC32.update(
                ZipCRC32.update(0, UnsafeRawBufferPointer(rebasing: all[..<333])),
                UnsafeRawBufferPointer(rebasing: all[333...]))
        }
        #expect(split == ZipCRC32.checksum(long))
    }

    // MARK: - Helpers

    /// The data.pkl of a fixture.
    private func pickleBytes(_ file: String) -> [UInt8] {
        let bytes = PTHFixtures.bytes(file)
        guard let directory = try? ZipDirectory.read(CheckpointByteSource(bytes: bytes, name: file), maxEntries: 100),
            let entry = directory.entries.first(where: { $0.path.hasSuffix("/data.pkl") })
        else { return [] }
        return Array(bytes[entry.dataOffset..<(entry.dataOffset + entry.uncompressedSize)])
    }

    /// The storages of a fixture (key → bytes).
    private func fixtureStorages(_ file: String) -> [(key: String, data: [UInt8])] {
        let bytes = PTHFixtures.bytes(file)
        guard let directory = try? ZipDirectory.read(CheckpointByteSource(bytes: bytes, name: file), maxEntries: 100)
        else {
            return []
        }
        return directory.entries.compactMap { entry in
            guard let range = entry.path.range(of: "/data/") else { return nil }
            return (
                String(entry.path[range.upperBound...]),
                Array(bytes[entry.dataOffset..<(entry.dataOffset + entry.uncompressedSize)])
            )
        }
    }

    /// Offset of the central-directory record of `name`.
    private func centralEntry(named name: String, in bytes: [UInt8]) -> Int? {
        let nameBytes = Array(name.utf8)
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        var at = 0
        while at + 46 + nameBytes.count <= bytes.count {
            let isRecord = Array(bytes[at..<(at + 4)]) == signature
            if isRecord, Array(bytes[(at + 46)..<(at + 46 + nameBytes.count)]) == nameBytes { return at }
            at += 1
        }
        return nil
    }

    private func lastIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return stride(from: bytes.count - pattern.count, through: 0, by: -1).first {
            Array(bytes[$0..<($0 + pattern.count)]) == pattern
        }
    }

    private func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).first { Array(bytes[$0..<($0 + pattern.count)]) == pattern }
    }
}

extension Array where Element == UInt8 {
    fileprivate func withPrefix(_ byte: UInt8) -> [UInt8] { [byte] + self }
}
