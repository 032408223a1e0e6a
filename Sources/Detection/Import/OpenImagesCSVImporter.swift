import Foundation

/// Reader for Open Images box CSVs (challenge submissions, ground-truth `*-annotations-bbox.csv`,
/// and detector outputs in the same layout).
///
/// **Detections file**: RFC 4180 CSV with a header row. Columns are found by header name
/// (case-insensitive, any order, extra columns ignored):
/// * `ImageID` — image key (usually the file stem, e.g. `000a1249af2bc5f0`);
/// * `LabelName` — a MID from the class descriptions (`/m/0dzct`), or a display name
///   (`Human face`, case-insensitive);
/// * `Confidence` — score; optional column, 1 when absent (ground-truth files);
/// * `XMin`, `XMax`, `YMin`, `YMax` — box corners as fractions of the image width/height, each in
///   [0, 1], with `XMin ≤ XMax` and `YMin ≤ YMax`; anything else is an error, e.g.
///   `dets.csv: line 17: XMin 1.3 is outside [0, 1]`.
///
/// Pixels: `x = XMin·W`, `y = YMin·H`, `width = (XMax − XMin)·W`, `height = (YMax − YMin)·H` with
/// the image size from the importer's `imageSize`.
///
/// **Class descriptions**: CSV rows `MID,Display name` with no header (`class-descriptions-boxable.csv`);
/// a first row `LabelName,DisplayName` (the OIDv6+ header) is skipped. Labels are returned with the
/// display name's spelling.
///
/// A file of zero bytes or only whitespace is `.emptyFile`; a header with no rows gives no records.
public enum OpenImagesCSVImporter {
    /// The `(mid, name)` pairs of a class-descriptions CSV, in file order.
    public static func readClassDescriptions(path: String) throws(DetectionImportError) -> [(mid: String, name: String)] {
        let table = try CSVTable(text: try DetectionImporter.readText(path, what: "class descriptions"), file: path)
        var pairs: [(mid: String, name: String)] = []
        for (i, row) in table.rows.enumerated() {
            if i == 0, row.fields.first?.lowercased() == "labelname" { continue }
            guard row.fields.count == 2 else {
                throw DetectionImportError(.malformed, "expected 2 fields (MID,Display name), found \(row.fields.count)", file: path, line: row.line)
            }
            let mid = row.fields[0].trimmingCharacters(in: .whitespaces), name = row.fields[1].trimmingCharacters(in: .whitespaces)
            guard !mid.isEmpty, !name.isEmpty else {
                throw DetectionImportError(.malformed, "empty MID or display name", file: path, line: row.line)
            }
            pairs.append((mid, name))
        }
        return pairs
    }

    public static func read(path: String, classDescriptions: String) throws(DetectionImportError) -> DetectionImporter.Parsed {
        let pairs = try readClassDescriptions(path: classDescriptions)
        let mids = LabelVocabulary(pairs.map(\.mid))
        let names = LabelVocabulary(pairs.map(\.name))
        var nameByMID: [String: String] = [:]
        for pair in pairs where nameByMID[pair.mid] == nil { nameByMID[pair.mid] = pair.name }

        let table = try CSVTable(text: try DetectionImporter.readText(path, what: "detections file"), file: path)
        guard let header = table.rows.first else { throw DetectionImportError(.emptyFile, "detections file is empty", file: path) }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ name: String, required: Bool = true) throws(DetectionImportError) -> Int? {
            if let i = columns.firstIndex(of: name.lowercased()) { return i }
            guard !required else {
                throw DetectionImportError(.malformed, "header has no \(name) column (found: \(header.fields.joined(separator: ",")))", file: path, line: header.line)
            }
            return nil
        }
        let imageColumn = try column("ImageID")!, labelColumn = try column("LabelName")!
        let confidenceColumn = try column("Confidence", required: false)
        let xMinColumn = try column("XMin")!, xMaxColumn = try column("XMax")!
        let yMinColumn = try column("YMin")!, yMaxColumn = try column("YMax")!

        var records: [DetectionImporter.Record] = []
        for row in table.rows.dropFirst() {
            let f = row.fields, line = row.line
            guard f.count == columns.count else {
                throw DetectionImportError(.malformed, "expected \(columns.count) fields, found \(f.count)", file: path, line: line)
            }
            let key = f[imageColumn].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw DetectionImportError(.malformed, "empty ImageID", file: path, line: line) }
            let rawLabel = f[labelColumn].trimmingCharacters(in: .whitespaces)
            let label: String
            if let mid = mids.canonical(rawLabel) {
                label = nameByMID[mid]!
            } else if let name = names.canonical(rawLabel) {
                label = name
            } else {
                let suggestions = Array((mids.suggestions(for: rawLabel, limit: 3).map { "\($0) (\(nameByMID[$0]!))" }
                    + names.suggestions(for: rawLabel, limit: 3)).prefix(5))
                var message = "unknown LabelName \(rawLabel.debugDescription) (not a MID or display name in \((classDescriptions as NSString).lastPathComponent)"
                message += suggestions.isEmpty ? ")" : "; did you mean " + suggestions.map(\.debugDescription).joined(separator: ", ") + "?)"
                throw DetectionImportError(.unknownClass, message, file: path, line: line, suggestions: suggestions)
            }
            let score = try confidenceColumn.map { (c: Int) throws(DetectionImportError) -> Double in
                try DetectionImporter.number(f[c], "Confidence", file: path, line: line)
            } ?? 1
            var v: [Double] = []
            for (c, name) in [(xMinColumn, "XMin"), (xMaxColumn, "XMax"), (yMinColumn, "YMin"), (yMaxColumn, "YMax")] {
                v.append(try DetectionImporter.unit(try DetectionImporter.number(f[c], name, file: path, line: line), name, file: path, line: line))
            }
            guard v[0] <= v[1] else {
                throw DetectionImportError(.valueOutOfRange, "XMin \(DetectionImporter.formatNumber(v[0])) is greater than XMax \(DetectionImporter.formatNumber(v[1]))", file: path, line: line)
            }
            guard v[2] <= v[3] else {
                throw DetectionImportError(.valueOutOfRange, "YMin \(DetectionImporter.formatNumber(v[2])) is greater than YMax \(DetectionImporter.formatNumber(v[3]))", file: path, line: line)
            }
            records.append(DetectionImporter.Record(key: key, label: label, score: score,
                                                    geometry: .normalised(xMin: v[0], yMin: v[2], xMax: v[1], yMax: v[3]),
                                                    file: path, line: line))
        }
        return DetectionImporter.Parsed(records: records, processedKeys: [], vocabulary: names)
    }
}
