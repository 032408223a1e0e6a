import Imaging

/// The record of exactly what a modification did to one image (Codable, for run logs).
public struct AppliedModification: Sendable, Hashable, Codable {
    /// The transform name as the spec layer spells it (e.g. `gaussian-blur`).
    public var name: String
    /// Every parameter after defaults and random choices were resolved.
    public var parameters: [String: ParameterValue]
    /// The seed the modification was applied with.
    public var seed: UInt64
    /// Boxes actually touched (after padding and clamping), in output-image pixels.
    public var regions: [AppliedRegion]
    /// Pixels whose value differs from the input at the same position (any channel).
    /// When the geometry changes (crop), every output pixel counts as changed.
    public var pixelsChanged: Int
    public var outputWidth: Int
    public var outputHeight: Int
    public var status: ModificationStatus

    public init(name: String, parameters: [String: ParameterValue], seed: UInt64, regions: [AppliedRegion],
                pixelsChanged: Int, outputWidth: Int, outputHeight: Int, status: ModificationStatus) {
        self.name = name
        self.parameters = parameters
        self.seed = seed
        self.regions = regions
        self.pixelsChanged = pixelsChanged
        self.outputWidth = outputWidth
        self.outputHeight = outputHeight
        self.status = status
    }
}
