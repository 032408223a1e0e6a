import Detection
import Foundation

/// Per-image human annotations (e.g. FindingEmo's): a CSV with a header naming at least `image`,
/// `valence`, `arousal` and `emotion`, optionally `ambiguity` (column order free, names
/// case-insensitive; FindingEmo's `image_path` is accepted for `image`). An annotation matches a
/// stored image when its `image` equals the stored path, ends with it, or equals the paper's join key
/// `<parent folder>/<file name>` of it.
public struct AnnotationFile: Sendable {
    public struct Entry: Sendable, Equatable {
        public var image: String
        public var valence: Double
        public var arousal: Double
        public var emotion: String
        public var ambiguity: Double?
    }

    public var entries: [Entry]

    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "\(path): annotations file not found or unreadable")
        }
        let table: CSVTable
        do { table = try CSVTable(bytes: Array(data), file: path) } catch { throw Problem(description: "\(error)") }
        guard let header = table.rows.first else { throw Problem(description: "\(path): empty annotations file") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ wanted: [String], required: Bool) throws -> Int? {
            if let i = names.firstIndex(where: { wanted.contains($0) }) { return i }
            if required {
                throw Problem(description: "\(path): header has no '\(wanted[0])' column (columns: \(header.fields.joined(separator: ", ")))")
            }
            return nil
        }
        let image = try column(["image", "image_path", "dir_image_path"], required: true)!
        let valence = try column(["valence"], required: true)!
        let arousal = try column(["arousal"], required: true)!
        let emotion = try column(["emotion"], required: true)!
        let ambiguity = try column(["ambiguity"], required: false)
        var entries: [Entry] = []
        for row in table.rows.dropFirst() {
            func field(_ i: Int) throws -> String {
                guard row.fields.indices.contains(i) else {
                    throw Problem(description: "\(path):\(row.line): \(row.fields.count) fields, the header has \(header.fields.count)")
                }
                return row.fields[i].trimmingCharacters(in: .whitespaces)
            }
            func number(_ i: Int, _ name: String) throws -> Double {
                let text = try field(i)
                guard let x = Double(text), x.isFinite else { throw Problem(description: "\(path):\(row.line): \(name) '\(text)' is not a number") }
                return x
            }
            var amb: Double?
            if let a = ambiguity { let text = try field(a); amb = text.isEmpty ? nil : try number(a, "ambiguity") }
            entries.append(Entry(image: try field(image), valence: try number(valence, "valence"), arousal: try number(arousal, "arousal"),
                                 emotion: try field(emotion), ambiguity: amb))
        }
        self.entries = entries
    }

    /// The annotation of a stored image path, if any (exact path, suffix, or `<parent>/<file>`).
    public func entry(for path: String) -> Entry? {
        let key = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent + "/" + (path as NSString).lastPathComponent
        return entries.first { $0.image == path } ?? entries.first { $0.image == key } ?? entries.first { path.hasSuffix("/" + $0.image) }
    }
}
