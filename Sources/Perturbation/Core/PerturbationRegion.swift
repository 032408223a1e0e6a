/// A labelled box in original-image pixel coordinates (x right, y down, origin at the top-left
/// corner of the top-left pixel), the input a region-based modification acts on.
///
/// The lead maps detector output (faces, objects) to this type; the library never detects anything.
public struct PerturbationRegion: Sendable, Hashable, Codable {
    /// What the region is ("face", "person", …); ``MaskObjects`` matches it case-insensitively.
    public var label: String
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(label: String, x: Double, y: Double, width: Double, height: Double) {
        self.label = label
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}
