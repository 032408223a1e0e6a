import Foundation
import Inference
import Statistics
import Testing
@testable import Experiment

/// The EmoCAM corpus analysis on the demo experiment's object rows against
/// Scripts/reference/corpus_demo_reference.py (pandas drop_duplicates/crosstab, scipy pdist 'dice',
/// DataFrame.corr('spearman'), dropna + spearmanr). The rows are the committed export of a demo run
/// (Tests/Fixtures/goldens/corpus/demo-objects.csv), so the comparison does not depend on this
/// machine's floating point. Tolerance 1e-9 (relative for p-values).
@Suite struct CorpusGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/goldens/corpus")

    static func objectRows() throws -> [ObjectRow] {
        let text = try String(contentsOf: folder.appendingPathComponent("demo-objects.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let header = ReportEndToEndTests.parseCSVLine(lines[0])
        let names = EmoNetClasses.names
        return lines.dropFirst().enumerated().map { (i, line) in
            let f = Dictionary(uniqueKeysWithValues: zip(header, ReportEndToEndTests.parseCSVLine(line)))
            let detection = DetectionEntry(index: i, label: f["detected_object"]!, score: Double(f["object_confidence"]!)!,
                                           x: Double(f["x_top_left"]!)!, y: Double(f["y_top_left"]!)!, width: Double(f["width"]!)!,
                                           height: Double(f["height"]!)!, source: "csv")
            return ObjectRow(image: f["image"]!, condition: f["condition"]!, method: f["method"]!,
                             top1: names.firstIndex(of: f["emonet_emotion"]!), topProbability: Double(f["emonet_emotion_conf"]!),
                             detection: detection, importance: Double(f["object_importance"]!), reason: nil, convention: f["convention"]!)
        }
    }

    static func close(_ a: Double?, _ b: Any?, tol: Double = 1e-9, relative: Bool = false) -> Bool {
        let expected = (b as? NSNumber)?.doubleValue
        switch (a, expected) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= (relative ? tol * max(abs(y), 1e-300) : tol)
        default: return false
        }
    }

    @Test func demoAssociationAndRSAMatchPandas() throws {
        let golden = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.folder.appendingPathComponent("demo.json"))) as! [String: Any]
        let conditions = golden["conditions"] as! [String: Any]
        let rows = try Self.objectRows()
        let methods = Array(Set(rows.map(\.method))).sorted()
        var settings = CorpusAnalysisSpec()
        settings.emotionConfidence = 0.2
        let analysis = CorpusAnalysis.run(rows: rows, baseline: "original", conditions: ["no-faces-fillgrey", "add-gift"],
                                          methods: methods, settings: settings)
        var compared = 0
        for (condition, value) in conditions {
            let expected = value as! [String: Any]
            let results = try #require(analysis.results[condition])
            for r in results {
                let e = expected[r.method] as! [String: Any]
                #expect(r.corpus.inputRowCount == e["rows"] as! Int, "\(condition)/\(r.method) rows")
                #expect(r.corpus.rowsAfterDeduplication == e["rows_after_dedup"] as! Int)
                #expect(r.corpus.keptRows.count == e["kept_rows"] as! Int, "\(condition)/\(r.method) kept")
                #expect(r.corpus.images == e["images"] as! [String])
                let dice = e["dice"] as! [Any]
                let ours = r.matrix.strictLowerTriangle
                #expect(ours.count == dice.count)
                for (i, v) in ours.enumerated() where !Self.close(v, dice[i]) {
                    Issue.record("\(condition)/\(r.method) Dice[\(i)] = \(String(describing: v)) vs \(dice[i])")
                    break
                }
                let block = e["block"] as! [[Any]]
                for i in block.indices { for j in block[i].indices { #expect(Self.close(r.block[i, j], block[i][j])) } }
                let top = e["top_objects"] as! [[String: Any]]
                for (ranking, t) in zip(r.top.rankings, top) {
                    let objects = (t["objects"] as! [[String: Any]]).map { $0["object"] as! String }
                    #expect(ranking.objects.map(\.object) == objects, "\(condition)/\(r.method) top objects of \(ranking.emotion)")
                }
                compared += 1
            }
            if condition == "original", let rsa = analysis.rsa {
                for (variant, ours) in [("rsa_full", rsa.full), ("rsa_block", rsa.objectEmotion)] {
                    let e = expected[variant] as! [String: Any]
                    let rho = e["correlations"] as! [[Any]], p = e["test_p"] as! [[Any]]
                    #expect(ours.completeCount == e["complete_count"] as! Int)
                    for i in 0..<methods.count {
                        for j in 0..<methods.count where i != j {
                            #expect(Self.close(ours.correlations[i, j], rho[i][j]), "\(variant) ρ[\(i),\(j)]")
                            #expect(Self.close(ours.tests[i][j].pValue, p[i][j], relative: true), "\(variant) p[\(i),\(j)]")
                        }
                    }
                }
            }
        }
        #expect(compared == 9)
        #expect(analysis.rsa != nil)
    }
}
