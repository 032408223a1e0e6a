/// One detection of an annotated image: a `yolo_outputs_<method>.csv` row joined with the
/// image's FindingEmo annotation (spec §4.9, "detected object vs annotated emotion").
public struct AnnotatedDetectionRow: Sendable, Hashable, Codable {
    public var image: String
    /// FindingEmo label of the image (`ann_emotion`).
    public var annotatedEmotion: String
    /// Detector class label.
    public var object: String
    public var objectConfidence: Double
    public var ambiguity: Double?

    public init(image: String, annotatedEmotion: String, object: String, objectConfidence: Double, ambiguity: Double?) {
        self.image = image
        self.annotatedEmotion = annotatedEmotion
        self.object = object
        self.objectConfidence = objectConfidence
        self.ambiguity = ambiguity
    }
}
