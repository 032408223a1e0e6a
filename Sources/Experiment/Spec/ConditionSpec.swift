import Perturbation

/// One entry of `conditions:` as written: a transform, its parameters (a list value sweeps) and the
/// detections it acts on. ``ConditionExpander`` turns it into ``ExpandedCondition``s.
public struct ConditionSpec: Sendable, Hashable, Codable {
    /// Given name; nil = derived from the transform and parameters.
    public var name: String?
    /// Transform name as written (aliases allowed, see ``ModificationFactory``).
    public var transform: String
    /// Parameters as written, sweeps unexpanded.
    public var parameters: [String: ParameterValue]
    /// Region sources: detector names (`faces`, `eyes`, …) or imported labels; nil = every detection.
    public var regions: [String]?

    /// Keys of a condition that are not transform parameters.
    public static let reservedKeys = ["name", "transform", "regions"]

    /// Parameters whose values are lists by nature: a flat list is one value, a list of lists sweeps.
    public static let listValuedParameters: Set<String> = ["colour", "tint", "labels"]

    public init(name: String? = nil, transform: String, parameters: [String: ParameterValue] = [:],
                regions: [String]? = nil) {
        self.name = name
        self.transform = transform
        self.parameters = parameters
        self.regions = regions
    }

    /// Whether `value` of `parameter` is a sweep (several values) rather than one value.
    public static func isSweep(parameter: String, value: ParameterValue) -> Bool {
        guard case .list(let l) = value else { return false }
        if listValuedParameters.contains(parameter) {
            // labels: a list of strings is one value; colour/tint: [r, g, b] is one value.
            return !l.isEmpty && l.allSatisfy { if case .list = $0 { true } else { false } }
        }
        return true
    }
}
