import Foundation
import Inference

/// Streams a store's records to CSV or JSON Lines, one row/line per record, in the deterministic
/// order of ``ResultStore/forEachRecord(conditionID:method:_:)``. Memory use does not grow with
/// the store (records are read through a cursor, output is flushed every MiB).
///
/// ## CSV (RFC 4180, `\n` line ends, fields quoted when they contain `,` `"` or a line break)
/// `image, condition, method, status, top1, top1_name, p_<class> × 20, valence, arousal, target,
/// cam_w, cam_h, error` — `image` is the relative path, `condition` the condition name, `target`
/// the target class **name**, `p_<class>` uses the EmoNet class names lower-cased with spaces as
/// `_` (`p_aesthetic_appreciation`). Numbers are the stored float32 values widened to Double and
/// printed with the shortest text that reads back as that Double, so pandas/R (float64) get the
/// exact values EmoShift's Double statistics use; NaN/±∞ print as `NaN`, `Inf`, `-Inf`; missing
/// values are empty fields.
///
/// ## JSONL
/// Keys: `image`, `image_sha256`, `condition`, `method`, `status`, `error`, `top1`,
/// `top1_name`, `probabilities` (20), `logits` (20), `valence`, `arousal`, `target`, `target_name`,
/// `target_score_kind`, `cam` (`{"width","height","values"}` row-major raw map, or null),
/// `parameters` (the applied-parameters JSON embedded as is), `item_seed` (decimal **string**:
/// 64-bit seeds do not fit a JSON double). Non-finite floats are `null`.
public enum RecordExporter {
    /// EmoNet class names in output order (from the Inference module).
    public static var classNames: [String] { EmoNetClasses.names }

    /// `p_<class>` column names.
    public static var probabilityColumns: [String] {
        classNames.map { "p_" + $0.lowercased().replacingOccurrences(of: " ", with: "_") }
    }

    public static var csvHeader: [String] {
        ["image", "condition", "method", "status", "top1", "top1_name"] + probabilityColumns
            + ["valence", "arousal", "target", "cam_w", "cam_h", "error"]
    }

    /// Writes the export to `url` (replacing it) and returns the number of records written.
    @discardableResult
    public static func export(_ store: ResultStore, format: ExportFormat, to url: URL) throws -> Int {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        return try export(store, format: format, to: handle)
    }

    /// Writes the export to an open handle (e.g. standard output) and returns the record count.
    @discardableResult
    public static func export(_ store: ResultStore, format: ExportFormat, to handle: FileHandle) throws -> Int {
        let sink = TextSink(handle)
        var count = 0
        if format == .csv { try sink.write(csvHeader.map(csvField).joined(separator: ",") + "\n") }
        try store.forEachRecord { stored in
            try sink.write(format == .csv ? csvLine(stored) : jsonLine(stored))
            count += 1
        }
        try sink.flush()
        return count
    }

    static func className(_ index: Int?) -> String? {
        guard let index, classNames.indices.contains(index) else { return nil }
        return classNames[index]
    }

    // MARK: CSV

    static func csvLine(_ s: StoredRecord) -> String {
        let r = s.record
        var fields: [String] = [csvField(s.image.path), csvField(r.condition), csvField(r.method), r.status.rawValue,
                                r.top1.map(String.init) ?? "", csvField(className(r.top1) ?? "")]
        if let p = r.probabilities {
            fields += p.map { csvNumber(Double($0)) }
        } else {
            fields += Array(repeating: "", count: classNames.count)
        }
        fields += [r.valence.map(csvNumber) ?? "", r.arousal.map(csvNumber) ?? "", csvField(className(r.targetClass) ?? ""),
                   r.cam.map { String($0.width) } ?? "", r.cam.map { String($0.height) } ?? "", csvField(r.error ?? "")]
        return fields.joined(separator: ",") + "\n"
    }

    static func csvNumber(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Inf" : "Inf" }
        return x.description
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: JSONL

    static func jsonLine(_ s: StoredRecord) -> String {
        let r = s.record
        var o = "{"
        o += "\"image\":" + jsonString(s.image.path)
        o += ",\"image_sha256\":" + jsonString(s.image.contentSHA256)
        o += ",\"condition\":" + jsonString(r.condition)
        o += ",\"method\":" + jsonString(r.method)
        o += ",\"status\":" + jsonString(r.status.rawValue)
        o += ",\"error\":" + (r.error.map(jsonString) ?? "null")
        o += ",\"top1\":" + (r.top1.map(String.init) ?? "null")
        o += ",\"top1_name\":" + (className(r.top1).map(jsonString) ?? "null")
        o += ",\"probabilities\":" + jsonArray(r.probabilities)
        o += ",\"logits\":" + jsonArray(r.logits)
        o += ",\"valence\":" + (r.valence.map(jsonNumber) ?? "null")
        o += ",\"arousal\":" + (r.arousal.map(jsonNumber) ?? "null")
        o += ",\"target\":" + (r.targetClass.map(String.init) ?? "null")
        o += ",\"target_name\":" + (className(r.targetClass).map(jsonString) ?? "null")
        o += ",\"target_score_kind\":" + (r.targetScoreKind.map(jsonString) ?? "null")
        if let m = r.cam {
            o += ",\"cam\":{\"width\":\(m.width),\"height\":\(m.height),\"values\":" + jsonArray(m.values) + "}"
        } else {
            o += ",\"cam\":null"
        }
        o += ",\"parameters\":" + (r.appliedParameters ?? "null")
        o += ",\"item_seed\":\"\(r.itemSeed)\""
        return o + "}\n"
    }

    static func jsonArray(_ values: [Float]?) -> String {
        guard let values else { return "null" }
        return "[" + values.map { jsonNumber(Double($0)) }.joined(separator: ",") + "]"
    }

    static func jsonNumber(_ x: Double) -> String { x.isFinite ? x.description : "null" }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
