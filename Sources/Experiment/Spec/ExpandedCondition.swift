import Perturbation

/// One concrete condition after sweep expansion: a single value per parameter.
///
/// `id` is stable: it depends only on the condition's name (given or derived) and the swept values,
/// never on the position in the file, so adding a condition does not renumber the others' records.
public struct ExpandedCondition: Sendable, Hashable, Codable, Identifiable {
    /// Unique name, e.g. `blur-sigma2`; the key of the condition's records in the store.
    public var id: String
    /// Index of the `conditions:` entry it comes from.
    public var sourceIndex: Int
    /// The condition's group name (the given name, or the derived name without sweep suffixes).
    public var group: String
    /// Canonical transform name.
    public var transform: String
    /// One value per parameter.
    public var parameters: [String: ParameterValue]
    /// The swept parameters and the value this expansion takes, in key order.
    public var sweep: [String: ParameterValue]
    /// Region sources (nil = every detection).
    public var regions: [String]?

    public init(id: String, sourceIndex: Int, group: String, transform: String,
                parameters: [String: ParameterValue], sweep: [String: ParameterValue], regions: [String]?) {
        self.id = id
        self.sourceIndex = sourceIndex
        self.group = group
        self.transform = transform
        self.parameters = parameters
        self.sweep = sweep
        self.regions = regions
    }

    /// A ``ModificationSpec`` for the perturbation library.
    public var modificationSpec: ModificationSpec { ModificationSpec(name: transform, parameters: parameters) }
}
