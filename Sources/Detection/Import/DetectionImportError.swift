import Foundation

/// Every failure of the detection importers: which file, where in it, and what is wrong.
///
/// `description` is one terminal-ready line: `file: line N: message` for text formats (CSV, YOLO
/// txt, names files), `file: record N: message` for JSON arrays (N is the 1-based position in the
/// array), or `file: message` when no position applies. `file` is the path as given to the importer.
///
/// Example: `dets.csv: line 17: XMin 1.3 is outside [0, 1]`.
public struct DetectionImportError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    public enum Kind: String, Sendable, Hashable, Codable {
        case fileNotFound = "file not found"
        case unreadable = "unreadable"
        /// A file with no content where content is required (zero bytes, or no header row).
        case emptyFile = "empty file"
        /// Syntax or structure: bad CSV quoting, wrong field count, missing column, invalid JSON,
        /// a field that is not a number.
        case malformed = "malformed"
        /// A number outside its allowed range (normalised coordinate outside [0, 1], negative size,
        /// min > max, non-finite score).
        case valueOutOfRange = "value out of range"
        /// A label, MID, class index or category id that the class list does not have.
        case unknownClass = "unknown class"
        /// A normalised format needs an image's size and none was available.
        case missingImageSize = "missing image size"
        /// Bad arguments to the importer (e.g. a class list is required for the format).
        case invalidArgument = "invalid argument"
    }

    public var kind: Kind
    /// The file involved (as given), when there is one.
    public var file: String?
    /// 1-based line in a text file.
    public var line: Int?
    /// 1-based position of the record in a JSON array.
    public var record: Int?
    public var message: String
    /// For `.unknownClass`: known labels close to the unknown one (case-insensitive edit distance),
    /// best first. Already included in `message`.
    public var suggestions: [String]

    public init(_ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil,
                record: Int? = nil, suggestions: [String] = []) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.record = record
        self.suggestions = suggestions
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let line { parts.append("line \(line)") }
        if let record { parts.append("record \(record)") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }

    public var errorDescription: String? { description }
}
