import Foundation
import Inference
import Statistics

/// The EmoCAM corpus analysis (docs/association.md) over a store: for every condition and CAM
/// method, the object rows (record top-1 emotion and probability, detection label and confidence,
/// object importance) go through the paper's sort, de-duplication, filter and indicator vectors into
/// the association corpus; the similarity matrix, its object × emotion block and the top objects per
/// emotion follow, and across methods the RSA (full lower triangle and object × emotion block).
///
/// "Perturbation × corpus": the same association per condition, plus per object class the paired
/// change of its importance (per image: the largest importance among the class's detections) from
/// the baseline to each condition — see ``ImportanceShift``.
public struct CorpusAnalysis: Sendable {
    public struct MethodResult: Sendable {
        public var condition: String
        public var method: String
        public var corpus: AssociationCorpus
        public var matrix: LabeledMatrix
        public var block: LabeledMatrix
        public var top: TopObjects
    }

    public var settings: CorpusAnalysisSpec
    public var measure: BinarySimilarity
    /// Keyed by condition (the baseline included), then in method order.
    public var results: [String: [MethodResult]]
    public var conditions: [String]
    public var methods: [String]
    public var baseline: String
    /// RSA across methods on the baseline condition (nil with fewer than two methods).
    public var rsa: (full: RepresentationalSimilarity, objectEmotion: RepresentationalSimilarity)?
    /// Object rows read.
    public var rowCount: Int
    /// Per-image object importance by (condition, method, object, image): the maximum over the
    /// object's detections in that image (nil importances skipped).
    public var importanceByImage: [String: [String: Double]]

    public static func key(_ condition: String, _ method: String, _ object: String) -> String {
        condition + "\u{1}" + method + "\u{1}" + object
    }

    public static func run(_ store: ResultStore, pairs: PairedObservations, settings: CorpusAnalysisSpec) throws -> CorpusAnalysis {
        var rows: [ObjectRow] = []
        try store.forEachObjectRow { rows.append($0) }
        return run(rows: rows, baseline: pairs.baseline, conditions: pairs.conditions, methods: pairs.methods, settings: settings)
    }

    /// The analysis of object rows (from a store, or from an `emoshift export --table objects` CSV).
    /// `conditions` are the modified conditions in order; `methods` the CAM methods in order.
    public static func run(rows objectRows: [ObjectRow], baseline: String, conditions modified: [String], methods: [String],
                           settings: CorpusAnalysisSpec) -> CorpusAnalysis {
        let measure = BinarySimilarity(rawValue: settings.measure.rawValue) ?? .dice
        let filter = CorpusFilter(minEmotionConfidence: settings.emotionConfidence, minObjectConfidence: settings.objectConfidence,
                                  minImportance: settings.importance, caseInsensitive: settings.caseInsensitive)
        var rowsByKey: [String: [DetectionRow]] = [:]
        var importanceByImage: [String: [String: Double]] = [:]
        let names = EmoNetClasses.names
        for row in objectRows {
            let k = row.condition + "\u{1}" + row.method
            let emotion = row.top1.flatMap { names.indices.contains($0) ? names[$0] : nil } ?? "?"
            rowsByKey[k, default: []].append(DetectionRow(image: row.image, emotion: emotion, emotionConfidence: row.topProbability ?? 0,
                                                          object: row.detection.label, objectConfidence: row.detection.score,
                                                          importance: row.importance))
            if let v = row.importance {
                let object = settings.caseInsensitive ? row.detection.label.lowercased() : row.detection.label
                let ik = key(row.condition, row.method, object)
                importanceByImage[ik, default: [:]][row.image] = max(importanceByImage[ik]?[row.image] ?? -.infinity, v)
            }
        }
        let conditions = [baseline] + modified
        var results: [String: [MethodResult]] = [:]
        for condition in conditions {
            for method in methods {
                guard let rows = rowsByKey[condition + "\u{1}" + method] else { continue }
                let corpus = AssociationCorpus(rows: DetectionRow.paperSorted(rows), objects: settings.objects, emotions: names, filter: filter)
                let matrix = corpus.similarity(measure)
                results[condition, default: []].append(MethodResult(condition: condition, method: method, corpus: corpus, matrix: matrix,
                                                                    block: corpus.objectEmotionBlock(of: matrix), top: TopObjects(corpus)))
            }
        }
        var rsa: (full: RepresentationalSimilarity, objectEmotion: RepresentationalSimilarity)?
        if let base = results[baseline], base.count >= 2 {
            rsa = RepresentationalSimilarity.compare(base.map { (method: $0.method, corpus: $0.corpus) }, measure: measure)
        }
        return CorpusAnalysis(settings: settings, measure: measure, results: results, conditions: conditions, methods: methods,
                              baseline: baseline, rsa: rsa, rowCount: objectRows.count, importanceByImage: importanceByImage)
    }
}
