/// What an import did besides returning boxes: counts, clamping, and keys that did not match.
///
/// Locations are strings `"file: line N"` (text formats) or `"file: record N"` (JSON), followed by
/// ` (key)` naming the image key of the record.
public struct DetectionImportReport: Sendable, Hashable, CustomStringConvertible {
    /// Format name as in `DetectionImporter.Format.rawValue`.
    public var format: String
    /// The detections path as given.
    public var file: String
    /// Detection records read from the file(s).
    public var recordCount = 0
    /// Boxes returned.
    public var importedCount = 0
    /// Boxes that reached outside their image and were cut to it (still returned).
    public var clamped: [String] = []
    /// Boxes entirely outside their image (zero area after clamping); not returned.
    public var droppedOutside: [String] = []
    /// Records below `minScore`; not returned.
    public var belowMinScoreCount = 0
    /// Records whose label was not in the `labels` filter; not returned.
    public var filteredByLabelCount = 0
    /// Pixel boxes that could not be checked against the image bounds because no image size was
    /// known (plain CSV without sizes); returned unclamped.
    public var uncheckedCount = 0
    /// Record keys that matched no image file, with how many records each had (not returned).
    /// Empty when no image list was given.
    public var unmatchedKeys: [String: Int] = [:]
    /// Record keys that matched several image files, with the candidates (sorted; not returned).
    public var ambiguousKeys: [String: [String]] = [:]
    /// Image files (from the image list) that no record matched. Empty when no list was given.
    public var imagesWithoutDetections: [String] = []

    public init(format: String, file: String) {
        self.format = format
        self.file = file
    }

    public var clampedCount: Int { clamped.count }

    /// True when every record was imported as written: nothing clamped, dropped, unmatched or ambiguous.
    public var isClean: Bool {
        clamped.isEmpty && droppedOutside.isEmpty && unmatchedKeys.isEmpty && ambiguousKeys.isEmpty
    }

    /// A few terminal lines, e.g.
    /// `dets.csv (openimages): 12 records, 10 boxes imported, 2 clamped, 0 dropped outside the image`.
    public var description: String {
        var lines = ["\(file) (\(format)): \(recordCount) records, \(importedCount) boxes imported, "
            + "\(clamped.count) clamped, \(droppedOutside.count) dropped outside the image"]
        if belowMinScoreCount > 0 { lines.append("  \(belowMinScoreCount) below the minimum score") }
        if filteredByLabelCount > 0 { lines.append("  \(filteredByLabelCount) filtered out by label") }
        if uncheckedCount > 0 { lines.append("  \(uncheckedCount) not checked against image bounds (no image size)") }
        for key in unmatchedKeys.keys.sorted() {
            lines.append("  unmatched key \(key.debugDescription) (\(unmatchedKeys[key]!) records)")
        }
        for key in ambiguousKeys.keys.sorted() {
            lines.append("  ambiguous key \(key.debugDescription): " + ambiguousKeys[key]!.joined(separator: ", "))
        }
        if !imagesWithoutDetections.isEmpty {
            lines.append("  \(imagesWithoutDetections.count) images without detections")
        }
        return lines.joined(separator: "\n")
    }
}
