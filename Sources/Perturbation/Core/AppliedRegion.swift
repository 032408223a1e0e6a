/// A region as a modification actually used it: integer pixel box after padding and clamping
/// to the image (`x ..< x + width`, `y ..< y + height`).
public struct AppliedRegion: Sendable, Hashable, Codable {
    public var label: String
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(label: String, x: Int, y: Int, width: Int, height: Int) {
        self.label = label
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Whether pixel (`px`, `py`) lies in the box.
    public func contains(_ px: Int, _ py: Int) -> Bool {
        px >= x && px < x + width && py >= y && py < y + height
    }
}
