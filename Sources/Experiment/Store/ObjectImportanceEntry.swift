/// The CAM importance of one detected object in one record (EmoCAM §4.5): the mean of the CAM
/// inside the detection's box, as computed by `Explanation.ObjectImportance` with `convention`
/// (`clamped` default, or the paper-exact `emocam`). Stored in `importances`, keyed by the record
/// and the detection's `idx` within its image.
public struct ObjectImportanceEntry: Sendable, Equatable, Codable {
    public var detectionIndex: Int
    /// nil when the box covers no pixel (see `reason`).
    public var value: Double?
    public var reason: String?
    public var convention: String

    public init(detectionIndex: Int, value: Double?, reason: String? = nil, convention: String) {
        self.detectionIndex = detectionIndex
        self.value = value
        self.reason = reason
        self.convention = convention
    }
}
