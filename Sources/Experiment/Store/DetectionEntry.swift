/// One detection on an original image, stored in `detections`.
///
/// Boxes are in pixels of the original image (x, y = top-left). `index` is the detection's
/// position in the detector output for that image; `(image_id, idx)` is unique, so later analyses
/// (object importance per detection) can refer to a detection by `(image, index)`.
public struct DetectionEntry: Sendable, Equatable {
    public var index: Int
    public var label: String
    public var score: Double
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    /// Which detector produced it (e.g. `haar-face`, `import:boxes.csv`).
    public var source: String

    public init(index: Int, label: String, score: Double, x: Double, y: Double, width: Double, height: Double, source: String) {
        self.index = index
        self.label = label
        self.score = score
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.source = source
    }

    /// Bit-pattern equality of the numbers (used by merge to detect conflicting shards).
    public static func == (a: DetectionEntry, b: DetectionEntry) -> Bool {
        a.index == b.index && a.label == b.label && a.source == b.source
            && a.score.bitPattern == b.score.bitPattern && a.x.bitPattern == b.x.bitPattern
            && a.y.bitPattern == b.y.bitPattern && a.width.bitPattern == b.width.bitPattern
            && a.height.bitPattern == b.height.bitPattern
    }
}
