/// The allow-list of pickle globals (GLOBAL / STACK_GLOBAL). A state_dict pickle needs only these;
/// any other name, however harmless it looks, is refused with `.unsafePickle` before anything is
/// built — the unpickler never imports or calls anything, it interprets these few names itself.
enum PickleGlobal: Sendable, Hashable {
    /// `collections.OrderedDict` — callable with no arguments (the state_dict container).
    case orderedDict
    /// `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])`.
    case rebuildTensorV2
    /// `torch._utils._rebuild_parameter(data, requires_grad, hooks)`.
    case rebuildParameter
    /// `torch._utils._rebuild_parameter_with_state(data, requires_grad, hooks, state)`.
    case rebuildParameterWithState
    /// `torch._tensor._rebuild_from_type_v2(func, new_type, args, state)`.
    case rebuildFromTypeV2
    /// `torch.Tensor` or `torch.nn.parameter.Parameter`: only accepted as `new_type` of
    /// `_rebuild_from_type_v2`, never called.
    case tensorType(String)
    /// `torch.<X>Storage`: only accepted inside a storage persistent id, never called.
    case storageType(TorchStorageType)

    var qualifiedName: String {
        switch self {
        case .orderedDict: "collections.OrderedDict"
        case .rebuildTensorV2: "torch._utils._rebuild_tensor_v2"
        case .rebuildParameter: "torch._utils._rebuild_parameter"
        case .rebuildParameterWithState: "torch._utils._rebuild_parameter_with_state"
        case .rebuildFromTypeV2: "torch._tensor._rebuild_from_type_v2"
        case .tensorType(let name): name
        case .storageType(let type): "torch." + type.rawValue
        }
    }

    /// Resolves `module.name`, or nil when it is not on the allow-list.
    init?(module: String, name: String) {
        switch (module, name) {
        case ("collections", "OrderedDict"): self = .orderedDict
        case ("torch._utils", "_rebuild_tensor_v2"): self = .rebuildTensorV2
        case ("torch._utils", "_rebuild_parameter"): self = .rebuildParameter
        case ("torch._utils", "_rebuild_parameter_with_state"): self = .rebuildParameterWithState
        case ("torch._tensor", "_rebuild_from_type_v2"): self = .rebuildFromTypeV2
        case ("torch", "Tensor"), ("torch.nn.parameter", "Parameter"): self = .tensorType(module + "." + name)
        case ("torch", _):
            guard let type = TorchStorageType(globalName: name) else { return nil }
            self = .storageType(type)
        default: return nil
        }
    }

    /// The allow-list as written in error messages.
    static let allowListDescription =
        "collections.OrderedDict, torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter, "
        + "torch._utils._rebuild_parameter_with_state, torch._tensor._rebuild_from_type_v2, torch.Tensor, "
        + "torch.nn.parameter.Parameter and the torch.<Type>Storage classes"
}
