/// One detected object, in pixels of the original (unscaled) image.
///
/// `x`, `y` are the top-left corner, `width`/`height` the extent (so the box covers
/// `x ..< x + width`, `y ..< y + height`). `label` names the object class (e.g. "face", "eye"),
/// `score` is a detector-specific confidence (for Haar cascades: the number of raw
/// candidate windows merged into this box by `groupRectangles`), and `source` names the
/// detector that produced it (e.g. "haar:haarcascade_frontalface_default.xml").
public struct DetectionBox: Sendable, Hashable, Codable {
    public var label: String
    public var score: Double
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public var source: String

    public init(label: String, score: Double, x: Double, y: Double, width: Double, height: Double, source: String) {
        self.label = label
        self.score = score
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.source = source
    }

    /// Area `width × height` (0 for degenerate boxes).
    public var area: Double { max(0, width) * max(0, height) }

    /// Intersection over union with `other`: |A ∩ B| / |A ∪ B|, 0 when the union is empty.
    public func iou(_ other: DetectionBox) -> Double {
        let ix = max(0, min(x + width, other.x + other.width) - max(x, other.x))
        let iy = max(0, min(y + height, other.y + other.height) - max(y, other.y))
        let inter = ix * iy
        let union = area + other.area - inter
        return union > 0 ? inter / union : 0
    }
}
