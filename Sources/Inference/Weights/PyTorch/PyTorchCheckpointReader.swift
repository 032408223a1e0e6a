import Foundation

/// Reads `torch.save(state_dict)` files (`.pth`, the zip format of torch ≥ 1.6) without Python.
///
/// The pickle (`<archive>/data.pkl`) is interpreted by `RestrictedUnpickler`, which builds only
/// dicts/OrderedDicts, tuples, lists, scalars and tensors from an allow-list of globals and refuses
/// anything else (`.unsafePickle`) — no code in the file can run. Tensor data comes from the
/// `<archive>/data/<key>` records: float32 fully, float64 / float16 / bfloat16 converted to `Float`;
/// storage offsets and shared storages are honoured, non-contiguous strides are refused. CRC-32s are
/// checked. The legacy (pre-1.6) format, TorchScript archives and plain pickles are refused with a
/// message saying what to do.
///
/// Every failure is a `WeightError` carrying the path (and the tensor name, when known); malformed,
/// truncated or hostile files never crash and are bounded by `PickleLimits`.
public enum PyTorchCheckpointReader {
    /// Reads the state_dict in the file at `path`: tensor name → tensor, values row-major in `Float`.
    /// `verifyChecksums` checks each record's CRC-32 (≈ 0.1 s per 228 MB in release builds).
    public static func read(
        contentsOf path: String, limits: PickleLimits = .init(), verifyChecksums: Bool = true
    ) throws(WeightError) -> [String: WeightTensor] {
        do {
            let source = try CheckpointByteSource(path: path)
            return try read(source, limits: limits, verifyChecksums: verifyChecksums)
        } catch {
            throw error.at(path)
        }
    }

    /// Reads a checkpoint held in memory; `name` stands in for the path in errors.
    public static func read(
        bytes: [UInt8], name: String = "<memory>", limits: PickleLimits = .init(), verifyChecksums: Bool = true
    ) throws(WeightError) -> [String: WeightTensor] {
        do {
            return try read(
                CheckpointByteSource(bytes: bytes, name: name), limits: limits, verifyChecksums: verifyChecksums)
        } catch {
            throw error.at(name)
        }
    }

    /// The pickle stream torch writes first in the legacy format: PROTO 2, LONG1 magic number
    /// 0x1950a86a20f9469cfc6c.
    static let legacyMagic: [UInt8] = [
        0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19,
    ]

    private static func read(
        _ source: CheckpointByteSource, limits: PickleLimits, verifyChecksums: Bool
    ) throws(WeightError) -> [String: WeightTensor] {
        try checkFormat(source)
        let archive = try PyTorchArchive(source: source, limits: limits, verifyChecksums: verifyChecksums)

        var bigEndian = false
        if let record = archive.entry("byteorder") {
            let text = String(
                decoding: try archive.readSmallRecord(record, maxBytes: 64, limitName: "64 bytes"), as: UTF8.self)
            switch text.trimmingCharacters(in: .whitespacesAndNewlines) {
            case "little": bigEndian = false
            case "big": bigEndian = true
            default: throw WeightError(.malformed, "byteorder record says '\(text.prefix(20))', not 'little' or 'big'")
            }
        }
        if let record = archive.entry("version") {
            let text = String(
                decoding: try archive.readSmallRecord(record, maxBytes: 64, limitName: "64 bytes"), as: UTF8.self)
            guard let version = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), version >= 1 else {
                throw WeightError(.malformed, "version record is '\(text.prefix(20))', not a positive integer")
            }
            _ = version  // Format versions 1–3 exist; the records read here have not changed across them.
        }
        guard let pickleEntry = archive.entry("data.pkl") else {
            throw WeightError(.malformed, "zip archive has no data.pkl")
        }
        let pickle = try archive.readSmallRecord(
            pickleEntry, maxBytes: limits.maxPickleBytes, limitName: "PickleLimits.maxPickleBytes")
        let graph: RestrictedUnpickler.Result
        do {
            graph = try RestrictedUnpickler.unpickle(pickle, limits: limits)
        } catch {
            var located = error
            located.message = "data.pkl: " + located.message
            throw located
        }
        let named = try stateDictEntries(graph, limits: limits)
        return try materialize(named, graph: graph, archive: archive, bigEndian: bigEndian, limits: limits)
    }

    /// Refuses what is not a zip checkpoint, saying what it is.
    private static func checkFormat(_ source: CheckpointByteSource) throws(WeightError) {
        guard source.count > 0 else { throw WeightError(.truncated, "empty file") }
        let head = try source.bytes(at: 0, length: min(source.count, 16))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return }
        if head.starts(with: legacyMagic) {
            throw WeightError(
                .unsupported,
                "legacy PyTorch format (torch.save before 1.6, or _use_new_zipfile_serialization=False); "
                    + "re-save with torch ≥1.6: torch.save(torch.load(f, weights_only=True), f2)")
        }
        if head.first == 0x80 {
            throw WeightError(
                .unsupported,
                "this is a plain pickle stream, not a torch.save zip archive; "
                    + "save the state_dict with torch.save (torch ≥1.6)"
            )
        }
        let shown = head.prefix(4).map { String($0, radix: 16) }.joined(separator: " ")
        throw WeightError(.malformed, "not a PyTorch checkpoint (no zip signature; starts with bytes \(shown))")
    }

    /// The (name, tensor) pairs of the top-level dict, last duplicate winning like Python's dict.
    private static func stateDictEntries(
        _ graph: RestrictedUnpickler.Result, limits: PickleLimits
    ) throws(WeightError) -> [(name: String, tensor: Int)] {
        guard case .dict(let index) = graph.root else {
            throw WeightError(
                .unsupported,
                "data.pkl holds a \(graph.root.typeName), not a state_dict (a dict of tensor name → tensor)")
        }
        var result: [(name: String, tensor: Int)] = []
        var position: [String: Int] = [:]
        for (key, value) in graph.dicts[index].items {
            guard case .string(let name) = key else {
                throw WeightError(.unsupported, "state_dict key of type \(key.typeName); tensor names must be strings")
            }
            guard name.utf8.count <= limits.maxNameBytes else {
                throw WeightError(
                    .unsupported,
                    "tensor name of \(name.utf8.count) bytes exceeds PickleLimits.maxNameBytes (\(limits.maxNameBytes))"
                )
            }
            guard case .tensor(let tensor) = value else {
                throw WeightError(
                    .unsupported,
                    "entry is a \(value.typeName), not a tensor; only flat state_dicts of tensors are supported",
                    tensor: name)
            }
            if let existing = position[name] {
                result[existing].tensor = tensor
            } else {
                position[name] = result.count
                result.append((name, tensor))
            }
        }
        return result
    }

    private struct Plan {
        var name: String
        var tensor: PickleTensorRef
        var storage: PickleStorageRef
        var record: ZipDirectory.Entry
        var count: Int
    }

    private static func materialize(
        _ named: [(name: String, tensor: Int)], graph: RestrictedUnpickler.Result, archive: PyTorchArchive,
        bigEndian: Bool, limits: PickleLimits
    ) throws(WeightError) -> [String: WeightTensor] {
        // Validate every tensor before reading any data.
        var plans: [Plan] = []
        plans.reserveCapacity(named.count)
        var uses: [Int: Int] = [:]
        let fileSize = archive.source.count
        let ratio = max(limits.maxExpansionRatio, 1)
        let (scaled, overflow) = fileSize.multipliedReportingOverflow(by: ratio)
        let budget = overflow ? Int.max : scaled.addingReportingOverflow(1 << 20).partialValue
        var outputBytes = 0
        var inflatedBytes = 0
        var inflatedSeen: Set<Int> = []
        for (name, index) in named {
            let tensor = graph.tensors[index]
            let storage = graph.storages[tensor.storage]
            guard storage.type.isSupported else {
                throw WeightError(
                    .unsupported,
                    "dtype \(storage.type.dtypeName) (torch.\(storage.type.rawValue)) is not supported; "
                        + "only float32, float64, float16 and bfloat16 tensors can be read",
                    tensor: name)
            }
            var count = 1
            for dimension in tensor.shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard !overflow else { throw WeightError(.malformed, "shape \(tensor.shape) overflows", tensor: name) }
                count = product
            }
            if count > 0 {
                var expected = 1
                for d in tensor.shape.indices.reversed() {
                    if tensor.shape[d] != 1, tensor.stride[d] != expected {
                        throw WeightError(
                            .unsupported,
                            "non-contiguous tensor (shape \(tensor.shape), stride \(tensor.stride)); "
                                + "save tensor.contiguous() instead",
                            tensor: name)
                    }
                    expected *= tensor.shape[d]  // ≤ count, cannot overflow
                }
            }
            let (end, endOverflow) = tensor.storageOffset.addingReportingOverflow(count)
            guard !endOverflow, end <= storage.elementCount else {
                throw WeightError(
                    .malformed,
                    "view of \(count) elements at offset \(tensor.storageOffset) exceeds its storage of "
                        + "\(storage.elementCount) elements",
                    tensor: name)
            }
            guard let record = archive.entry("data/" + storage.key) else {
                throw WeightError(
                    .malformed, "storage record '\(archive.prefix)/data/\(storage.key)' is missing from the archive",
                    tensor: name)
            }
            let (storageBytes, bytesOverflow) = storage.elementCount.multipliedReportingOverflow(
                by: storage.type.elementSize)
            guard !bytesOverflow, record.uncompressedSize == storageBytes else {
                throw WeightError(
                    .malformed,
                    "storage record '\(record.path)' holds \(record.uncompressedSize) bytes but the pickle declares "
                        + "\(storage.elementCount) \(storage.type.dtypeName) elements",
                    tensor: name)
            }
            let (tensorBytes, bytesOverflow4) = count.multipliedReportingOverflow(by: 4)
            let (total, totalOverflow) = outputBytes.addingReportingOverflow(tensorBytes)
            guard !bytesOverflow4, !totalOverflow, total <= budget else {
                throw WeightError(
                    .unsupported,
                    "tensors total more than \(ratio)× the file size in float32 (PickleLimits.maxExpansionRatio)",
                    tensor: name)
            }
            outputBytes = total
            if !record.isStored, inflatedSeen.insert(tensor.storage).inserted {
                inflatedBytes += record.uncompressedSize
                guard inflatedBytes <= budget else {
                    throw WeightError(
                        .unsupported,
                        "deflated storages expand to more than \(ratio)× the file size "
                            + "(PickleLimits.maxExpansionRatio)",
                        tensor: name)
                }
            }
            uses[tensor.storage, default: 0] += 1
            plans.append(Plan(name: name, tensor: tensor, storage: storage, record: record, count: count))
        }

        // Read. A float32 tensor that alone covers its whole storage goes straight into its array;
        // anything else reads the storage once (kept while other tensors still need it) and converts.
        var result: [String: WeightTensor] = [:]
        result.reserveCapacity(plans.count)
        var cache: [Int: [UInt8]] = [:]
        for plan in plans {
            let storageIndex = plan.tensor.storage
            let direct =
                plan.storage.type == .float && !bigEndian && hostIsLittleEndian
                && uses[storageIndex] == 1 && plan.tensor.storageOffset == 0 && plan.count == plan.storage.elementCount
            var failure: WeightError?
            let values: [Float]
            if direct {
                values = [Float](unsafeUninitializedCapacity: plan.count) { buffer, initialized in
                    do throws(WeightError) {
                        try archive.read(plan.record, into: UnsafeMutableRawBufferPointer(buffer))
                        initialized = plan.count
                    } catch {
                        failure = error
                        initialized = 0
                    }
                }
            } else {
                let raw: [UInt8]
                if let cached = cache[storageIndex] {
                    raw = cached
                } else {
                    var bytes = [UInt8](repeating: 0, count: plan.record.uncompressedSize)
                    bytes.withUnsafeMutableBytes { buffer in
                        do throws(WeightError) { try archive.read(plan.record, into: buffer) } catch { failure = error }
                    }
                    if let failure { throw failure.with(tensor: plan.name) }
                    raw = bytes
                }
                let remaining = (uses[storageIndex] ?? 1) - 1
                uses[storageIndex] = remaining
                if remaining > 0 { cache[storageIndex] = raw } else { cache[storageIndex] = nil }
                values = [Float](unsafeUninitializedCapacity: plan.count) { buffer, initialized in
                    raw.withUnsafeBytes { rawBuffer in
                        plan.storage.type.convert(
                            rawBuffer, first: plan.tensor.storageOffset, count: plan.count, bigEndian: bigEndian,
                            into: buffer)
                    }
                    initialized = plan.count
                }
            }
            if let failure { throw failure.with(tensor: plan.name) }
            result[plan.name] = WeightTensor(shape: plan.tensor.shape, values: values)
        }
        return result
    }
}

extension WeightError {
    fileprivate func with(tensor name: String) -> WeightError {
        var copy = self
        if copy.tensor == nil { copy.tensor = name }
        return copy
    }
}
