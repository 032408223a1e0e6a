/// An axis-aligned box in original-image pixels (`x`, `y` = top-left corner; the box covers
/// `[x, x + width) × [y, y + height)`), e.g. a face that was occluded or an inserted object.
public struct RegionBox: Sendable, Equatable, Codable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public var label: String?

    public init(x: Double, y: Double, width: Double, height: Double, label: String? = nil) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.label = label
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// True when the point lies in the half-open box.
    public func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}
