import Imaging

/// `identity`: returns the input unchanged (a control condition). Always `applied`, 0 pixels changed.
public struct Identity: ImageModification {
    public var name: String { "identity" }
    public var parameters: [String: ParameterValue] { [:] }
    public init() {}

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        .make(name, parameters: parameters, seed: seed, input: image, output: image)
    }
}
