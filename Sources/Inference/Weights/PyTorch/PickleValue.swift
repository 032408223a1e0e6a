/// One value on the restricted unpickler's stack or in its memo.
///
/// Containers, storages and tensors are indices into the unpickler's arenas
/// (`RestrictedUnpickler.Result`), never nested Swift values: a hostile pickle can build cycles or
/// million-deep nesting, and flat indices keep both harmless (no recursive release, no infinite walk).
enum PickleValue: Sendable, Hashable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    /// An allow-listed global (a callable or an inert type marker).
    case global(PickleGlobal)
    case list(Int)
    case tuple(Int)
    case dict(Int)
    /// A storage reference made by BINPERSID (index into `storages`).
    case storage(Int)
    /// A tensor rebuilt by an allow-listed REDUCE (index into `tensors`).
    case tensor(Int)

    /// Python's name for the value's type, for error messages.
    var typeName: String {
        switch self {
        case .none: "None"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .string: "str"
        case .bytes: "bytes"
        case .global(let g): "global \(g.qualifiedName)"
        case .list: "list"
        case .tuple: "tuple"
        case .dict: "dict"
        case .storage: "storage"
        case .tensor: "tensor"
        }
    }
}

/// A dict or `collections.OrderedDict` under construction: key/value pairs in insertion order.
/// Duplicate keys are kept here and resolved (last wins, like Python) only where a dict is consumed,
/// so unpickling never hashes attacker-sized keys.
struct PickleDict: Sendable {
    var items: [(key: PickleValue, value: PickleValue)] = []
    var isOrdered = false
}

/// A storage named by a persistent id `('storage', torch.<X>Storage, key, location, numel)`.
struct PickleStorageRef: Sendable, Hashable {
    var type: TorchStorageType
    /// The record name under `<archive>/data/`.
    var key: String
    /// Where the tensor lived when saved ("cpu", "cuda:0", …); ignored (everything loads to the CPU).
    var location: String
    /// Elements in the whole storage.
    var elementCount: Int
}

/// A tensor rebuilt by `torch._utils._rebuild_tensor_v2`: a strided view of a storage.
struct PickleTensorRef: Sendable, Hashable {
    var storage: Int
    var storageOffset: Int
    var shape: [Int]
    var stride: [Int]
}
