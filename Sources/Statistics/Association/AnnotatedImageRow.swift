/// One annotated image: EmoNet's outputs joined with its FindingEmo annotation (spec §4.9, the
/// `emonet_outputs_<method>.csv` row left-joined with `annotations_single.ann`).
///
/// `ambiguity` is `nil` where the annotation has none (NaN in pandas); such a row never passes
/// the `ambiguity < 3` filter.
public struct AnnotatedImageRow: Sendable, Hashable, Codable {
    public var image: String
    /// EmoNet top-1 class name.
    public var emotion: String
    /// p̂ of the top-1.
    public var emotionConfidence: Double
    /// EmoNet's valence and arousal heads.
    public var valence: Double
    public var arousal: Double
    /// FindingEmo label (`ann_emotion`).
    public var annotatedEmotion: String
    /// FindingEmo valence in [−3, 3] and arousal in [0, 6].
    public var annotatedValence: Double
    public var annotatedArousal: Double
    public var ambiguity: Double?

    public init(image: String, emotion: String, emotionConfidence: Double, valence: Double, arousal: Double,
                annotatedEmotion: String, annotatedValence: Double, annotatedArousal: Double, ambiguity: Double?) {
        self.image = image
        self.emotion = emotion
        self.emotionConfidence = emotionConfidence
        self.valence = valence
        self.arousal = arousal
        self.annotatedEmotion = annotatedEmotion
        self.annotatedValence = annotatedValence
        self.annotatedArousal = annotatedArousal
        self.ambiguity = ambiguity
    }
}
