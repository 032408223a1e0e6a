/// `analysis.corpus:` — the EmoCAM corpus analysis (which detected objects carry the CAM evidence
/// for which emotion; docs/association.md). Defaults are the paper's final settings.
public struct CorpusAnalysisSpec: Sendable, Hashable, Codable {
    /// How a box's importance is read from the CAM (docs/importance.md).
    public enum Convention: String, Sendable, Hashable, Codable, CaseIterable {
        /// The CAM at the original image size, the box clamped to the image (default; avoids the
        /// paper's negative-coordinate quirk A8).
        case clamped
        /// Exactly the paper: CAM letterboxed to 608², `int()` box coordinates, Python slicing.
        case emocam
    }

    public enum Measure: String, Sendable, Hashable, Codable, CaseIterable { case dice, jaccard, yule }

    /// The paper's 24 Open Images classes, in its column order ("Personal Care" as the paper spells
    /// it, so that column stays empty with Open Images' "Personal care" — ambiguity A6).
    public static let paperObjects = [
        "Person", "Human face", "Human eye", "Human nose", "Human mouth", "Human head", "Clothing", "Sports equipment",
        "Footwear", "Plant", "Flower", "Animal", "Food", "Drink", "Furniture", "Weapon", "Wheel", "Building",
        "Personal Care", "Vehicle", "Tableware", "Kitchenware", "Pillow", "Jeans",
    ]

    public static let keys = ["enabled", "convention", "emotionConfidence", "objectConfidence", "importance", "measure",
                              "objects", "annotations", "caseInsensitive"]

    /// Run the corpus analysis at the end of `emoshift run` / in `emoshift report` (default true;
    /// it needs detections, and says so when there are none).
    public var enabled: Bool
    public var convention: Convention
    /// Keep a row when the record's top-1 probability is strictly above this (paper: 0.5).
    public var emotionConfidence: Double
    /// … and the detector's confidence is strictly above this (paper: 0.1) …
    public var objectConfidence: Double
    /// … and the object's importance is strictly above this (paper: 0.3).
    public var importance: Double
    /// Similarity between indicator vectors (paper: Dice).
    public var measure: Measure
    /// Object columns, in order.
    public var objects: [String]
    /// Optional per-image annotations CSV (image, valence, arousal, emotion, ambiguity) for §4.9.
    public var annotations: String?
    /// Match object labels case-insensitively (default false, as the paper).
    public var caseInsensitive: Bool

    public init(enabled: Bool = true, convention: Convention = .clamped, emotionConfidence: Double = 0.5,
                objectConfidence: Double = 0.1, importance: Double = 0.3, measure: Measure = .dice,
                objects: [String] = CorpusAnalysisSpec.paperObjects, annotations: String? = nil, caseInsensitive: Bool = false) {
        self.enabled = enabled
        self.convention = convention
        self.emotionConfidence = emotionConfidence
        self.objectConfidence = objectConfidence
        self.importance = importance
        self.measure = measure
        self.objects = objects
        self.annotations = annotations
        self.caseInsensitive = caseInsensitive
    }
}

extension CorpusAnalysisSpec {
    enum CodingKeys: String, CodingKey {
        case enabled, convention, emotionConfidence, objectConfidence, importance, measure, objects, annotations, caseInsensitive
    }

    /// Tolerant decoding (missing keys take their defaults), as ``AnalysisSpec``.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CorpusAnalysisSpec()
        self.init(enabled: try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? d.enabled,
                  convention: try c.decodeIfPresent(Convention.self, forKey: .convention) ?? d.convention,
                  emotionConfidence: try c.decodeIfPresent(Double.self, forKey: .emotionConfidence) ?? d.emotionConfidence,
                  objectConfidence: try c.decodeIfPresent(Double.self, forKey: .objectConfidence) ?? d.objectConfidence,
                  importance: try c.decodeIfPresent(Double.self, forKey: .importance) ?? d.importance,
                  measure: try c.decodeIfPresent(Measure.self, forKey: .measure) ?? d.measure,
                  objects: try c.decodeIfPresent([String].self, forKey: .objects) ?? d.objects,
                  annotations: try c.decodeIfPresent(String.self, forKey: .annotations),
                  caseInsensitive: try c.decodeIfPresent(Bool.self, forKey: .caseInsensitive) ?? d.caseInsensitive)
    }
}
