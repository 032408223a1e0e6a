/// A pickle interpreter that can only build what a PyTorch state_dict needs: None, bools, ints,
/// floats, strings, bytes, lists, tuples, dicts / OrderedDicts, storage references (BINPERSID) and
/// tensors rebuilt by the allow-listed `torch._utils` functions (`PickleGlobal`).
///
/// Nothing is ever imported or called. A global outside the allow-list is refused at the GLOBAL /
/// STACK_GLOBAL opcode (`.unsafePickle`), REDUCE only interprets allow-listed callables, and the opcodes
/// that construct arbitrary objects (INST, OBJ, NEWOBJ, NEWOBJ_EX, EXT1/2/4) are refused outright.
/// Every read is bounds-checked and every count is limited by `PickleLimits`, so truncated, corrupt or
/// hostile input ends in a `WeightError` (`.truncated`, `.malformed`, `.unsupported`, `.unsafePickle`),
/// never a trap, and memory stays proportional to the pickle's size.
///
/// Opcodes: PROTO, FRAME, STOP, MARK, POP, POP_MARK, DUP, NONE, NEWTRUE, NEWFALSE, BININT, BININT1,
/// BININT2, LONG1, LONG4, BINFLOAT, BINUNICODE, SHORT_BINUNICODE, BINUNICODE8, BINBYTES,
/// SHORT_BINBYTES, BINBYTES8, BYTEARRAY8, EMPTY_TUPLE, TUPLE, TUPLE1, TUPLE2, TUPLE3, EMPTY_LIST, LIST,
/// APPEND, APPENDS, EMPTY_DICT, DICT, SETITEM, SETITEMS, GLOBAL, STACK_GLOBAL, REDUCE, BUILD,
/// BINPERSID, BINPUT, LONG_BINPUT, MEMOIZE, BINGET, LONG_BINGET — everything pickle protocols 2–5
/// emit for a state_dict. The text opcodes of protocols 0/1 are refused as unsupported.
struct RestrictedUnpickler {
    /// The unpickled object graph: `root` plus the arenas its indices point into.
    struct Result: Sendable {
        var root: PickleValue
        var lists: [[PickleValue]]
        var tuples: [[PickleValue]]
        var dicts: [PickleDict]
        var storages: [PickleStorageRef]
        var tensors: [PickleTensorRef]
    }

    /// Unpickles `bytes` (a whole `data.pkl`).
    static func unpickle(_ bytes: [UInt8], limits: PickleLimits = .init()) throws(WeightError) -> Result {
        guard bytes.count <= limits.maxPickleBytes else {
            throw WeightError(
                .unsupported,
                "pickle is \(bytes.count) bytes, more than PickleLimits.maxPickleBytes (\(limits.maxPickleBytes))")
        }
        var unpickler = RestrictedUnpickler(bytes: bytes, limits: limits)
        let root = try unpickler.run()
        return Result(
            root: root, lists: unpickler.lists, tuples: unpickler.tuples, dicts: unpickler.dicts,
            storages: unpickler.storages, tensors: unpickler.tensors)
    }

    private let bytes: [UInt8]
    private let limits: PickleLimits
    private var pos = 0
    /// Offset of the opcode being executed (for messages).
    private var opStart = 0
    private var opName = ""
    private var stack: [PickleValue] = []
    /// Stack heights at each open MARK.
    private var marks: [Int] = []
    private var memo: [Int: PickleValue] = [:]
    private var pushes = 0
    private var lists: [[PickleValue]] = []
    private var tuples: [[PickleValue]] = []
    private var dicts: [PickleDict] = []
    private var storages: [PickleStorageRef] = []
    private var storageIndex: [String: Int] = [:]
    private var tensors: [PickleTensorRef] = []

    private init(bytes: [UInt8], limits: PickleLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    // MARK: - Main loop

    private mutating func run() throws(WeightError) -> PickleValue {
        while pos < bytes.count {
            opStart = pos
            let op = bytes[pos]
            pos += 1
            opName = Self.opcodeNames[op] ?? String(format2: op)
            switch op {
            case 0x80:  // PROTO
                let version = try readByte()
                guard version <= 5 else {
                    throw WeightError(.unsupported, "pickle protocol \(version) is newer than 5 (the newest known)")
                }
            case 0x95:  // FRAME
                let length = try readUInt(8)
                guard length <= UInt64(bytes.count - pos) else {
                    throw truncated("frame of \(length) bytes extends past the end of the pickle")
                }
            case 0x2E:  // STOP
                return try pop()
            case 0x28:  // MARK
                guard stack.count + marks.count < limits.maxStackDepth else {
                    throw limit("maxStackDepth", limits.maxStackDepth)
                }
                marks.append(stack.count)
            case 0x30:  // POP
                if stack.count > (marks.last ?? 0) { stack.removeLast() } else { _ = try popMark() }
            case 0x31:  // POP_MARK
                _ = try popMark()
            case 0x32:  // DUP
                try push(try top())
            case 0x4E:  // NONE
                try push(.none)
            case 0x88:  // NEWTRUE
                try push(.bool(true))
            case 0x89:  // NEWFALSE
                try push(.bool(false))
            case 0x4A:  // BININT
                try push(.int(Int(Int32(bitPattern: UInt32(try readUInt(4))))))
            case 0x4B:  // BININT1
                try push(.int(Int(try readByte())))
            case 0x4D:  // BININT2
                try push(.int(Int(try readUInt(2))))
            case 0x8A:  // LONG1
                let n = Int(try readByte())
                try push(.int(try readLong(n)))
            case 0x8B:  // LONG4
                let n = try readLength(4)
                try push(.int(try readLong(n)))
            case 0x47:  // BINFLOAT (big-endian)
                let start = try take(8)
                var bits: UInt64 = 0
                for i in 0..<8 { bits = bits << 8 | UInt64(bytes[start + i]) }
                try push(.float(Double(bitPattern: bits)))
            case 0x58:  // BINUNICODE
                try push(.string(try readString(length: try readLength(4))))
            case 0x8C:  // SHORT_BINUNICODE
                try push(.string(try readString(length: try readLength(1))))
            case 0x8D:  // BINUNICODE8
                try push(.string(try readString(length: try readLength(8))))
            case 0x42:  // BINBYTES
                try push(.bytes(try readBytes(length: try readLength(4))))
            case 0x43:  // SHORT_BINBYTES
                try push(.bytes(try readBytes(length: try readLength(1))))
            case 0x8E, 0x96:  // BINBYTES8, BYTEARRAY8
                try push(.bytes(try readBytes(length: try readLength(8))))
            case 0x29:  // EMPTY_TUPLE
                try push(newTuple([]))
            case 0x74:  // TUPLE
                try push(newTuple(try popMark()))
            case 0x85, 0x86, 0x87:  // TUPLE1, TUPLE2, TUPLE3
                let n = Int(op - 0x84)
                var items = [PickleValue](repeating: .none, count: n)
                for i in (0..<n).reversed() { items[i] = try pop() }
                try push(newTuple(items))
            case 0x5D:  // EMPTY_LIST
                try push(newList([]))
            case 0x6C:  // LIST
                try push(newList(try popMark()))
            case 0x61:  // APPEND
                let value = try pop()
                let index = try topList()
                lists[index].append(value)
            case 0x65:  // APPENDS
                let items = try popMark()
                let index = try topList()
                lists[index].append(contentsOf: items)
            case 0x7D:  // EMPTY_DICT
                try push(newDict(ordered: false))
            case 0x64:  // DICT
                let items = try popMark()
                let dict = newDict(ordered: false)
                try push(dict)
                try setItems(items, into: try topDict())
            case 0x73:  // SETITEM
                let value = try pop()
                let key = try pop()
                try setItems([key, value], into: try topDict())
            case 0x75:  // SETITEMS
                let items = try popMark()
                try setItems(items, into: try topDict())
            case 0x63:  // GLOBAL
                let module = try readLine()
                let name = try readLine()
                try push(.global(try resolveGlobal(module: module, name: name)))
            case 0x93:  // STACK_GLOBAL
                let name = try pop()
                let module = try pop()
                guard case .string(let m) = module, case .string(let n) = name else {
                    throw malformed("STACK_GLOBAL needs two strings, got \(module.typeName) and \(name.typeName)")
                }
                try push(.global(try resolveGlobal(module: m, name: n)))
            case 0x52:  // REDUCE
                let args = try pop()
                let callable = try pop()
                guard case .global(let function) = callable else {
                    throw WeightError(
                        .unsafePickle,
                        "refusing to load: REDUCE at byte \(opStart) calls a \(callable.typeName), "
                            + "not an allow-listed function"
                    )
                }
                guard case .tuple(let argsIndex) = args else {
                    throw malformed("REDUCE arguments are a \(args.typeName), not a tuple")
                }
                try push(try call(function, tuples[argsIndex]))
            case 0x62:  // BUILD
                let state = try pop()
                let instance = try top()
                switch instance {
                case .dict, .tensor:
                    // OrderedDict `_metadata` / Parameter attributes: not needed for the weights.
                    _ = state
                default:
                    throw WeightError(
                        .unsupported,
                        "pickle BUILD at byte \(opStart) sets state on a \(instance.typeName); "
                            + "only dicts and tensors are supported"
                    )
                }
            case 0x51:  // BINPERSID
                try push(try persistentLoad(try pop()))
            case 0x71:  // BINPUT
                try memoize(Int(try readByte()))
            case 0x72:  // LONG_BINPUT
                try memoize(Int(try readUInt(4)))
            case 0x94:  // MEMOIZE
                try memoize(memo.count)
            case 0x68:  // BINGET
                try push(try memoGet(Int(try readByte())))
            case 0x6A:  // LONG_BINGET
                try push(try memoGet(Int(try readUInt(4))))
            case 0x69, 0x6F, 0x81, 0x92, 0x82, 0x83, 0x84:  // INST, OBJ, NEWOBJ, NEWOBJ_EX, EXT1, EXT2, EXT4
                throw WeightError(
                    .unsafePickle,
                    "refusing to load: pickle opcode \(opName) at byte \(opStart) constructs arbitrary objects; "
                        + "a state_dict never needs it"
                )
            default:
                if let name = Self.opcodeNames[op] {
                    throw WeightError(
                        .unsupported,
                        "pickle opcode \(name) at byte \(opStart) is not supported "
                            + "(PyTorch state_dicts use pickle protocol 2–5 binary opcodes)"
                    )
                }
                throw malformed("unknown opcode 0x\(String(op, radix: 16))")
            }
        }
        throw truncated("pickle ends without STOP")
    }

    // MARK: - Stack

    private mutating func push(_ value: PickleValue) throws(WeightError) {
        guard stack.count + marks.count < limits.maxStackDepth else {
            throw limit("maxStackDepth", limits.maxStackDepth)
        }
        pushes += 1
        guard pushes <= limits.maxTotalItems else { throw limit("maxTotalItems", limits.maxTotalItems) }
        stack.append(value)
    }

    private mutating func pop() throws(WeightError) -> PickleValue {
        guard stack.count > (marks.last ?? 0) else { throw malformed("\(opName) needs a value but the stack is empty") }
        return stack.removeLast()
    }

    private func top() throws(WeightError) -> PickleValue {
        guard stack.count > (marks.last ?? 0), let value = stack.last else {
            throw malformed("\(opName) needs a value but the stack is empty")
        }
        return value
    }

    private mutating func popMark() throws(WeightError) -> [PickleValue] {
        guard let mark = marks.popLast() else { throw malformed("\(opName) without a matching MARK") }
        guard mark <= stack.count else { throw malformed("mark stack out of order") }
        let items = Array(stack[mark...])
        stack.removeSubrange(mark...)
        return items
    }

    private func topList() throws(WeightError) -> Int {
        let target = try top()
        guard case .list(let index) = target else { throw malformed("\(opName) on a \(target.typeName), not a list") }
        return index
    }

    private func topDict() throws(WeightError) -> Int {
        let target = try top()
        guard case .dict(let index) = target else { throw malformed("\(opName) on a \(target.typeName), not a dict") }
        return index
    }

    private mutating func setItems(_ items: [PickleValue], into index: Int) throws(WeightError) {
        guard items.count % 2 == 0 else { throw malformed("\(opName) with an odd number of items (\(items.count))") }
        var i = 0
        while i < items.count {
            switch items[i] {
            case .string, .int, .bool, .none, .float, .bytes: break
            default:
                throw WeightError(
                    .unsupported, "pickle at byte \(opStart): dict key of type \(items[i].typeName) is not supported")
            }
            dicts[index].items.append((items[i], items[i + 1]))
            i += 2
        }
    }

    private mutating func newTuple(_ items: [PickleValue]) -> PickleValue {
        tuples.append(items)
        return .tuple(tuples.count - 1)
    }

    private mutating func newList(_ items: [PickleValue]) -> PickleValue {
        lists.append(items)
        return .list(lists.count - 1)
    }

    private mutating func newDict(ordered: Bool) -> PickleValue {
        dicts.append(PickleDict(items: [], isOrdered: ordered))
        return .dict(dicts.count - 1)
    }

    // MARK: - Memo

    private mutating func memoize(_ index: Int) throws(WeightError) {
        let value = try top()
        if memo[index] == nil, memo.count >= limits.maxMemoEntries {
            throw limit("maxMemoEntries", limits.maxMemoEntries)
        }
        memo[index] = value
    }

    private func memoGet(_ index: Int) throws(WeightError) -> PickleValue {
        guard let value = memo[index] else { throw malformed("memo entry \(index) was never stored") }
        return value
    }

    // MARK: - Globals and calls

    private func resolveGlobal(module: String, name: String) throws(WeightError) -> PickleGlobal {
        if let global = PickleGlobal(module: module, name: name) { return global }
        let shown = (module + "." + name).prefix(200)
        throw WeightError(
            .unsafePickle,
            "refusing to load: pickle references global '\(shown)', which is not on the allow-list "
                + "(\(PickleGlobal.allowListDescription)). Only plain state_dicts of tensors can be read; a file "
                + "naming other globals may run code when loaded by Python (a pickled nn.Module: re-save "
                + "model.state_dict() instead)")
    }

    private mutating func call(_ function: PickleGlobal, _ args: [PickleValue]) throws(WeightError) -> PickleValue {
        switch function {
        case .orderedDict:
            guard args.isEmpty else {
                throw WeightError(.unsupported, "pickle at byte \(opStart): OrderedDict called with arguments")
            }
            return newDict(ordered: true)
        case .rebuildTensorV2:
            return try rebuildTensor(args)
        case .rebuildParameter, .rebuildParameterWithState:
            let expected = function == .rebuildParameter ? 3 : 4
            guard args.count == expected, case .tensor = args[0] else {
                throw malformed("\(function.qualifiedName) needs \(expected) arguments starting with a tensor")
            }
            return args[0]
        case .rebuildFromTypeV2:
            guard args.count == 4, case .global(let inner) = args[0], case .global(.tensorType) = args[1],
                case .tuple(let innerArgs) = args[2]
            else {
                throw malformed("_rebuild_from_type_v2 needs (function, torch.Tensor/Parameter, args, state)")
            }
            switch inner {
            case .rebuildTensorV2, .rebuildParameter, .rebuildParameterWithState:
                return try call(inner, tuples[innerArgs])
            default:
                throw WeightError(
                    .unsafePickle,
                    "refusing to load: _rebuild_from_type_v2 at byte \(opStart) calls \(inner.qualifiedName)")
            }
        case .tensorType, .storageType:
            throw WeightError(
                .unsupported,
                "pickle at byte \(opStart) calls \(function.qualifiedName), which is only accepted as a type marker")
        }
    }

    /// `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])`.
    private mutating func rebuildTensor(_ args: [PickleValue]) throws(WeightError) -> PickleValue {
        guard args.count == 6 || args.count == 7 else {
            throw malformed("_rebuild_tensor_v2 needs 6 or 7 arguments, got \(args.count)")
        }
        guard case .storage(let storage) = args[0] else {
            throw malformed("_rebuild_tensor_v2 argument 1 is a \(args[0].typeName), not a storage")
        }
        guard case .int(let offset) = args[1], offset >= 0 else {
            throw malformed("_rebuild_tensor_v2 storage offset is not a non-negative int")
        }
        let shape = try intTuple(args[2], what: "size")
        let stride = try intTuple(args[3], what: "stride")
        guard shape.count <= limits.maxTensorRank else { throw limit("maxTensorRank", limits.maxTensorRank) }
        guard stride.count == shape.count else {
            throw malformed("_rebuild_tensor_v2 size has \(shape.count) dimensions but stride has \(stride.count)")
        }
        switch args[4] {
        case .bool, .int: break
        default: throw malformed("_rebuild_tensor_v2 requires_grad is a \(args[4].typeName)")
        }
        switch args[5] {
        case .dict, .none: break
        default: throw malformed("_rebuild_tensor_v2 backward_hooks is a \(args[5].typeName)")
        }
        guard tensors.count < limits.maxTensors else { throw limit("maxTensors", limits.maxTensors) }
        tensors.append(PickleTensorRef(storage: storage, storageOffset: offset, shape: shape, stride: stride))
        return .tensor(tensors.count - 1)
    }

    private func intTuple(_ value: PickleValue, what: String) throws(WeightError) -> [Int] {
        guard case .tuple(let index) = value else {
            throw malformed("_rebuild_tensor_v2 \(what) is a \(value.typeName), not a tuple")
        }
        var result: [Int] = []
        result.reserveCapacity(tuples[index].count)
        for item in tuples[index] {
            guard case .int(let n) = item, n >= 0 else {
                throw malformed(
                    "_rebuild_tensor_v2 \(what) contains "
                        + (item.typeName == "int" ? "a negative int" : "a " + item.typeName)
                )
            }
            result.append(n)
        }
        return result
    }

    /// BINPERSID: `('storage', torch.<X>Storage, key, location, numel)`.
    private mutating func persistentLoad(_ pid: PickleValue) throws(WeightError) -> PickleValue {
        guard case .tuple(let index) = pid, tuples[index].count == 5 else {
            throw malformed("persistent id is not a 5-tuple ('storage', type, key, location, numel)")
        }
        let items = tuples[index]
        guard case .string("storage") = items[0] else {
            throw WeightError(
                .unsupported, "pickle at byte \(opStart): persistent id of kind \(items[0].typeName) is not a storage")
        }
        guard case .global(.storageType(let type)) = items[1] else {
            throw malformed("persistent id names a \(items[1].typeName) instead of a torch storage type")
        }
        guard case .string(let key) = items[2], Self.isValidStorageKey(key) else {
            throw malformed("persistent id has an invalid storage key")
        }
        guard case .string(let location) = items[3] else {
            throw malformed("persistent id location is a \(items[3].typeName), not a string")
        }
        guard case .int(let count) = items[4], count >= 0 else {
            throw malformed("persistent id element count is not a non-negative int")
        }
        let ref = PickleStorageRef(type: type, key: key, location: location, elementCount: count)
        if let existing = storageIndex[key] {
            guard storages[existing].type == type, storages[existing].elementCount == count else {
                throw malformed("storage '\(key)' is declared twice with different types or sizes")
            }
            return .storage(existing)
        }
        guard storages.count < limits.maxTensors else { throw limit("maxTensors", limits.maxTensors) }
        storages.append(ref)
        storageIndex[key] = storages.count - 1
        return .storage(storages.count - 1)
    }

    /// Storage keys become zip record names: 1–128 characters of `[A-Za-z0-9_.-]`, not "." or "..".
    static func isValidStorageKey(_ key: String) -> Bool {
        let utf8 = key.utf8
        guard (1...128).contains(utf8.count), key != ".", key != ".." else { return false }
        return utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || c == 0x5F || c == 0x2E || c == 0x2D
        }
    }

    // MARK: - Reading

    /// Reserves `count` bytes and returns their start offset.
    private mutating func take(_ count: Int) throws(WeightError) -> Int {
        guard count >= 0, count <= bytes.count - pos else {
            throw truncated("\(opName) needs \(count) more bytes but only \(bytes.count - pos) remain")
        }
        let start = pos
        pos += count
        return start
    }

    private mutating func readByte() throws(WeightError) -> UInt8 {
        bytes[try take(1)]
    }

    /// Little-endian unsigned integer of `count` ≤ 8 bytes.
    private mutating func readUInt(_ count: Int) throws(WeightError) -> UInt64 {
        let start = try take(count)
        var value: UInt64 = 0
        for i in stride(from: count - 1, through: 0, by: -1) { value = value << 8 | UInt64(bytes[start + i]) }
        return value
    }

    /// A length prefix of `count` bytes, checked against the remaining input and `maxStringBytes`.
    private mutating func readLength(_ count: Int) throws(WeightError) -> Int {
        let length = try readUInt(count)
        guard length <= UInt64(bytes.count - pos) else {
            throw truncated("\(opName) declares \(length) bytes but only \(bytes.count - pos) remain")
        }
        guard length <= UInt64(limits.maxStringBytes) else { throw limit("maxStringBytes", limits.maxStringBytes) }
        return Int(length)
    }

    private mutating func readString(length: Int) throws(WeightError) -> String {
        let start = try take(length)
        guard let string = String(validating: bytes[start..<start + length], as: UTF8.self) else {
            throw malformed("\(opName) string is not valid UTF-8")
        }
        return string
    }

    private mutating func readBytes(length: Int) throws(WeightError) -> [UInt8] {
        let start = try take(length)
        return Array(bytes[start..<start + length])
    }

    /// Two's-complement little-endian integer of `count` bytes (LONG1 / LONG4); must fit in `Int`.
    private mutating func readLong(_ count: Int) throws(WeightError) -> Int {
        let start = try take(count)
        guard count > 0 else { return 0 }
        let negative = bytes[start + count - 1] & 0x80 != 0
        let width = MemoryLayout<Int>.size
        // Bytes beyond the width of Int must be pure sign extension.
        if count > width {
            for i in width..<count where bytes[start + i] != (negative ? 0xFF : 0x00) {
                throw WeightError(.unsupported, "pickle at byte \(opStart): integer wider than 64 bits")
            }
        }
        var value: UInt64 = negative ? .max : 0
        for i in stride(from: min(count, width) - 1, through: 0, by: -1) {
            value = value << 8 | UInt64(bytes[start + i])
        }
        let result = Int(Int64(bitPattern: value))
        if count > width, (result < 0) != negative {
            throw WeightError(.unsupported, "pickle at byte \(opStart): integer wider than 64 bits")
        }
        return result
    }

    /// A `\n`-terminated line (GLOBAL operands), at most 256 bytes, valid UTF-8.
    private mutating func readLine() throws(WeightError) -> String {
        let end = min(bytes.count, pos + 257)
        guard let newline = bytes[pos..<end].firstIndex(of: 0x0A) else {
            if end == bytes.count { throw truncated("GLOBAL operand is not terminated by a newline") }
            throw malformed("GLOBAL operand longer than 256 bytes")
        }
        guard let line = String(validating: bytes[pos..<newline], as: UTF8.self) else {
            throw malformed("GLOBAL operand is not valid UTF-8")
        }
        pos = newline + 1
        return line
    }

    // MARK: - Errors

    private func malformed(_ message: String) -> WeightError {
        WeightError(.malformed, "malformed pickle at byte \(opStart) (\(opName)): \(message)")
    }

    private func truncated(_ message: String) -> WeightError {
        WeightError(.truncated, "truncated pickle at byte \(opStart) (\(opName)): \(message)")
    }

    private func limit(_ name: String, _ value: Int) -> WeightError {
        WeightError(
            .unsupported,
            "pickle exceeds PickleLimits.\(name) (\(value)) at byte \(opStart); raise the limit only for a trusted file"
        )
    }

    static let opcodeNames: [UInt8: String] = [
        0x28: "MARK", 0x2E: "STOP", 0x30: "POP", 0x31: "POP_MARK", 0x32: "DUP", 0x46: "FLOAT", 0x49: "INT",
        0x4A: "BININT", 0x4B: "BININT1", 0x4C: "LONG", 0x4D: "BININT2", 0x4E: "NONE", 0x50: "PERSID",
        0x51: "BINPERSID", 0x52: "REDUCE", 0x53: "STRING", 0x54: "BINSTRING", 0x55: "SHORT_BINSTRING",
        0x56: "UNICODE", 0x58: "BINUNICODE", 0x61: "APPEND", 0x62: "BUILD", 0x63: "GLOBAL", 0x64: "DICT",
        0x7D: "EMPTY_DICT", 0x65: "APPENDS", 0x67: "GET", 0x68: "BINGET", 0x69: "INST", 0x6A: "LONG_BINGET",
        0x6C: "LIST", 0x5D: "EMPTY_LIST", 0x6F: "OBJ", 0x70: "PUT", 0x71: "BINPUT", 0x72: "LONG_BINPUT",
        0x73: "SETITEM", 0x74: "TUPLE", 0x29: "EMPTY_TUPLE", 0x75: "SETITEMS", 0x47: "BINFLOAT",
        0x80: "PROTO", 0x81: "NEWOBJ", 0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4", 0x85: "TUPLE1",
        0x86: "TUPLE2", 0x87: "TUPLE3", 0x88: "NEWTRUE", 0x89: "NEWFALSE", 0x8A: "LONG1", 0x8B: "LONG4",
        0x42: "BINBYTES", 0x43: "SHORT_BINBYTES", 0x8C: "SHORT_BINUNICODE", 0x8D: "BINUNICODE8",
        0x8E: "BINBYTES8", 0x8F: "EMPTY_SET", 0x90: "ADDITEMS", 0x91: "FROZENSET", 0x92: "NEWOBJ_EX",
        0x93: "STACK_GLOBAL", 0x94: "MEMOIZE", 0x95: "FRAME", 0x96: "BYTEARRAY8", 0x97: "NEXT_BUFFER",
        0x98: "READONLY_BUFFER",
    ]
}

extension String {
    /// "0xAB" for an opcode byte without a name.
    fileprivate init(format2 byte: UInt8) {
        self = "0x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
    }
}
