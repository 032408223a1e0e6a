import Testing

@testable import Statistics

/// Hand-computed cases for the association code (the golden comparisons are in
/// `AssociationGoldenTests`).
@Suite struct AssociationUnitTests {
    static func row(_ image: String, _ emotion: String, _ conf: Double, _ object: String, _ oconf: Double,
                    _ importance: Double?) -> DetectionRow {
        DetectionRow(image: image, emotion: emotion, emotionConfidence: conf, object: object, objectConfidence: oconf,
                     importance: importance)
    }

    /// scipy's documented examples and its zero-division rules.
    @Test func similarityFormulas() {
        // u = [1,0,0], v = [0,1,0]: n11 0, n10 1, n01 1, n00 1.
        let disjoint = PairCounts(n11: 0, n10: 1, n01: 1, n00: 1)
        #expect(BinarySimilarity.dice.distance(disjoint) == 1)
        #expect(BinarySimilarity.yule.distance(disjoint) == 2)  // scipy: yule([1,0,0],[0,1,0]) = 2
        #expect(BinarySimilarity.yule.similarity(disjoint) == -1)
        // u = [1,0,0], v = [1,1,0]: dice = 1/3.
        let c = PairCounts(n11: 1, n10: 0, n01: 1, n00: 1)
        #expect(abs(BinarySimilarity.dice.distance(c) - 1.0 / 3) < 1e-15)
        #expect(BinarySimilarity.yule.distance(c) == 0)  // n10·n01 = 0 → 0
        #expect(abs(BinarySimilarity.jaccard.similarity(c)! - 0.5) < 1e-15)
        // Both all zero: Dice n/a, Jaccard 1 (scipy returns distance 0), Yule 1.
        let zeros = PairCounts(n11: 0, n10: 0, n01: 0, n00: 5)
        #expect(BinarySimilarity.dice.similarity(zeros) == nil)
        #expect(BinarySimilarity.jaccard.similarity(zeros) == 1)
        #expect(BinarySimilarity.yule.similarity(zeros) == 1)
        // Yule's Q = (n11 n00 − n10 n01)/(n11 n00 + n10 n01) = (6 − 2)/(6 + 2).
        #expect(abs(BinarySimilarity.yule.similarity(PairCounts(n11: 2, n10: 1, n01: 2, n00: 3))! - 0.5) < 1e-15)
        // Dice = 2·3/(2·3 + 1 + 2).
        #expect(abs(BinarySimilarity.dice.similarity(PairCounts(n11: 3, n10: 1, n01: 2, n00: 0))! - 6.0 / 9) < 1e-15)
    }

    @Test func sortIsStableWithNilImportanceLast() {
        let rows = [Self.row("b", "Joy", 0.9, "A", 0.5, 0.2), Self.row("a", "Joy", 0.9, "B", 0.5, nil),
                    Self.row("a", "Joy", 0.9, "C", 0.5, 0.4), Self.row("a", "Joy", 0.9, "D", 0.5, 0.9),
                    Self.row("a", "Joy", 0.9, "E", 0.5, 0.4), Self.row("a", "Joy", 0.9, "F", 0.5, .nan)]
        #expect(DetectionRow.paperSorted(rows).map(\.object) == ["D", "C", "E", "B", "F", "A"])
        // Code-point order: "Z" (0x5A) before "a" (0x61), "é" after "z".
        let keys = ["é", "a", "Z", "z"].map { Self.row($0, "Joy", 1, "X", 1, 1) }
        #expect(DetectionRow.paperSorted(keys).map(\.image) == ["Z", "a", "z", "é"])
    }

    /// Strict thresholds, nil importance, de-duplication before filtering.
    @Test func filterIsStrictAndDeduplicatesFirst() {
        let rows = [
            Self.row("i1", "Joy", 0.5, "Person", 0.9, 0.9),          // p̂ = 0.5 exactly: out
            Self.row("i2", "Joy", 0.51, "Person", 0.1, 0.9),         // confidence = 0.1 exactly: out
            Self.row("i3", "Joy", 0.51, "Person", 0.9, 0.3),         // importance = 0.3 exactly: out
            Self.row("i4", "Joy", 0.51, "Person", 0.9, nil),         // nil importance: out
            Self.row("i5", "Fear", 0.51, "Plant", 0.05, 0.9),        // most important Plant fails confidence …
            Self.row("i5", "Fear", 0.51, "Plant", 0.9, 0.8),         // … and hides this one (dedup first)
            Self.row("i5", "Fear", 0.51, "Food", 0.9, 0.31),
        ]
        let objects = ["Person", "Plant", "Food"], emotions = ["Joy", "Fear"]
        let c = AssociationCorpus(rows: rows, objects: objects, emotions: emotions)
        #expect(c.rowsAfterDeduplication == 6)
        #expect(c.keptRows.count == 1)
        #expect(c.images == ["i5"])
        #expect(c.indicators.columns.map { $0 == [true] } == [false, false, true, false, true])
        let after = AssociationCorpus(rows: rows, objects: objects, emotions: emotions,
                                      filter: CorpusFilter(deduplicateBeforeFilter: false))
        #expect(after.keptRows.count == 2)
        #expect(after.indicators.columns.map { $0 == [true] } == [false, true, true, false, true])
        let loose = AssociationCorpus(rows: rows, objects: objects, emotions: emotions,
                                      filter: CorpusFilter(minEmotionConfidence: 0.4, minObjectConfidence: 0, minImportance: 0.2))
        #expect(loose.images == ["i1", "i2", "i3", "i5"])
    }

    @Test func caseInsensitiveMatching() {
        let rows = [Self.row("i1", "Joy", 0.9, "Personal care", 0.9, 0.9)]
        let exact = AssociationCorpus(rows: rows, objects: ["Personal Care"], emotions: ["Joy"])
        #expect(exact.indicators.count(column: 0) == 0)
        #expect(exact.similarity().value(row: "Personal Care", column: "Joy") == 0)
        let folded = AssociationCorpus(rows: rows, objects: ["Personal Care"], emotions: ["Joy"],
                                       filter: CorpusFilter(caseInsensitive: true))
        #expect(folded.indicators.count(column: 0) == 1)
        #expect(folded.similarity().value(row: "Personal Care", column: "Joy") == 1)
    }

    /// Objects and emotions are separate namespaces even when a name is shared.
    @Test func objectAndEmotionNamesDoNotMix() {
        let rows = [Self.row("i1", "Joy", 0.9, "Person", 0.9, 0.9), Self.row("i2", "Fear", 0.9, "Joy", 0.9, 0.9)]
        let c = AssociationCorpus(rows: rows, objects: ["Joy"], emotions: ["Joy"])
        #expect(c.indicators.bitStrings == ["01", "10"])
    }

    @Test func lowerTriangleOrderBlockAndNoNaNLeaks() {
        let m = LabeledMatrix(rowLabels: ["a", "b", "c", "d"], columnLabels: ["a", "b", "c", "d"],
                              values: [[0, 1, 2, 3], [10, 11, 12, 13], [20, 21, nil, 23], [30, 31, 32, Double.nan]])
        #expect(m.strictLowerTriangle == [10, 20, 21, 30, 31, 32])
        #expect(m.block(rows: 2..<4, columns: 0..<3).flattened == [20, 21, nil, 30, 31, 32])
        #expect(m[3, 3] == nil && m[2, 2] == nil && m.missingCount == 2)
        #expect(!m.description.lowercased().contains("nan") && m.description.contains("n/a"))
        #expect(m == LabeledMatrix(rowLabels: m.rowLabels, columnLabels: m.columnLabels, values: m.rows))
    }

    /// Pairwise-complete correlations vs the listwise tests, on a 5-position example worked by hand:
    /// x = (1, 2, 3, 4, n/a), y = (2, 1, 4, 3, 5), z = (n/a, 1, 2, 3, 4).
    @Test func rsaPairwiseVersusListwise() {
        let r = RepresentationalSimilarity(methods: ["x", "y", "z"],
                                           vectors: [[1, 2, 3, 4, nil], [2, 1, 4, 3, 5], [Double.nan, 1, 2, 3, 4]])
        #expect(r.vectors[2][0] == nil, "NaN input is n/a")
        #expect(r.pairwiseCounts == [[4, 4, 3], [4, 5, 4], [3, 4, 4]])
        #expect(r.completeCount == 3)
        // x·y on 4 positions: ranks (1,2,3,4) vs (2,1,4,3): ρ = 1 − 6·4/(4·15) = 0.6.
        #expect(abs(r.correlations[0, 1]! - 0.6) < 1e-12)
        // y·z on positions 1–4: (1,4,3,5) vs (1,2,3,4) → ranks (1,3,2,4) vs (1,2,3,4): ρ = 1 − 6·2/60 = 0.8.
        #expect(abs(r.correlations[1, 2]! - 0.8) < 1e-12)
        // Listwise (positions 1–3): x = (2,3,4), y = (1,4,3): ranks (1,2,3) vs (1,3,2): ρ = 0.5, n = 3.
        #expect(abs(r.tests[0][1].statistic! - 0.5) < 1e-12)
        #expect(r.tests[0][1].n == 3)
        #expect(r.correlations[0, 0] == 1)
        // A constant vector: n/a with a reason.
        let c = RepresentationalSimilarity(methods: ["x", "k"], vectors: [[1, 2, 3], [1, 1, 1]])
        #expect(c.correlations[0, 1] == nil && c.correlations[1, 1] == nil)
        #expect(c.tests[0][1].pValue == nil && c.tests[0][1].reason != nil)
    }

    @Test func annotationFiltersAreStrict() {
        func img(_ emotion: String, _ conf: Double, _ label: String, _ amb: Double?) -> AnnotatedImageRow {
            AnnotatedImageRow(image: "i", emotion: emotion, emotionConfidence: conf, valence: 0, arousal: 0,
                              annotatedEmotion: label, annotatedValence: 0, annotatedArousal: 0, ambiguity: amb)
        }
        let rows = [img("Joy", 0.9, "Joy", 2.99), img("Joy", 0.9, "Joy", 3), img("Joy", 0.5, "Joy", 0), img("Joy", 0.9, "Joy", nil),
                    img("Fear", 0.9, "Terror", 0)]
        #expect(AnnotationAnalysis.imageFilter(rows).count == 2)
        let a = AnnotationAnalysis.emotionAgreement(rows, emonetEmotions: ["Joy", "Fear"], annotatedEmotions: ["Joy", "Terror", "Digust"])
        #expect(a.block.rows == [[1, 0, 0], [0, 1, 0]])
        #expect(a.matrix.value(row: "Digust", column: "Joy") == 0)
        let dets = [AnnotatedDetectionRow(image: "i", annotatedEmotion: "Joy", object: "Tree", objectConfidence: 0.1, ambiguity: 0),
                    AnnotatedDetectionRow(image: "j", annotatedEmotion: "Joy", object: "Tree", objectConfidence: 0.11, ambiguity: 0)]
        let o = AnnotationAnalysis.objectAgreement(dets, objects: ["Tree", "Girl"], annotatedEmotions: ["Joy"])
        #expect(o.indicators.rowKeys == ["j"])
        #expect(o.block.rows == [[1], [0]])
        #expect(o.matrix.value(row: "Girl", column: "Girl") == 1)
    }
}
