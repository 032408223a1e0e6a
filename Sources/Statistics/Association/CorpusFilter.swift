/// The thresholds and matching rules of the corpus filter (spec §4.7 steps 2–3).
///
/// Defaults are the final thesis code and the release: `GlobalStatistics(obj_importance_thres=0.3,
/// emo_conf_thres=0.5, obj_conf_thres=0.1)`. A row survives when
///
///     emotionConfidence > minEmotionConfidence  ∧  objectConfidence > minObjectConfidence
///     ∧  importance > minImportance
///
/// with strict inequalities; a `nil` (NaN) importance never passes, and neither does a NaN
/// confidence. Set a threshold to `-.infinity` to switch its test off (a `nil` importance still
/// fails then, as in pandas).
public struct CorpusFilter: Sendable, Hashable, Codable {
    /// p̂ must be strictly greater (default 0.5).
    public var minEmotionConfidence: Double
    /// Detector confidence must be strictly greater (default 0.1).
    public var minObjectConfidence: Double
    /// CAM importance must be strictly greater (default 0.3).
    public var minImportance: Double
    /// Match object names (and emotion names) to the column lists ignoring case. Default `false`,
    /// the paper's behaviour: its list says "Personal Care" while the detector emits "Personal
    /// care", so that column is all zeros (spec §6 A6). `true` compares `lowercased()` names.
    public var caseInsensitive: Bool
    /// De-duplicate on (image, emotion, object) **before** the threshold filter (default `true`,
    /// the paper's order, spec §4.7 step 2 and §6 A13): if the most important instance of a class in
    /// an image fails the filter, the class is absent from that image even when a less important
    /// instance would pass. `false` filters first, then keeps the first surviving row per key.
    public var deduplicateBeforeFilter: Bool

    public init(minEmotionConfidence: Double = 0.5, minObjectConfidence: Double = 0.1, minImportance: Double = 0.3,
                caseInsensitive: Bool = false, deduplicateBeforeFilter: Bool = true) {
        self.minEmotionConfidence = minEmotionConfidence
        self.minObjectConfidence = minObjectConfidence
        self.minImportance = minImportance
        self.caseInsensitive = caseInsensitive
        self.deduplicateBeforeFilter = deduplicateBeforeFilter
    }

    /// The paper's filter (all defaults).
    public static let paper = CorpusFilter()

    /// Whether one row passes the three strict thresholds.
    public func passes(_ row: DetectionRow) -> Bool {
        guard let importance = row.importance else { return false }
        return row.emotionConfidence > minEmotionConfidence
            && row.objectConfidence > minObjectConfidence
            && importance > minImportance
    }
}
