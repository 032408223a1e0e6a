import Foundation

/// Reader for COCO detection results (the format of `loadRes`/COCO eval submissions, written by
/// Detectron2, MMDetection, torchvision references, YOLO `--save-json`, …).
///
/// **Results file**: a JSON array of objects
/// `{"image_id": 42, "category_id": 18, "bbox": [x, y, width, height], "score": 0.93}`, with `bbox`
/// in pixels of the original image (top-left corner and size, `width, height ≥ 0`). `image_id` may be
/// a number or a string; `score` defaults to 1 when absent; other keys (`segmentation`, …) are
/// ignored. A full annotation file (an object with an `annotations` array) is accepted too. `[]` is
/// valid and gives no records; a file of zero bytes is `.emptyFile`. Errors name the 1-based record
/// number: `results.json: record 3: bbox has 3 numbers, expected 4`.
///
/// **Annotation file** (`classNames`): the COCO dataset JSON; only `images`
/// (`id`, `file_name`, optional `width`/`height`) and `categories` (`id`, `name`) are read. The image
/// key is `file_name`; the image size, when present, comes from here. Every annotation image gets an
/// entry in the result, empty when it has no detections.
///
/// An `image_id` missing from `images` is `.malformed`, a `category_id` missing from `categories` is
/// `.unknownClass`.
public enum COCOResultsImporter {
    public struct ImageEntry: Sendable, Hashable {
        public var fileName: String
        public var size: DetectionImporter.ImageSize?
    }

    /// `images` by id (ids as strings: `42` → `"42"`) and `categories` (id → name, in file order).
    public static func readAnnotations(path: String) throws(DetectionImportError)
        -> (images: [String: ImageEntry], imageOrder: [String], categories: [(id: String, name: String)]) {
        guard let root = try json(path, what: "COCO annotation file") as? [String: Any] else {
            throw DetectionImportError(.malformed, "expected a JSON object with \"images\" and \"categories\"", file: path)
        }
        guard let images = root["images"] as? [Any] else {
            throw DetectionImportError(.malformed, "no \"images\" array", file: path)
        }
        guard let categories = root["categories"] as? [Any] else {
            throw DetectionImportError(.malformed, "no \"categories\" array", file: path)
        }
        var byID: [String: ImageEntry] = [:], order: [String] = []
        for (i, item) in images.enumerated() {
            guard let object = item as? [String: Any], let id = identifier(object["id"]),
                  let fileName = object["file_name"] as? String, !fileName.isEmpty else {
                throw DetectionImportError(.malformed, "images[\(i)] needs an \"id\" and a \"file_name\"", file: path)
            }
            var size: DetectionImporter.ImageSize? = nil
            if let w = number(object["width"]), let h = number(object["height"]) {
                guard w > 0, h > 0, w == w.rounded(), h == h.rounded(), w < 1e9, h < 1e9 else {
                    throw DetectionImportError(.valueOutOfRange, "images[\(i)] (\(fileName)): width/height must be positive integers", file: path)
                }
                size = .init(width: Int(w), height: Int(h))
            }
            if byID[id] == nil { order.append(id) }
            byID[id] = ImageEntry(fileName: fileName, size: size)
        }
        var cats: [(id: String, name: String)] = []
        for (i, item) in categories.enumerated() {
            guard let object = item as? [String: Any], let id = identifier(object["id"]), let name = object["name"] as? String else {
                throw DetectionImportError(.malformed, "categories[\(i)] needs an \"id\" and a \"name\"", file: path)
            }
            cats.append((id, name))
        }
        return (byID, order, cats)
    }

    public static func read(path: String, annotations: String) throws(DetectionImportError) -> DetectionImporter.Parsed {
        let (images, order, categories) = try readAnnotations(path: annotations)
        var categoryByID: [String: String] = [:]
        for c in categories where categoryByID[c.id] == nil { categoryByID[c.id] = c.name }
        let vocabulary = LabelVocabulary(categories.map(\.name))

        let root = try json(path, what: "COCO results file")
        let items: [Any]
        if let array = root as? [Any] { items = array }
        else if let object = root as? [String: Any], let array = object["annotations"] as? [Any] { items = array }
        else { throw DetectionImportError(.malformed, "expected a JSON array of detections", file: path) }

        var records: [DetectionImporter.Record] = []
        for (index, item) in items.enumerated() {
            let r = index + 1
            func fail(_ kind: DetectionImportError.Kind, _ message: String) -> DetectionImportError {
                DetectionImportError(kind, message, file: path, record: r)
            }
            guard let object = item as? [String: Any] else { throw fail(.malformed, "expected a JSON object") }
            guard let imageID = identifier(object["image_id"]) else { throw fail(.malformed, "missing or invalid image_id") }
            guard let image = images[imageID] else {
                throw fail(.malformed, "image_id \(imageID) is not in the images of \((annotations as NSString).lastPathComponent)")
            }
            guard let categoryID = identifier(object["category_id"]) else { throw fail(.malformed, "missing or invalid category_id") }
            guard let label = categoryByID[categoryID] else {
                let known = categories.prefix(8).map { "\($0.id) \($0.name)" }.joined(separator: ", ")
                throw fail(.unknownClass, "unknown category_id \(categoryID) (\(categories.count) categories in \((annotations as NSString).lastPathComponent): \(known)\(categories.count > 8 ? ", …" : ""))")
            }
            guard let bbox = object["bbox"] as? [Any] else { throw fail(.malformed, "missing bbox") }
            guard bbox.count == 4 else { throw fail(.malformed, "bbox has \(bbox.count) numbers, expected 4") }
            var v: [Double] = []
            for (i, name) in ["x", "y", "width", "height"].enumerated() {
                guard let value = number(bbox[i]), value.isFinite else { throw fail(.malformed, "bbox \(name) is not a finite number") }
                v.append(value)
            }
            guard v[2] >= 0, v[3] >= 0 else {
                throw fail(.valueOutOfRange, "bbox width/height \(DetectionImporter.formatNumber(v[2]))×\(DetectionImporter.formatNumber(v[3])) is negative")
            }
            var score = 1.0
            if let raw = object["score"] {
                guard let s = number(raw), s.isFinite else { throw fail(.malformed, "score is not a finite number") }
                score = s
            }
            records.append(DetectionImporter.Record(key: image.fileName, label: label, score: score,
                                                    geometry: .pixels(x: v[0], y: v[1], width: v[2], height: v[3]),
                                                    imageSize: image.size, file: path, record: r))
        }
        return DetectionImporter.Parsed(records: records, processedKeys: order.map { images[$0]!.fileName }, vocabulary: vocabulary)
    }

    static func json(_ path: String, what: String) throws(DetectionImportError) -> Any {
        let text = try DetectionImporter.readText(path, what: what)
        do {
            return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw DetectionImportError(.malformed, "invalid JSON: \(detail)", file: path)
        }
    }

    /// A JSON number as Double.
    static func number(_ value: Any?) -> Double? {
        if let n = value as? NSNumber { return n.doubleValue }
        if let d = value as? Double { return d }
        if let i = value as? Int { return Double(i) }
        return nil
    }

    /// A JSON id as a string: integral numbers without a decimal point, strings as they are.
    static func identifier(_ value: Any?) -> String? {
        if let s = value as? String { return s.isEmpty ? nil : s }
        guard let d = number(value), d.isFinite else { return nil }
        return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}
