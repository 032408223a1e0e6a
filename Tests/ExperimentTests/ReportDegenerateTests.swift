import Foundation
import Reporting
import Testing
@testable import Experiment

/// Degenerate stores give tables with marked n/a cells and reasons — never a crash, never "nan".
@Suite struct ReportDegenerateTests {
    /// A store with `images` images; `identical` conditions copy the original record exactly,
    /// `empty` conditions are registered without records.
    static func makeStore(images: Int, identical: [String], empty: [String]) throws -> (ResultStore, URL) {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("emoshift-degenerate-\(UUID().uuidString)")
        let store = try ResultStore.open(output: folder, spec: StoreSpec(name: "degenerate", hash: "h", resolved: "{}"))
        try store.registerConditions([ConditionEntry(name: "original", transform: "identity", parameters: "{}")]
            + (identical + empty).map { ConditionEntry(name: $0, transform: "gaussian-blur", parameters: "{}") })
        let run = try store.beginRun(provenance: RunProvenance(emoshiftVersion: "test", demo: true, machine: "test", blasThreads: 1), seed: 1)
        for i in 0..<images {
            var p = [Float](repeating: 0.01, count: 20); p[i % 20] = 0.81
            let map = StoredMap(width: 3, height: 3, values: [0, 1, 2, 3, 4, 5, 6, 7, Float(8 + i)])
            let original = ResultRecord(condition: "original", method: "grad-cam", probabilities: p, top1: i % 20, valence: 3,
                                        arousal: 5, cam: map, targetClass: i % 20, appliedParameters: "{}")
            var records = [original]
            for c in identical { var r = original; r.condition = c; records.append(r) }
            try store.saveRecords(records, image: ImageEntry(path: "img\(i).png", contentSHA256: "\(i)", width: 30, height: 30, byteSize: 1),
                                  runID: run)
        }
        try store.finishRun(run)
        return (store, folder)
    }

    static func checkNoNumbersFromNothing(_ folder: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path + "/tables") {
            let text = try String(contentsOfFile: folder.path + "/tables/" + name, encoding: .utf8)
            let nonNumber = text.range(of: "\\b(nan|inf|infinity)\\b", options: [.regularExpression, .caseInsensitive])
            #expect(nonNumber == nil, "\(name) prints a non-number: \(nonNumber.map { String(text[$0]) } ?? "")")
        }
    }

    @Test func identicalConditionGivesReasonsNotNumbers() throws {
        let (store, folder) = try Self.makeStore(images: 6, identical: ["same"], empty: ["never-run"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = try ReportGenerator().generate(store, writeTo: folder)
        let same = out.significance.filter { $0.condition == "same" }
        let wilcoxon = try #require(same.first { $0.metric.key == "delta_p_top1" && $0.test == "wilcoxon" })
        #expect(wilcoxon.result.pValue == nil && wilcoxon.result.reason == "all differences are zero")
        let t = try #require(same.first { $0.metric.key == "delta_p_top1" && $0.test == "paired-t" })
        #expect(t.result.pValue == nil && t.result.reason?.contains("zero variance") == true)
        #expect(t.meanDelta == 0 && t.n == 6)
        let flip = try #require(same.first { $0.metric.key == "flip" })
        #expect(flip.result.pValue == nil && flip.effect == nil && flip.effectReason != nil)
        let spearman = try #require(same.first { $0.metric.key == "cam_spearman" && $0.test == "paired-t" })
        #expect(spearman.modified == 1 && spearman.result.pValue == nil)
        // The registered condition without records: rows with n = 0 and a reason in every file.
        let empty = out.significance.filter { $0.condition == "never-run" }
        #expect(!empty.isEmpty && empty.allSatisfy { $0.n == 0 && $0.result.pValue == nil })
        let md = try String(contentsOfFile: folder.path + "/tables/significance.md", encoding: .utf8)
        #expect(md.contains("n/a¹") && md.contains("no pairs"))
        #expect(md.contains("all differences are zero"))
        let csv = try String(contentsOfFile: folder.path + "/tables/significance.csv", encoding: .utf8)
        #expect(csv.contains("p: all differences are zero"))
        try Self.checkNoNumbersFromNothing(folder)
    }

    @Test func singleImageReportsNotApplicableTests() throws {
        let (store, folder) = try Self.makeStore(images: 1, identical: ["same"], empty: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = try ReportGenerator().generate(store, writeTo: folder)
        #expect(out.pairs.imageCount == 1)
        #expect(out.significance.allSatisfy { $0.result.pValue == nil && $0.result.reason != nil })
        try Self.checkNoNumbersFromNothing(folder)
        let wide = try String(contentsOfFile: folder.path + "/tables/emotion-shift-wide.md", encoding: .utf8)
        #expect(wide.contains("+0") || wide.contains("−0"))
    }

    @Test func unknownBaselineAndEmptyStoreAreClearErrors() throws {
        let (store, folder) = try Self.makeStore(images: 0, identical: [], empty: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: AnalysisError.self) { try ReportGenerator().generate(store, writeTo: nil) }
        #expect(throws: AnalysisError.self) { try PairCollector.collect(store, baseline: "nope") }
        #expect(throws: AnalysisError.self) { try MetricCatalogue.resolve(["delta_p_top"]) }
    }

    @Test func syntheticEffectIsDetectedAndWorkerCountDoesNotMatter() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("emoshift-synthetic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SyntheticStore.write(to: folder, options: .init(images: 300, conditions: 4, effect: 3))
        let store = try ResultStore.openExisting(folder)
        let one = try PairCollector.collect(store, workers: 1)
        let two = try PairCollector.collect(store, workers: 2)
        #expect(one.emotion["cond4"]!.map(\.image) == two.emotion["cond4"]!.map(\.image))
        #expect(one.heatmap.keys.count == two.heatmap.keys.count)
        let rows = SignificanceAnalysis.run(one, settings: AnalysisSettings())
        // Class 0's logit grows with the condition index: its probability rises, strongest at cond4.
        let cells = EmotionShiftTable.cells(one, classCount: 20)
        let gain = try #require(cells.first { $0.condition == "cond4" && $0.emotion == 0 })
        #expect((gain.mean ?? 0) > 0 && (gain.adjustedP ?? 1) < 1e-6)
        // Maps are mixed with noise of weight j/4: Spearman to the baseline drops with j.
        func rho(_ c: String) -> Double { rows.first { $0.condition == c && $0.metric.key == "cam_spearman" && $0.method == "grad-cam" }!.modified! }
        #expect(rho("cond1") > rho("cond2") && rho("cond2") > rho("cond3"))
        // Region metrics only for the region-based condition (every fourth).
        #expect(rows.contains { $0.condition == "cond4" && $0.metric.key == "cam_region_mass" })
        #expect(!rows.contains { $0.condition == "cond1" && $0.metric.key == "cam_region_mass" })
    }
}
