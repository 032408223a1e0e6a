import Foundation

/// Reader for the plain detections CSV: a header row naming the columns
/// `image,label,score,x,y,width,height` (case-insensitive, any order, extra columns ignored), then
/// one box per row, RFC 4180 quoting.
///
/// * `image` — image key: a file name or a path relative to the image folder;
/// * `label` — class name; with a names file it must be one of its classes (case-insensitive,
///   returned in the names file's spelling; unknown ones throw `.unknownClass` with suggestions),
///   without one any non-empty label is accepted as written (trimmed);
/// * `score` — finite number;
/// * `x, y, width, height` — pixels, top-left corner and size, `width, height ≥ 0`. The importer's
///   `frame` says whether they are original-image pixels (default) or letterbox-canvas pixels.
///
/// A file of zero bytes is `.emptyFile`; a header with no rows gives no records.
public enum PlainCSVImporter {
    public static let columns = ["image", "label", "score", "x", "y", "width", "height"]

    public static func read(path: String, names namesPath: String? = nil) throws(DetectionImportError) -> DetectionImporter.Parsed {
        let names = try namesPath.map { (p: String) throws(DetectionImportError) -> [String] in try DetectionImporter.readNames(p) }
        let vocabulary = names.map(LabelVocabulary.init)
        let table = try CSVTable(text: try DetectionImporter.readText(path, what: "detections file"), file: path)
        guard let header = table.rows.first else { throw DetectionImportError(.emptyFile, "detections file is empty", file: path) }
        let headerNames = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [Int] = []
        for column in columns {
            guard let i = headerNames.firstIndex(of: column) else {
                throw DetectionImportError(.malformed, "header has no \(column) column (expected \(columns.joined(separator: ",")); found \(header.fields.joined(separator: ",")))", file: path, line: header.line)
            }
            index.append(i)
        }
        var records: [DetectionImporter.Record] = []
        var seen: [String] = []
        for row in table.rows.dropFirst() {
            let f = row.fields, line = row.line
            guard f.count == headerNames.count else {
                throw DetectionImportError(.malformed, "expected \(headerNames.count) fields, found \(f.count)", file: path, line: line)
            }
            let key = f[index[0]].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw DetectionImportError(.malformed, "empty image", file: path, line: line) }
            let raw = f[index[1]].trimmingCharacters(in: .whitespaces)
            guard !raw.isEmpty else { throw DetectionImportError(.malformed, "empty label", file: path, line: line) }
            let label = try vocabulary.map { (v: LabelVocabulary) throws(DetectionImportError) -> String in
                try v.resolve(raw, file: path, line: line)
            } ?? raw
            if vocabulary == nil && !seen.contains(label) { seen.append(label) }
            var v: [Double] = []
            for (k, column) in columns.enumerated().dropFirst(2) {
                v.append(try DetectionImporter.number(f[index[k]], column, file: path, line: line))
            }
            guard v[3] >= 0, v[4] >= 0 else {
                throw DetectionImportError(.valueOutOfRange, "width/height \(DetectionImporter.formatNumber(v[3]))×\(DetectionImporter.formatNumber(v[4])) is negative", file: path, line: line)
            }
            records.append(DetectionImporter.Record(key: key, label: label, score: v[0],
                                                    geometry: .pixels(x: v[1], y: v[2], width: v[3], height: v[4]),
                                                    file: path, line: line))
        }
        return DetectionImporter.Parsed(records: records, processedKeys: [], vocabulary: vocabulary ?? LabelVocabulary(seen))
    }
}
