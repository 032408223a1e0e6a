/// The secondary analyses against FindingEmo annotations (spec §4.9).
///
/// Filters are strict, with configurable thresholds (defaults: the paper's
/// `GlobalStatistics(emo_conf_thres=0.5, obj_conf_thres=0.1, ann_ambiguity_thres=3)`):
/// ambiguity < `maxAmbiguity` (a `nil` ambiguity never passes), p̂ > `minEmotionConfidence`,
/// detector confidence > `minObjectConfidence`.
public enum AnnotationAnalysis {
    /// Thresholds of §4.9.
    public struct Options: Sendable, Hashable, Codable {
        /// Ambiguity must be strictly less (default 3).
        public var maxAmbiguity: Double
        /// p̂ must be strictly greater (default 0.5); image-level analyses only.
        public var minEmotionConfidence: Double
        /// Detector confidence must be strictly greater (default 0.1); object analysis only.
        public var minObjectConfidence: Double
        /// Compare label names ignoring case (default `false`, exact match like the paper: the
        /// misspelt FindingEmo labels of spec §6 A7 then stay all-zero columns).
        public var caseInsensitive: Bool

        public init(maxAmbiguity: Double = 3, minEmotionConfidence: Double = 0.5, minObjectConfidence: Double = 0.1,
                    caseInsensitive: Bool = false) {
            self.maxAmbiguity = maxAmbiguity
            self.minEmotionConfidence = minEmotionConfidence
            self.minObjectConfidence = minObjectConfidence
            self.caseInsensitive = caseInsensitive
        }

        public static let paper = Options()

        func ambiguityPasses(_ a: Double?) -> Bool { a.map { $0 < maxAmbiguity } ?? false }
    }

    /// A Dice (or other) similarity between two label families over one set of observations.
    public struct Agreement: Sendable, Equatable, Codable {
        /// Rows surviving the filter (and de-duplication, for the object analysis).
        public var keptRows: Int
        /// The indicator matrix: first family's columns, then the second's.
        public var indicators: IndicatorMatrix
        /// The full square similarity matrix over both families (diagonal 1).
        public var matrix: LabeledMatrix
        /// The first-family × second-family block (e.g. EmoNet emotion × annotated emotion).
        public var block: LabeledMatrix
    }

    /// Pearson and Spearman between EmoNet's and the annotators' valence, and arousal.
    public struct AffectCorrelations: Sendable, Equatable, Codable {
        /// Rows surviving the filter.
        public var n: Int
        public var valencePearson: TestResult
        public var valenceSpearman: TestResult
        public var arousalPearson: TestResult
        public var arousalSpearman: TestResult
    }

    /// Rows with ambiguity < 3 and p̂ > 0.5 (the image-level filter), in input order.
    public static func imageFilter(_ rows: [AnnotatedImageRow], options: Options = .paper) -> [AnnotatedImageRow] {
        rows.filter { options.ambiguityPasses($0.ambiguity) && $0.emotionConfidence > options.minEmotionConfidence }
    }

    /// EmoNet emotion × annotated emotion. After `imageFilter`, **each surviving row is one
    /// observation** (one per image in the paper, whose annotation file has one annotation per
    /// image): v_e = 1 iff the row's EmoNet top-1 is e, w_a = 1 iff its annotated label is a
    /// (labels outside the lists are ignored). Columns `emonetEmotions + annotatedEmotions`
    /// (20 + 23 in the paper, misspellings included, spec §6 A7); `block` is 20 × 23.
    public static func emotionAgreement(_ rows: [AnnotatedImageRow], emonetEmotions: [String], annotatedEmotions: [String],
                                        measure: BinarySimilarity = .dice, options: Options = .paper) -> Agreement {
        let kept = imageFilter(rows, options: options)
        let keys = kept.map(\.image)
        let a = IndicatorMatrix.from(rowKeys: keys, labels: kept.map { [$0.emotion] }, columnNames: emonetEmotions,
                                     caseInsensitive: options.caseInsensitive)
        let b = IndicatorMatrix.from(rowKeys: keys, labels: kept.map { [$0.annotatedEmotion] }, columnNames: annotatedEmotions,
                                     caseInsensitive: options.caseInsensitive)
        return agreement(keptRows: kept.count, a, b, measure: measure)
    }

    /// Pearson r (`Correlation.pearson`, scipy `pearsonr`) and Spearman ρ (`Correlation.spearman`,
    /// scipy `spearmanr`), two-sided, between `valence` and `annotatedValence` and between
    /// `arousal` and `annotatedArousal`, over the rows passing `imageFilter`.
    public static func affectCorrelations(_ rows: [AnnotatedImageRow], options: Options = .paper) -> AffectCorrelations {
        let kept = imageFilter(rows, options: options)
        let v = kept.map(\.valence), av = kept.map(\.annotatedValence)
        let r = kept.map(\.arousal), ar = kept.map(\.annotatedArousal)
        return AffectCorrelations(n: kept.count,
                                  valencePearson: Correlation.pearson(v, av), valenceSpearman: Correlation.spearman(v, av),
                                  arousalPearson: Correlation.pearson(r, ar), arousalSpearman: Correlation.spearman(r, ar))
    }

    /// Detected object × annotated emotion. De-duplicate on (image, annotated emotion, object)
    /// keeping the first row (before filtering, as §4.7 does), keep rows with ambiguity < 3 and
    /// detector confidence > 0.1 (**no** importance or p̂ filter), then per image of the
    /// surviving rows (ascending key order): u_o = 1 iff a surviving row has object o, w_a = 1
    /// iff a surviving row has annotated label a. Columns `objects + annotatedEmotions` (22 + 23
    /// in the paper); `block` is objects × annotated emotions.
    public static func objectAgreement(_ rows: [AnnotatedDetectionRow], objects: [String], annotatedEmotions: [String],
                                       measure: BinarySimilarity = .dice, options: Options = .paper) -> Agreement {
        struct Key: Hashable { var image, emotion, object: String }
        var seen = Set<Key>()
        let unique = rows.filter { seen.insert(Key(image: $0.image, emotion: $0.annotatedEmotion, object: $0.object)).inserted }
        let kept = unique.filter { options.ambiguityPasses($0.ambiguity) && $0.objectConfidence > options.minObjectConfidence }
        var objectLabels: [String: [String]] = [:], emotionLabels: [String: [String]] = [:]
        for r in kept {
            objectLabels[r.image, default: []].append(r.object)
            emotionLabels[r.image, default: []].append(r.annotatedEmotion)
        }
        let images = objectLabels.keys.sorted(by: Keys.precedes)
        let a = IndicatorMatrix.from(rowKeys: images, labels: images.map { objectLabels[$0]! }, columnNames: objects,
                                     caseInsensitive: options.caseInsensitive)
        let b = IndicatorMatrix.from(rowKeys: images, labels: images.map { emotionLabels[$0]! }, columnNames: annotatedEmotions,
                                     caseInsensitive: options.caseInsensitive)
        return agreement(keptRows: kept.count, a, b, measure: measure)
    }

    private static func agreement(keptRows: Int, _ a: IndicatorMatrix, _ b: IndicatorMatrix, measure: BinarySimilarity) -> Agreement {
        let m = IndicatorMatrix(rowKeys: a.rowKeys, columnNames: a.columnNames + b.columnNames, columns: a.columns + b.columns)
        let s = measure.matrix(m)
        return Agreement(keptRows: keptRows, indicators: m, matrix: s,
                         block: s.block(rows: 0..<a.columnCount, columns: a.columnCount..<m.columnCount))
    }
}
