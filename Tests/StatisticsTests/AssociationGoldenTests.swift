import Foundation
import Testing

@testable import Statistics

/// The association analysis (spec §4.7–4.9) against the pandas/scipy re-implementation of the EmoCAM
/// code path (`Scripts/reference/association_reference.py` → `Tests/Fixtures/goldens/association/`):
/// every matrix cell, n/a position, lower-triangle vector, Spearman matrix and p-value within 1e-9.
@Suite struct AssociationGoldenTests {
    static let main = AssociationGolden.load("main")
    static let degenerate = AssociationGolden.load("degenerate")
    static let goldens: [(String, AssociationGolden)] = [("main", main), ("degenerate", degenerate)]

    // MARK: steps 2–4

    @Test(arguments: ["main", "degenerate"])
    func paperSortMatchesPandas(_ name: String) {
        let g = Self.golden(name)
        for m in g.methods {
            let rows = m.rows.detectionRows
            #expect(DetectionRow.paperSorted(rows) == m.sortedIndex.map { rows[$0] }, "\(name)/\(m.name)")
        }
    }

    @Test(arguments: ["main", "degenerate"])
    func filterAndIndicatorsMatchPandas(_ name: String) {
        let g = Self.golden(name)
        for m in g.methods {
            let c = g.corpus(m)
            #expect(c.inputRowCount == m.rows.dirImagePath.count)
            #expect(c.rowsAfterDeduplication == m.rowsAfterDedup, "\(name)/\(m.name)")
            #expect(c.keptRows.count == m.keptRows, "\(name)/\(m.name)")
            #expect(c.images == m.images, "\(name)/\(m.name)")
            #expect(c.indicators.bitStrings == m.indicators, "\(name)/\(m.name)")
            #expect(c.indicators.columnNames == g.objects + g.emotions)
        }
    }

    @Test(arguments: ["main", "degenerate"])
    func caseInsensitiveOptionMatchesLowercasedPandas(_ name: String) {
        let g = Self.golden(name)
        for m in g.methods {
            let c = g.corpus(m, filter: CorpusFilter(caseInsensitive: true))
            #expect(c.keptRows.count == m.caseInsensitive.keptRows)
            #expect(c.images == m.caseInsensitive.images)
            #expect(c.indicators.bitStrings == m.caseInsensitive.indicators, "\(name)/\(m.name)")
            Self.expectClose(c.similarity(.dice).strictLowerTriangle, m.caseInsensitive.dice, "\(name)/\(m.name) dice ci")
        }
    }

    /// A6: the default, exact match leaves "Personal Care" all zero although the detector emits
    /// "Personal care"; the option picks those detections up.
    @Test func personalCareColumnIsZeroUnlessCaseInsensitive() throws {
        let g = Self.main
        let column = try #require(g.objects.firstIndex(of: "Personal Care"))
        var picked = 0
        for m in g.methods {
            #expect(g.corpus(m).indicators.count(column: column) == 0)
            picked += g.corpus(m, filter: CorpusFilter(caseInsensitive: true)).indicators.count(column: column)
        }
        #expect(picked > 0, "the fixture must contain surviving 'Personal care' detections")
    }

    // MARK: step 5

    @Test(arguments: ["main", "degenerate"])
    func similarityMatricesMatchScipy(_ name: String) {
        let g = Self.golden(name)
        for m in g.methods {
            let c = g.corpus(m)
            for (measure, expected) in [(BinarySimilarity.dice, m.dice), (.jaccard, m.jaccard), (.yule, m.yule)] {
                let s = c.similarity(measure)
                #expect(s.rowCount == 44 && s.columnCount == 44)
                Self.expectClose(s.strictLowerTriangle, expected, "\(name)/\(m.name) \(measure)")
                for i in 0..<s.rowCount {
                    #expect(s[i, i] == 1)
                    for j in 0..<i { #expect(s[i, j] == s[j, i]) }
                }
            }
            let block = c.objectEmotionBlock(of: c.similarity(.dice))
            #expect(block.rowLabels == g.objects && block.columnLabels == g.emotions)
            Self.expectClose(block.rows.flatMap { $0 }, m.objectEmotionBlock.flatMap { $0 }, "\(name)/\(m.name) block")
        }
    }

    /// The fixtures exercise what the tolerance checks are meant to catch.
    @Test func fixturesCoverTheEdgeCases() {
        let main = Self.main, deg = Self.degenerate
        for m in main.methods {
            #expect(m.dice.contains { $0 == nil }, "all-zero columns give n/a Dice cells")
            #expect(m.jaccard.allSatisfy { $0 != nil } && m.yule.allSatisfy { $0 != nil })
            #expect(m.yule.contains { ($0 ?? 0) < 0 }, "negative Yule's Q")
            #expect(m.rowsAfterDedup < m.rows.dirImagePath.count, "duplicates present")
            #expect(m.rows.objectImportance.contains { $0 == nil } && m.rows.objectImportance.contains(0.3))
            #expect(m.rows.objectConfidence.contains(0.1) && m.rows.emonetEmotionConf.contains(0.5))
            #expect(m.images.count >= 25)
        }
        #expect(deg.methods[0].images.isEmpty && deg.methods[0].dice.allSatisfy { $0 == nil })
        #expect(deg.methods[1].images.count == 1 && deg.methods[2].images.count == 1)
        #expect(main.rsaFull.completeCount < main.rsaFull.length)
    }

    // MARK: top objects

    @Test(arguments: ["main", "degenerate"])
    func topObjectsMatchReference(_ name: String) {
        let g = Self.golden(name)
        for m in g.methods {
            let top = TopObjects(g.corpus(m))
            #expect(top.rankings.map(\.emotion) == g.emotions)
            for (got, want) in zip(top.rankings, m.topObjects) {
                #expect(got.emotionImages == want.emotionImages)
                #expect(got.objects.map(\.object) == want.objects.map(\.object), "\(name)/\(m.name) \(want.emotion)")
                #expect(got.objects.map(\.count) == want.objects.map(\.count))
                #expect(got.objects.map(\.objectImages) == want.objects.map(\.objectImages))
                Self.expectClose(got.objects.map { Optional($0.dice) }, want.objects.map(\.dice), "\(want.emotion)")
            }
        }
        if name == "main" {
            #expect(top(g).contains { $0.objects.count >= 3 }, "some emotion has several co-occurring objects")
        }
    }

    private func top(_ g: AssociationGolden) -> [TopObjects.Ranking] { TopObjects(g.corpus(g.methods[0])).rankings }

    // MARK: RSA (§4.8)

    @Test(arguments: ["main", "degenerate"])
    func rsaMatchesPandasAndSpearmanr(_ name: String) {
        let g = Self.golden(name)
        let corpora = g.methods.map { (method: $0.name, corpus: g.corpus($0)) }
        let (full, block) = RepresentationalSimilarity.compare(corpora)
        for (got, want, label) in [(full, g.rsaFull, "full"), (block, g.rsaObjectEmotion, "object×emotion")] {
            #expect(got.methods == want.methods)
            #expect(got.vectors.allSatisfy { $0.count == want.length }, "\(label)")
            #expect(got.pairwiseCounts == want.pairwiseCounts, "\(name) \(label)")
            #expect(got.completeCount == want.completeCount, "\(name) \(label)")
            Self.expectClose(got.correlations.rows.flatMap { $0 }, want.correlations.flatMap { $0 }, "\(name) \(label) corr")
            Self.expectClose(got.tests.flatMap { $0.map(\.statistic) }, want.testRho.flatMap { $0 }, "\(name) \(label) rho")
            Self.expectCloseP(got.tests.flatMap { $0.map(\.pValue) }, want.testP.flatMap { $0 }, "\(name) \(label) p")
            Self.expectCloseP(got.pValues.rows.flatMap { $0 }, want.testP.flatMap { $0 }, "\(name) \(label) p matrix")
            for row in got.tests { for t in row where t.statistic == nil { #expect(t.reason != nil) } }
        }
        #expect(full.vectors[0].count == 946 && block.vectors[0].count == 480)
    }

    /// The RSA vectors are the matrices' strict lower triangles and row-major blocks.
    @Test func rsaVectorsAreTheMatrixCells() {
        let g = Self.main
        let m = g.methods[1]
        let (full, block) = RepresentationalSimilarity.compare(g.methods.map { (method: $0.name, corpus: g.corpus($0)) })
        Self.expectClose(full.vectors[1], m.dice, "lower triangle")
        Self.expectClose(block.vectors[1], m.objectEmotionBlock.flatMap { $0 }, "block")
    }

    // MARK: annotations (§4.9)

    @Test(arguments: ["main", "degenerate"])
    func emotionAgreementMatchesPandas(_ name: String) {
        let g = Self.golden(name)
        let a = AnnotationAnalysis.emotionAgreement(g.annotation.imageRows.rows, emonetEmotions: g.emotions,
                                                    annotatedEmotions: g.annotatedEmotions)
        let want = g.annotation.emotionAgreement
        #expect(a.keptRows == want.keptRows)
        #expect(a.block.rowCount == 20 && a.block.columnCount == 23)
        Self.expectClose(a.matrix.strictLowerTriangle, want.dice, "\(name) emotion agreement")
        Self.expectClose(a.block.rows.flatMap { $0 }, want.block.flatMap { $0 }, "\(name) emotion block")
    }

    @Test(arguments: ["main", "degenerate"])
    func affectCorrelationsMatchScipy(_ name: String) {
        let g = Self.golden(name)
        let r = AnnotationAnalysis.affectCorrelations(g.annotation.imageRows.rows)
        let want = g.annotation.affect
        #expect(r.n == want.n)
        for (got, w, label) in [(r.valencePearson, want.valencePearson, "valence r"), (r.valenceSpearman, want.valenceSpearman, "valence ρ"),
                                (r.arousalPearson, want.arousalPearson, "arousal r"), (r.arousalSpearman, want.arousalSpearman, "arousal ρ")] {
            Self.expectClose([got.statistic], [w[0]], "\(name) \(label)")
            Self.expectCloseP([got.pValue], [w[1]], "\(name) \(label) p")
            if got.statistic == nil { #expect(got.reason != nil) }
        }
    }

    @Test(arguments: ["main", "degenerate"])
    func objectAgreementMatchesPandas(_ name: String) {
        let g = Self.golden(name)
        let a = AnnotationAnalysis.objectAgreement(g.annotation.detectionRows.rows, objects: g.annotationObjects,
                                                   annotatedEmotions: g.annotatedEmotions)
        let want = g.annotation.objectAgreement
        #expect(a.keptRows == want.keptRows)
        #expect(a.indicators.rowKeys == want.images)
        #expect(a.indicators.bitStrings == want.indicators)
        #expect(a.block.rowCount == 22 && a.block.columnCount == 23)
        Self.expectClose(a.matrix.strictLowerTriangle, want.dice, "\(name) object agreement")
        Self.expectClose(a.block.rows.flatMap { $0 }, want.block.flatMap { $0 }, "\(name) object block")
    }

    // MARK: tolerance helpers

    static func golden(_ name: String) -> AssociationGolden { name == "main" ? main : degenerate }

    /// Same length, n/a at the same positions, |a − b| ≤ 1e-9 elsewhere.
    static func expectClose(_ got: [Double?], _ want: [Double?], _ label: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got.count == want.count, "\(label): length", sourceLocation: sourceLocation)
        var bad: [String] = []
        for (i, (a, b)) in zip(got, want).enumerated() {
            switch (a, b) {
            case (nil, nil): continue
            case let (a?, b?) where abs(a - b) <= 1e-9: continue
            default: bad.append("[\(i)] \(a.map { "\($0)" } ?? "n/a") vs \(b.map { "\($0)" } ?? "n/a")")
            }
        }
        #expect(bad.isEmpty, "\(label): \(bad.count) cells differ: \(bad.prefix(5))", sourceLocation: sourceLocation)
    }

    /// p-values: relative 1e-9 (n/a equal). Stricter than "relative for p ≥ 1e-12, absolute below":
    /// the RSA p-values are ~1e-74 … 1e-160, where an absolute bound could not fail. In that tail
    /// the ~1e-14 rounding differences of ρ are amplified: largest observed relative difference
    /// 1.3e-10 (p ≈ 3e-109). A reference p of exactly 0 (|ρ| = 1) needs |p| ≤ 1e-300.
    static func expectCloseP(_ got: [Double?], _ want: [Double?], _ label: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got.count == want.count, "\(label): length", sourceLocation: sourceLocation)
        var bad: [String] = []
        for (i, (a, b)) in zip(got, want).enumerated() {
            switch (a, b) {
            case (nil, nil): continue
            case let (a?, b?):
                let tolerance = max(1e-9 * b, 1e-300)
                if abs(a - b) <= tolerance { continue }
                bad.append("[\(i)] \(a) vs \(b)")
            default: bad.append("[\(i)] \(a.map { "\($0)" } ?? "n/a") vs \(b.map { "\($0)" } ?? "n/a")")
            }
        }
        #expect(bad.isEmpty, "\(label): \(bad.count) values differ: \(bad.prefix(5))", sourceLocation: sourceLocation)
    }
}

extension IndicatorMatrix {
    /// Rows as "0101…" strings (the golden format).
    var bitStrings: [String] {
        (0..<rowCount).map { n in String((0..<columnCount).map { self[n, $0] == 1 ? "1" : "0" }) }
    }
}

/// One golden file (`Tests/Fixtures/goldens/association/<name>.json`).
struct AssociationGolden: Decodable, Sendable {
    struct Rows: Decodable, Sendable {
        var dirImagePath: [String]
        var emonetEmotion: [String]
        var emonetEmotionConf: [Double]
        var detectedObject: [String]
        var objectConfidence: [Double]
        var objectImportance: [Double?]
        var detectionRows: [DetectionRow] {
            dirImagePath.indices.map {
                DetectionRow(image: dirImagePath[$0], emotion: emonetEmotion[$0], emotionConfidence: emonetEmotionConf[$0],
                             object: detectedObject[$0], objectConfidence: objectConfidence[$0], importance: objectImportance[$0])
            }
        }
    }
    struct CaseInsensitive: Decodable, Sendable {
        var keptRows: Int
        var images: [String]
        var indicators: [String]
        var dice: [Double?]
    }
    struct Top: Decodable, Sendable {
        struct Entry: Decodable, Sendable { var object: String; var count: Int; var objectImages: Int; var dice: Double? }
        var emotion: String
        var emotionImages: Int
        var objects: [Entry]
    }
    struct Method: Decodable, Sendable {
        var name: String
        var rows: Rows
        var sortedIndex: [Int]
        var rowsAfterDedup: Int
        var keptRows: Int
        var images: [String]
        var indicators: [String]
        var dice: [Double?]
        var jaccard: [Double?]
        var yule: [Double?]
        var objectEmotionBlock: [[Double?]]
        var caseInsensitive: CaseInsensitive
        var topObjects: [Top]
    }
    struct RSA: Decodable, Sendable {
        var methods: [String]
        var length: Int
        var correlations: [[Double?]]
        var pairwiseCounts: [[Int]]
        var completeCount: Int
        var testRho: [[Double?]]
        var testP: [[Double?]]
    }
    struct ImageRows: Decodable, Sendable {
        var dirImagePath: [String]
        var emonetEmotion: [String]
        var emonetEmotionConf: [Double]
        var emonetValence: [Double]
        var emonetArousal: [Double]
        var annEmotion: [String]
        var annValence: [Double]
        var annArousal: [Double]
        var annAmbiguity: [Double?]
        var rows: [AnnotatedImageRow] {
            dirImagePath.indices.map {
                AnnotatedImageRow(image: dirImagePath[$0], emotion: emonetEmotion[$0], emotionConfidence: emonetEmotionConf[$0],
                                  valence: emonetValence[$0], arousal: emonetArousal[$0], annotatedEmotion: annEmotion[$0],
                                  annotatedValence: annValence[$0], annotatedArousal: annArousal[$0], ambiguity: annAmbiguity[$0])
            }
        }
    }
    struct DetectionRows: Decodable, Sendable {
        var dirImagePath: [String]
        var annEmotion: [String]
        var detectedObject: [String]
        var objectConfidence: [Double]
        var annAmbiguity: [Double?]
        var rows: [AnnotatedDetectionRow] {
            dirImagePath.indices.map {
                AnnotatedDetectionRow(image: dirImagePath[$0], annotatedEmotion: annEmotion[$0], object: detectedObject[$0],
                                      objectConfidence: objectConfidence[$0], ambiguity: annAmbiguity[$0])
            }
        }
    }
    struct EmotionAgreement: Decodable, Sendable { var keptRows: Int; var dice: [Double?]; var block: [[Double?]] }
    struct ObjectAgreement: Decodable, Sendable {
        var keptRows: Int; var images: [String]; var indicators: [String]; var dice: [Double?]; var block: [[Double?]]
    }
    struct Affect: Decodable, Sendable {
        var n: Int
        var valencePearson: [Double?]
        var valenceSpearman: [Double?]
        var arousalPearson: [Double?]
        var arousalSpearman: [Double?]
    }
    struct Annotation: Decodable, Sendable {
        var imageRows: ImageRows
        var detectionRows: DetectionRows
        var emotionAgreement: EmotionAgreement
        var affect: Affect
        var objectAgreement: ObjectAgreement
    }

    var objects: [String]
    var emotions: [String]
    var annotatedEmotions: [String]
    var annotationObjects: [String]
    var methods: [Method]
    var rsaFull: RSA
    var rsaObjectEmotion: RSA
    var annotation: Annotation

    /// The method's corpus, built from its rows in the paper's order.
    func corpus(_ m: Method, filter: CorpusFilter = .paper) -> AssociationCorpus {
        AssociationCorpus(rows: DetectionRow.paperSorted(m.rows.detectionRows), objects: objects, emotions: emotions, filter: filter)
    }

    static func load(_ name: String) -> AssociationGolden {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // file → StatisticsTests → Tests → root
        let path = url.path + "/Tests/Fixtures/goldens/association/\(name).json"
        guard let data = FileManager.default.contents(atPath: path) else {
            fatalError("missing \(path); run Scripts/reference/association_reference.py")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(AssociationGolden.self, from: data)
        } catch {
            fatalError("cannot decode \(path): \(error)")
        }
    }
}
