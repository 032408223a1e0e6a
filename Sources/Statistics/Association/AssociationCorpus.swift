/// Steps 2–4 of the corpus-level object–emotion analysis (spec §4.7) over plain detection rows:
/// de-duplicate, filter, and build the binary indicator vectors.
///
/// 1. **De-duplicate** (before filtering, by default): keep the first row per
///    (image, emotion, object) of `rows` as given. Pass rows already in the paper's order
///    (`DetectionRow.paperSorted`) so that the first row is the most important instance.
/// 2. **Filter** with `CorpusFilter` (strict: p̂ > 0.5, confidence > 0.1, importance > 0.3;
///    `nil` importance never passes).
/// 3. **Image set** 𝓘 = the images with ≥ 1 surviving row, in ascending code-point order of the
///    key. (The paper keeps pandas' order; the order of 𝓘 changes no similarity value.)
/// 4. **Indicators** over 𝓘: u_o[n] = 1 iff some surviving row of n has `object` = o (exact,
///    case-sensitive match unless `caseInsensitive`; names outside `objects` are ignored) and
///    v_e[n] = 1 iff some surviving row of n has `emotion` = e (the image's top-1, so exactly
///    one emotion is 1 per image when its name is in `emotions`).
///
/// Columns: `objects` then `emotions` (24 + 20 = 44 in the paper).
public struct AssociationCorpus: Sendable, Hashable, Codable {
    public let objects: [String]
    public let emotions: [String]
    public let filter: CorpusFilter
    /// Number of input rows.
    public let inputRowCount: Int
    /// Rows left by the de-duplication step alone.
    public let rowsAfterDeduplication: Int
    /// The surviving rows (de-duplicated and filtered), in input order.
    public let keptRows: [DetectionRow]
    /// The image set 𝓘 and its indicator matrix (columns `objects + emotions`).
    public let indicators: IndicatorMatrix

    public init(rows: [DetectionRow], objects: [String], emotions: [String], filter: CorpusFilter = .paper) {
        self.objects = objects
        self.emotions = emotions
        self.filter = filter
        self.inputRowCount = rows.count

        struct Key: Hashable { var image, emotion, object: String }
        func dedup(_ rs: [DetectionRow]) -> [DetectionRow] {
            var seen = Set<Key>()
            return rs.filter { seen.insert(Key(image: $0.image, emotion: $0.emotion, object: $0.object)).inserted }
        }
        let kept: [DetectionRow]
        if filter.deduplicateBeforeFilter {
            let unique = dedup(rows)
            rowsAfterDeduplication = unique.count
            kept = unique.filter(filter.passes)
        } else {
            rowsAfterDeduplication = dedup(rows).count
            kept = dedup(rows.filter(filter.passes))
        }
        keptRows = kept

        var labels: [String: Set<String>] = [:]
        for r in kept {
            labels[r.image, default: []].insert(r.object)
            labels[r.image, default: []].insert(Self.emotionTag + r.emotion)
        }
        let images = labels.keys.sorted(by: Keys.precedes)
        // Objects and emotions are matched in separate namespaces (an object called "Joy" is not
        // the emotion Joy).
        let objectPart = IndicatorMatrix.from(
            rowKeys: images, labels: images.map { Array(labels[$0]!) }, columnNames: objects,
            caseInsensitive: filter.caseInsensitive)
        let emotionPart = IndicatorMatrix.from(
            rowKeys: images, labels: images.map { Array(labels[$0]!) }, columnNames: emotions.map { Self.emotionTag + $0 },
            caseInsensitive: filter.caseInsensitive)
        indicators = IndicatorMatrix(rowKeys: images, columnNames: objects + emotions,
                                     columns: objectPart.columns + emotionPart.columns)
    }

    private static let emotionTag = "\u{1}emotion:"

    /// The image set 𝓘 (ascending code-point order).
    public var images: [String] { indicators.rowKeys }

    /// The binary similarity matrix between all columns (objects then emotions).
    public func similarity(_ measure: BinarySimilarity = .dice) -> LabeledMatrix {
        measure.matrix(indicators)
    }

    /// The object × emotion block of a square matrix over `objects + emotions`.
    public func objectEmotionBlock(of matrix: LabeledMatrix) -> LabeledMatrix {
        matrix.block(rows: 0..<objects.count, columns: objects.count..<(objects.count + emotions.count))
    }
}
