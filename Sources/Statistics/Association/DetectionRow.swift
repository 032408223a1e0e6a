/// One object detection of one image, as a row of EmoCAM's `yolo_outputs_<method>.csv` (spec §4.6):
/// the image key (`dir_image_path`), EmoNet's top-1 emotion and its probability p̂, the detected
/// object class, the detector confidence and the CAM importance of the box (§4.5).
///
/// `importance` is `nil` where the paper's value is NaN (e.g. an empty box, §6 A8); such a row never
/// passes the importance filter (pandas: `NaN > 0.3` is `False`).
public struct DetectionRow: Sendable, Hashable, Codable {
    public var image: String
    /// EmoNet top-1 class name (one of the 20 names of spec §1.6).
    public var emotion: String
    /// p̂, the softmax probability of `emotion`.
    public var emotionConfidence: Double
    /// Detector class label, e.g. "Human face".
    public var object: String
    public var objectConfidence: Double
    public var importance: Double?

    public init(image: String, emotion: String, emotionConfidence: Double, object: String,
                objectConfidence: Double, importance: Double?) {
        self.image = image
        self.emotion = emotion
        self.emotionConfidence = emotionConfidence
        self.object = object
        self.objectConfidence = objectConfidence
        self.importance = importance
    }

    /// The rows in the paper's order: by image key ascending (Unicode code-point order, as Python
    /// `str` comparison), then by descending importance with `nil`/NaN last; stable, so rows equal in
    /// both keys keep their input order. Equivalent to pandas
    /// `df.sort_values([image, importance], ascending=[True, False], kind='stable', na_position='last')`.
    ///
    /// Only the order *within* an image matters to the analysis (the de-duplication keeps the first
    /// row per key, §4.7 step 2); the paper's CSV keeps images in processing order.
    public static func paperSorted(_ rows: [DetectionRow]) -> [DetectionRow] {
        let order = rows.indices.sorted { a, b in
            let ra = rows[a], rb = rows[b]
            if ra.image != rb.image { return Keys.precedes(ra.image, rb.image) }
            switch (ra.importance.nanAsNil, rb.importance.nanAsNil) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a < b  // stability
            }
        }
        return order.map { rows[$0] }
    }
}
