import Foundation

/// Reader for YOLO/Darknet label files: one `.txt` per image.
///
/// **Path**: a folder (searched recursively for `*.txt`, in sorted order; the names file and any
/// `classes.txt` — LabelImg's names file — are skipped) or a single `.txt` file. The image key is the file's path relative to the folder
/// without the extension (`train/0001`), or the stem for a single file. An empty file is valid and
/// means "no objects in this image" (the image still gets an empty entry); a folder with no `.txt`
/// files is `.emptyFile`.
///
/// **Lines**: `class cx cy w h [score]`, separated by spaces or tabs; blank lines and lines starting
/// with `#` are ignored. `class` is a 0-based index into the names file (a class name,
/// case-insensitive, is also accepted); `cx cy` is the box centre and `w h` its size, all fractions
/// of the image width/height in [0, 1]; `score` defaults to 1 when absent (ground-truth files).
/// Other field counts (e.g. segmentation polygons) are `.malformed`.
///
/// Pixels: `x = (cx − w/2)·W`, `y = (cy − h/2)·H`, `width = w·W`, `height = h·H`. Boxes that reach
/// past the image edges are clamped and reported by the importer.
///
/// **Names file**: one class per line (Darknet `.names`, e.g. EmoCAM's `openimages.names`); line n
/// (1-based) is class n − 1.
public enum YOLOTextImporter {
    public static func read(path: String, names namesPath: String) throws(DetectionImportError) -> DetectionImporter.Parsed {
        let names = try DetectionImporter.readNames(namesPath)
        let vocabulary = LabelVocabulary(names)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DetectionImportError(.fileNotFound, "YOLO labels not found", file: path)
        }
        var files: [(path: String, key: String)] = []
        if isDirectory.boolValue {
            let root = URL(fileURLWithPath: path).standardizedFileURL.path
            let namesStandard = URL(fileURLWithPath: namesPath).standardizedFileURL.path
            guard let enumerator = FileManager.default.enumerator(atPath: root) else {
                throw DetectionImportError(.unreadable, "cannot list the folder", file: path)
            }
            while let relative = enumerator.nextObject() as? String {
                guard relative.lowercased().hasSuffix(".txt") else { continue }
                let full = root + "/" + relative
                guard full != namesStandard, (relative as NSString).lastPathComponent != "classes.txt" else { continue }
                var dir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue else { continue }
                files.append(((path as NSString).appendingPathComponent(relative), String(relative.dropLast(4))))
            }
            files.sort { $0.key < $1.key }
            guard !files.isEmpty else { throw DetectionImportError(.emptyFile, "no .txt label files in the folder", file: path) }
        } else {
            files = [(path, ((path as NSString).lastPathComponent as NSString).deletingPathExtension)]
        }

        var records: [DetectionImporter.Record] = []
        for (file, key) in files {
            let text = try DetectionImporter.readText(file, what: "YOLO label file", allowEmpty: true)
            for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = index + 1
                let content = rawLine.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\u{FEFF}", with: "")
                guard !content.isEmpty, !content.hasPrefix("#") else { continue }
                let f = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                guard f.count == 5 || f.count == 6 else {
                    throw DetectionImportError(.malformed, "expected 5 or 6 fields (class cx cy w h [score]), found \(f.count)", file: file, line: line)
                }
                let label: String
                if let index = Int(f[0]) {
                    guard index >= 0 && index < names.count else {
                        throw DetectionImportError(.unknownClass, "class index \(index) is outside the \(names.count) names of \((namesPath as NSString).lastPathComponent) (0…\(names.count - 1))", file: file, line: line)
                    }
                    label = names[index]
                } else {
                    label = try vocabulary.resolve(f[0], file: file, line: line)
                }
                var v: [Double] = []
                for (i, column) in ["cx", "cy", "w", "h"].enumerated() {
                    v.append(try DetectionImporter.unit(try DetectionImporter.number(f[i + 1], column, file: file, line: line), column, file: file, line: line))
                }
                let score = f.count == 6 ? try DetectionImporter.number(f[5], "score", file: file, line: line) : 1
                records.append(DetectionImporter.Record(
                    key: key, label: label, score: score,
                    geometry: .normalised(xMin: v[0] - v[2] / 2, yMin: v[1] - v[3] / 2, xMax: v[0] + v[2] / 2, yMax: v[1] + v[3] / 2),
                    file: file, line: line))
            }
        }
        return DetectionImporter.Parsed(records: records, processedKeys: files.map(\.key), vocabulary: vocabulary)
    }
}
