/// An axis-aligned detection box: top-left corner, width and height in pixels of some frame
/// (original-image pixels unless the caller says ``ImportanceBoxFrame/letterbox608``).
public struct ImportanceBox: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public var label: String
    public var score: Double

    public init(x: Double, y: Double, width: Double, height: Double, label: String = "", score: Double = 1) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.label = label
        self.score = score
    }

    /// All four coordinates are finite.
    public var isFinite: Bool { x.isFinite && y.isFinite && width.isFinite && height.isFinite }
}
