/// A transform name plus parameters, as a spec file states it; `make()` validates and builds it.
public struct ModificationSpec: Sendable, Hashable, Codable {
    public var name: String
    public var parameters: [String: ParameterValue]

    public init(name: String, parameters: [String: ParameterValue] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    /// The modification (see ``ModificationFactory`` for names, parameters and ranges).
    public func make() throws(PerturbationError) -> any ImageModification {
        try ModificationFactory.make(name, parameters: parameters)
    }
}
