/// One object's importance: the mean CAM over the pixels the convention assigns to the box, or no
/// value and the reason (EmoCAM's NaN cases, boxes outside the image, empty boxes).
public struct ImportanceResult: Sendable, Hashable {
    /// Mean CAM over `rows × columns`; `nil` when that region is empty or the box is invalid.
    public var value: Double?
    /// Why there is no value (`nil` when there is one).
    public var reason: String?
    /// The pixel rows and columns averaged, in the map the convention uses (the original W×H map
    /// for ``ImportanceConvention/clamped``, the 608×608 letterbox map for
    /// ``ImportanceConvention/emocam``). Empty ranges when there is no value.
    public var rows: Range<Int>
    public var columns: Range<Int>
    /// A remark on a value that exists but may not mean what it seems (EmoCAM's wrap-around of a
    /// negative start, reference §6 A8).
    public var note: String?

    public init(value: Double?, reason: String?, rows: Range<Int> = 0..<0, columns: Range<Int> = 0..<0,
                note: String? = nil) {
        self.value = value
        self.reason = reason
        self.rows = rows
        self.columns = columns
        self.note = note
    }

    public static func missing(_ reason: String) -> ImportanceResult { ImportanceResult(value: nil, reason: reason) }

    /// Number of pixels averaged.
    public var pixelCount: Int { rows.count * columns.count }
}
