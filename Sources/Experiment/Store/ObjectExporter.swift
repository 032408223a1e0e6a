import Foundation
import Inference

/// Exports the object rows (``ResultStore/forEachObjectRow(condition:method:_:)``) as CSV in the
/// EmoCAM paper's `yolo_outputs_<method>.csv` vocabulary, one row per (record, detection):
///
/// `image, condition, method, emonet_emotion, emonet_emotion_conf, detected_object,
/// object_confidence, object_importance, x_top_left, y_top_left, width, height, convention, reason`
///
/// Boxes are in original-image pixels; `object_importance` is empty when n/a (`reason` says why).
/// Numbers print as the shortest text that reads back as the same Double (pandas gets the exact
/// values the Swift analysis used).
public enum ObjectExporter {
    public static let header = ["image", "condition", "method", "emonet_emotion", "emonet_emotion_conf", "detected_object",
                                "object_confidence", "object_importance", "x_top_left", "y_top_left", "width", "height",
                                "convention", "reason"]

    @discardableResult
    public static func export(_ store: ResultStore, to url: URL) throws -> Int {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let sink = TextSink(handle)
        try sink.write(header.joined(separator: ",") + "\n")
        var count = 0
        let names = EmoNetClasses.names
        try store.forEachObjectRow { r in
            let emotion = r.top1.flatMap { names.indices.contains($0) ? names[$0] : nil } ?? ""
            let d = r.detection
            let fields = [RecordExporter.csvField(r.image), RecordExporter.csvField(r.condition), RecordExporter.csvField(r.method),
                          RecordExporter.csvField(emotion), r.topProbability.map(RecordExporter.csvNumber) ?? "",
                          RecordExporter.csvField(d.label), RecordExporter.csvNumber(d.score),
                          r.importance.map(RecordExporter.csvNumber) ?? "",
                          RecordExporter.csvNumber(d.x), RecordExporter.csvNumber(d.y), RecordExporter.csvNumber(d.width),
                          RecordExporter.csvNumber(d.height), r.convention, RecordExporter.csvField(r.reason ?? "")]
            try sink.write(fields.joined(separator: ",") + "\n")
            count += 1
        }
        try sink.flush()
        return count
    }
}
