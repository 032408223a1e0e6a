import Foundation
import Imaging

/// Reads detections written by external detectors and returns them as `DetectionBox`es in
/// original-image pixels (top-left origin), keyed by image.
///
/// Formats (details in each reader's documentation):
/// | `Format`      | `path`                                  | `classNames`                          |
/// |---------------|-----------------------------------------|---------------------------------------|
/// | `.coco`       | COCO results JSON (array)               | COCO annotation JSON (required)       |
/// | `.openImages` | Open Images CSV, normalised [0, 1]      | class-descriptions CSV (required)     |
/// | `.yolo`       | folder of `.txt` files, or one file     | names file, one class a line (req.)   |
/// | `.csv`        | plain CSV `image,label,score,x,y,width,height` (pixels) | names file (optional) |
///
/// Steps, for every record of the file(s):
/// 1. The reader checks syntax, ranges and the class (errors name file and line: see
///    `DetectionImportError`).
/// 2. Records with `score < minScore` are dropped (counted); with `labels` given, only records whose
///    label is in it (case-insensitive) are kept (others counted).
/// 3. The record's image key is matched to `images` with `ImageKeyMatcher` (when `images` is given);
///    unmatched and ambiguous keys are reported and their records dropped. The result is keyed by the
///    matched image path (normalised: `\` → `/`, no leading `./`), or by the record key when
///    `images` is nil.
/// 4. The image size comes from the file itself (COCO annotation) or from `imageSize`, called with
///    the result key and then, if that gives nil, with the record key. Normalised formats
///    (Open Images, YOLO) need it and throw `.missingImageSize` without it.
/// 5. Pixel boxes in `frame == .letterbox(...)` are mapped back to original pixels with
///    `BoxGeometry.fromLetterbox` (needs the image size).
/// 6. Boxes are clamped to the image (`BoxGeometry.clamped`); clamped ones are listed in the report,
///    and boxes left with zero area are dropped and listed.
///
/// Every key the input shows was processed gets an entry, empty when it has no boxes: COCO
/// annotation images, YOLO label files (an empty `.txt` means "no objects"), and with `images` given
/// every image in the list. Boxes of one image keep file order. `source` is
/// `"import:<format>:<last path component>"`, e.g. `"import:openimages:dets.csv"`.
public enum DetectionImporter {
    public enum Format: String, Sendable, Hashable, CaseIterable, Codable {
        case coco
        case openImages = "openimages"
        case yolo
        case csv
    }

    /// Pixel size of an original image.
    public struct ImageSize: Sendable, Hashable, Codable {
        public var width: Int
        public var height: Int
        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
    }

    /// The frame pixel coordinates in the file are in (normalised formats ignore this).
    public enum CoordinateFrame: Sendable, Hashable {
        /// Original-image pixels.
        case original
        /// Pixels of an aspect-preserving letterbox canvas of this size (Imaging's `Letterbox`),
        /// e.g. `.letterbox(width: 608, height: 608)` for EmoCAM's YOLOv3 output.
        case letterbox(width: Int, height: Int)
    }

    /// One detection as a reader found it, before matching, size lookup and clamping.
    public struct Record: Sendable, Hashable {
        public enum Geometry: Sendable, Hashable {
            /// Pixels: top-left corner and size.
            case pixels(x: Double, y: Double, width: Double, height: Double)
            /// Corners as fractions of the image width/height. Readers check the file's own values
            /// are in [0, 1]; corners derived from them (YOLO's `cx ± w/2`) may lie outside and are
            /// clamped with the rest.
            case normalised(xMin: Double, yMin: Double, xMax: Double, yMax: Double)
        }
        public var key: String
        /// Canonical label spelling.
        public var label: String
        public var score: Double
        public var geometry: Geometry
        /// Image size given by the file itself (COCO annotation), if any.
        public var imageSize: ImageSize?
        /// Where the record is, e.g. `"dets.csv: line 4"` or `"results.json: record 2"`.
        public var location: String {
            file + (line.map { ": line \($0)" } ?? "") + (record.map { ": record \($0)" } ?? "")
        }
        public var file: String
        public var line: Int?
        public var record: Int?

        public init(key: String, label: String, score: Double, geometry: Geometry, imageSize: ImageSize? = nil,
                    file: String, line: Int? = nil, record: Int? = nil) {
            self.key = key
            self.label = label
            self.score = score
            self.geometry = geometry
            self.imageSize = imageSize
            self.file = file
            self.line = line
            self.record = record
        }
    }

    /// What a format reader returns.
    public struct Parsed: Sendable {
        public var records: [Record]
        /// Keys known to have been processed even if they have no record (COCO images, YOLO files).
        public var processedKeys: [String]
        /// Known classes (for the `labels` filter and its suggestions).
        public var vocabulary: LabelVocabulary
        public init(records: [Record], processedKeys: [String], vocabulary: LabelVocabulary) {
            self.records = records
            self.processedKeys = processedKeys
            self.vocabulary = vocabulary
        }
    }

    /// Boxes per image key, and the report.
    public struct Result: Sendable {
        public var detections: [String: [DetectionBox]]
        public var report: DetectionImportReport
    }

    /// Imports `path` (see the type's documentation for the steps and the meaning of each argument).
    /// - Parameters:
    ///   - classNames: the class list file for the format (table above).
    ///   - images: relative paths of the image files to match record keys to; nil keeps record keys.
    ///   - imageSize: original size of an image, by key.
    ///   - minScore: records with a lower score are dropped.
    ///   - labels: keep only these classes (case-insensitive; an unknown one throws `.unknownClass`
    ///     with suggestions).
    ///   - frame: the frame of pixel coordinates in the file.
    public static func `import`(
        path: String,
        format: Format,
        classNames: String? = nil,
        images: [String]? = nil,
        imageSize: (@Sendable (String) -> ImageSize?)? = nil,
        minScore: Double = -.infinity,
        labels: [String]? = nil,
        frame: CoordinateFrame = .original
    ) throws(DetectionImportError) -> Result {
        func required() throws(DetectionImportError) -> String {
            guard let classNames else {
                throw DetectionImportError(.invalidArgument, "format \(format.rawValue) needs a class list file (classNames)", file: path)
            }
            return classNames
        }
        let parsed: Parsed
        switch format {
        case .coco: parsed = try COCOResultsImporter.read(path: path, annotations: try required())
        case .openImages: parsed = try OpenImagesCSVImporter.read(path: path, classDescriptions: try required())
        case .yolo: parsed = try YOLOTextImporter.read(path: path, names: try required())
        case .csv: parsed = try PlainCSVImporter.read(path: path, names: classNames)
        }
        return try assemble(parsed, format: format, path: path, images: images, imageSize: imageSize,
                            minScore: minScore, labels: labels, frame: frame)
    }

    /// Steps 2–6 on an already parsed file (public so callers with their own reader can reuse them).
    public static func assemble(
        _ parsed: Parsed, format: Format, path: String, images: [String]? = nil,
        imageSize: (@Sendable (String) -> ImageSize?)? = nil, minScore: Double = -.infinity,
        labels: [String]? = nil, frame: CoordinateFrame = .original
    ) throws(DetectionImportError) -> Result {
        var report = DetectionImportReport(format: format.rawValue, file: path)
        report.recordCount = parsed.records.count
        var keep: Set<String>? = nil
        if let labels {
            var set = Set<String>()
            for label in labels { set.insert(try parsed.vocabulary.resolve(label, what: "class in the label filter", file: path)) }
            keep = set
        }
        let matcher = images.map(ImageKeyMatcher.init(images:))
        let source = "import:\(format.rawValue):\((path as NSString).lastPathComponent)"
        var detections: [String: [DetectionBox]] = [:]
        var matchCache: [String: ImageKeyMatcher.Match] = [:]

        func target(_ key: String) -> String? {
            guard let matcher else { return key }
            let match = matchCache[key] ?? matcher.match(key)
            matchCache[key] = match
            switch match {
            case .matched(let image): return image
            case .ambiguous(let candidates): report.ambiguousKeys[key] = candidates; return nil
            case .unmatched: report.unmatchedKeys[key, default: 0] += 1; return nil
            }
        }

        if let matcher {
            for image in matcher.images { detections[image] = [] }
        } else {
            for key in parsed.processedKeys { detections[key] = [] }
        }

        for record in parsed.records {
            guard !(record.score < minScore) else { report.belowMinScoreCount += 1; continue }
            if let keep, !keep.contains(record.label) { report.filteredByLabelCount += 1; continue }
            guard let key = target(record.key) else { continue }
            let size = record.imageSize ?? imageSize?(key) ?? (key != record.key ? imageSize?(record.key) : nil)
            if let size, size.width <= 0 || size.height <= 0 {
                throw DetectionImportError(.invalidArgument, "image size \(size.width)×\(size.height) for \(key.debugDescription) is not positive",
                                           file: record.file, line: record.line, record: record.record)
            }
            var box: DetectionBox
            switch record.geometry {
            case .normalised(let x0, let y0, let x1, let y1):
                guard let size else {
                    throw DetectionImportError(.missingImageSize, "no image size for \(key.debugDescription) (normalised coordinates need it)",
                                               file: record.file, line: record.line, record: record.record)
                }
                let w = Double(size.width), h = Double(size.height)
                box = DetectionBox(label: record.label, score: record.score, x: x0 * w, y: y0 * h,
                                   width: (x1 - x0) * w, height: (y1 - y0) * h, source: source)
            case .pixels(let x, let y, let width, let height):
                box = DetectionBox(label: record.label, score: record.score, x: x, y: y, width: width, height: height, source: source)
                if case .letterbox(let cw, let ch) = frame {
                    guard let size else {
                        throw DetectionImportError(.missingImageSize, "no image size for \(key.debugDescription) (letterbox coordinates need it)",
                                                   file: record.file, line: record.line, record: record.record)
                    }
                    let letterbox: Letterbox
                    do { letterbox = try Letterbox(sourceWidth: size.width, sourceHeight: size.height, canvasWidth: cw, canvasHeight: ch) }
                    catch { throw DetectionImportError(.invalidArgument, "letterbox for \(key.debugDescription): \(error.message)", file: record.file, line: record.line, record: record.record) }
                    box = BoxGeometry.fromLetterbox(box, letterbox)
                }
            }
            if let size {
                let (cut, moved) = BoxGeometry.clamped(box, imageWidth: Double(size.width), imageHeight: Double(size.height))
                if moved && (cut.width <= 0 || cut.height <= 0) {
                    report.droppedOutside.append("\(record.location) (\(record.key))")
                    continue
                }
                if moved { report.clamped.append("\(record.location) (\(record.key))") }
                box = cut
            } else {
                report.uncheckedCount += 1
            }
            detections[key, default: []].append(box)
            report.importedCount += 1
        }
        if let matcher {
            report.imagesWithoutDetections = matcher.images.filter { detections[$0]?.isEmpty ?? true }
        }
        return Result(detections: detections, report: report)
    }

    // MARK: Shared helpers for the readers

    /// The text of a file; `.fileNotFound`, `.unreadable` (folder, permissions, not UTF-8).
    /// With `allowEmpty` false, a file of only whitespace throws `.emptyFile`.
    static func readText(_ path: String, what: String, allowEmpty: Bool = false) throws(DetectionImportError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DetectionImportError(.fileNotFound, "\(what) not found", file: path)
        }
        guard !isDirectory.boolValue else { throw DetectionImportError(.unreadable, "\(what) is a folder, expected a file", file: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DetectionImportError(.unreadable, "cannot read \(what)", file: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DetectionImportError(.unreadable, "\(what) is not UTF-8 text", file: path)
        }
        if !allowEmpty && text.allSatisfy({ $0.isWhitespace || $0 == "\u{FEFF}" }) {
            throw DetectionImportError(.emptyFile, "\(what) is empty", file: path)
        }
        return text
    }

    /// A names file: one class a line, surrounding whitespace trimmed; trailing blank lines ignored,
    /// a blank line before the last name is an error (it would shift every later class index).
    static func readNames(_ path: String) throws(DetectionImportError) -> [String] {
        let text = try readText(path, what: "names file")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\u{FEFF}", with: "")
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        if let blank = lines.firstIndex(of: "") {
            throw DetectionImportError(.malformed, "blank class name (would shift the class indices after it)", file: path, line: blank + 1)
        }
        return lines
    }

    /// A finite number from a field, or `.malformed` naming the column.
    static func number(_ field: String, _ column: String, file: String, line: Int? = nil, record: Int? = nil) throws(DetectionImportError) -> Double {
        let trimmed = field.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite else {
            throw DetectionImportError(.malformed, "\(column) \(trimmed.debugDescription) is not a finite number", file: file, line: line, record: record)
        }
        return value
    }

    /// `value` if in [0, 1] (normalised coordinate), else `.valueOutOfRange`.
    static func unit(_ value: Double, _ column: String, file: String, line: Int?) throws(DetectionImportError) -> Double {
        guard value >= 0 && value <= 1 else {
            throw DetectionImportError(.valueOutOfRange, "\(column) \(formatNumber(value)) is outside [0, 1]", file: file, line: line)
        }
        return value
    }

    static func formatNumber(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
