/// One experimental condition expanded from the spec, stored in `conditions`.
///
/// `name` is the condition's stable identity — the spec expansion's `ExpandedCondition.id`
/// (e.g. `blur-sigma2`), which depends only on the condition's name and swept values, never on its
/// position in the file — and is unique in the table; records refer to it. The integer row id is
/// local to one store file (merge maps conditions by name). Adding conditions to a spec therefore
/// only adds rows; re-registering a known name with other contents is refused.
/// `parameters` and `sweep` are JSON object texts (canonical, sorted keys recommended so that
/// shards compare equal).
public struct ConditionEntry: Sendable, Equatable, Hashable {
    public var name: String
    public var transform: String
    /// All parameter values of this expansion, as a JSON object.
    public var parameters: String
    /// The condition group (given name, or derived name without sweep suffixes) for dose-response.
    public var group: String?
    /// The swept parameters and this expansion's values, as a JSON object (`nil` when not swept).
    public var sweep: String?

    public init(name: String, transform: String, parameters: String, group: String? = nil, sweep: String? = nil) {
        self.name = name
        self.transform = transform
        self.parameters = parameters
        self.group = group
        self.sweep = sweep
    }
}
