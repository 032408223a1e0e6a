import Foundation
import Inference
import Reporting
import Testing
@testable import Experiment

/// The demo experiment end to end: run it (demo weights), export the records to CSV, recompute table
/// cells from the CSV alone in this test, and compare them with the written significance table.
@Suite("Report end to end", .serialized)
struct ReportEndToEndTests {
    static let root = ExampleSpecTests.root

    /// Runs Experiments/demo.yaml into a temporary folder (once per process) and reports it.
    static let output: String = {
        let folder = NSTemporaryDirectory() + "emoshift-report-e2e-\(getpid())"
        try? FileManager.default.removeItem(atPath: folder)
        var yaml = try! String(contentsOfFile: root + "/Experiments/demo.yaml", encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "output: Results/demo", with: "output: \(folder)")
        yaml = yaml.replacingOccurrences(of: "weights: auto", with: "weights: demo")
        let result = SpecValidator(workingDirectory: root).validate(yaml: yaml)
        let runner = ExperimentRunner(spec: result.spec!, corpus: result.corpusFiles, weights: EmoNetWeights.demo())
        _ = try! runner.run()
        return folder
    }()

    /// CSV rows as dictionaries (RecordExporter never quotes numbers; image paths have no commas here).
    static func readCSV(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let fields = parseCSVLine(line)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    static func parseCSVLine(_ line: String) -> [String] {
        var fields: [String] = [], current = "", quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false } } else { current.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { fields.append(current); current = "" } else { current.append(c) }
        }
        fields.append(current)
        return fields
    }

    @Test("table cells equal values recomputed from the exported CSV")
    func tableCellsMatchCSV() throws {
        let folder = Self.output
        let store = try ResultStore.openExisting(URL(fileURLWithPath: folder))
        try RecordExporter.export(store, format: .csv, to: URL(fileURLWithPath: folder + "/records.csv"))
        let report = try ReportGenerator().generate(store, writeTo: URL(fileURLWithPath: folder))
        let records = try Self.readCSV(folder + "/records.csv")
        let table = try Self.readCSV(folder + "/tables/significance.csv")
        let classes = RecordExporter.probabilityColumns

        func rows(_ condition: String) -> [String: [String: String]] {
            Dictionary(uniqueKeysWithValues: records.filter { $0["condition"] == condition && $0["status"] == "ok" && $0["method"] == "grad-cam" }.map { ($0["image"]!, $0) })
        }
        let original = rows("original")
        for condition in ["blur-sigma4", "desaturate", "no-faces-fillgrey"] {
            let modified = rows(condition)
            var dp: [Double] = [], dv: [Double] = [], flips = 0
            for (image, m) in modified.sorted(by: { $0.key < $1.key }) {
                let o = try #require(original[image])
                let top = Int(o["top1"]!)!
                dp.append(Double(m[classes[top]]!)! - Double(o[classes[top]]!)!)
                dv.append(Double(m["valence"]!)! - Double(o["valence"]!)!)
                if m["top1"] != o["top1"] { flips += 1 }
            }
            let n = dp.count
            let mean = dp.reduce(0, +) / Double(n)
            let sd = (dp.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)).squareRoot()
            let t = mean / (sd / Double(n).squareRoot())

            func tableRow(_ metric: String, _ test: String) throws -> [String: String] {
                try #require(table.first { $0["condition"] == condition && $0["metric"] == metric && $0["test"]!.hasPrefix(test) },
                             "no row \(condition)/\(metric)/\(test)")
            }
            let tRow = try tableRow("Δ p(original top-1)", "paired t")
            #expect(Int(tRow["n"]!) == n)
            #expect(abs(Double(tRow["mean_delta"]!)! - mean) < 1e-12, "\(condition) mean Δp")
            #expect(abs(Double(tRow["statistic"]!)! - t) < 1e-9 * abs(t), "\(condition) t")
            let sorted = dp.sorted()
            let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            #expect(abs(Double(tRow["median_delta"]!)! - median) < 1e-12)
            let vRow = try tableRow("Δ valence", "paired t")
            #expect(abs(Double(vRow["mean_delta"]!)! - dv.reduce(0, +) / Double(dv.count)) < 1e-12)
            let fRow = try tableRow("top-1 flip", "McNemar")
            #expect(abs(Double(fRow["mean_delta"]!)! - Double(flips) / Double(n)) < 1e-12)
            #expect(fRow["statistic"] == "\(flips)/0" || Double(fRow["statistic"] ?? "") != nil)
            // The typed rows agree with the written file.
            let typed = try #require(report.significance.first { $0.condition == condition && $0.metric.key == "delta_p_top1" && $0.test == "paired-t" })
            #expect(typed.n == n && typed.result.pValue == Double(tRow["p"]!))
        }
        // no-faces applies only where a face was found: fewer pairs than images, and the note says why.
        let md = try String(contentsOfFile: folder + "/tables/significance.md", encoding: .utf8)
        #expect(md.contains("no-faces-fillgrey:") && md.contains("not applicable"))
        #expect(md.contains(ReportProvenance.demoWarning))
        for file in ["significance", "flips", "emotion-shift", "emotion-shift-wide", "method-agreement"] {
            for ext in ["md", "csv", "tex", "json"] {
                #expect(FileManager.default.fileExists(atPath: "\(folder)/tables/\(file).\(ext)"), "\(file).\(ext)")
            }
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/report.md"))
        #expect(FileManager.default.fileExists(atPath: folder + "/report.html"))
        #expect(FileManager.default.fileExists(atPath: folder + "/figures/effect-delta_p_top1.svg"))
        #expect(FileManager.default.fileExists(atPath: folder + "/figures/dose-blur-emotion.png"))
        let svg = try String(contentsOfFile: folder + "/figures/effect-delta_p_top1.svg", encoding: .utf8)
        #expect(svg.contains("DEMO MODEL"))  // figures of the demo model carry the warning themselves

        // The corpus analysis from the store equals the one recomputed from the exported object rows.
        let corpus = try #require(report.corpus)
        #expect(corpus.rowCount > 0 && corpus.rsa != nil)
        try ObjectExporter.export(store, to: URL(fileURLWithPath: folder + "/objects.csv"))
        let objects = try Self.readCSV(folder + "/objects.csv")
        #expect(objects.count == corpus.rowCount)
        let names = EmoNetClasses.names
        let rows = objects.enumerated().map { (i, f) in
            ObjectRow(image: f["image"]!, condition: f["condition"]!, method: f["method"]!, top1: names.firstIndex(of: f["emonet_emotion"]!),
                      topProbability: Double(f["emonet_emotion_conf"]!),
                      detection: DetectionEntry(index: i, label: f["detected_object"]!, score: Double(f["object_confidence"]!)!,
                                                x: 0, y: 0, width: 0, height: 0, source: "csv"),
                      importance: Double(f["object_importance"]!), reason: nil, convention: f["convention"]!)
        }
        let again = CorpusAnalysis.run(rows: rows, baseline: corpus.baseline, conditions: Array(corpus.conditions.dropFirst()),
                                       methods: corpus.methods, settings: corpus.settings)
        for c in corpus.conditions {
            #expect(again.results[c]?.map(\.matrix) == corpus.results[c]?.map(\.matrix), "\(c)")
        }
        #expect(again.rsa?.full.correlations == corpus.rsa?.full.correlations)
        // Recomputing is deterministic: a second report writes identical tables.
        let first = try String(contentsOfFile: folder + "/tables/significance.json", encoding: .utf8)
        _ = try ReportGenerator().generate(store, writeTo: URL(fileURLWithPath: folder))
        #expect(try String(contentsOfFile: folder + "/tables/significance.json", encoding: .utf8) == first)
    }

    @Test("annotations: joined by path or <parent>/<file>, filtered as the paper, correlations recomputed by hand")
    func annotations() throws {
        let store = try ResultStore.openExisting(URL(fileURLWithPath: Self.output))
        let fixtures = Self.root + "/Tests/Fixtures/annotations/"
        let file = try AnnotationFile(contentsOf: fixtures + "demo-annotations.csv")
        #expect(file.entry(for: "Experiments/images/chelsea.png")?.emotion == "Serenity")
        var settings = CorpusAnalysisSpec()
        settings.emotionConfidence = 0.2
        let tables = try AnnotationTables.make(store, annotations: file, corpus: nil, baseline: "original", settings: settings,
                                               provenance: ReportProvenance())
        let affect = try #require(tables.first { $0.id == "annotations-affect" })
        // Recompute Pearson r for valence from the stored baseline records and the CSV.
        var x: [Double] = [], y: [Double] = []
        var seen = Set<String>()
        try store.forEachRecord(condition: "original") { s in
            guard seen.insert(s.image.path).inserted, let e = file.entry(for: s.image.path), let a = e.ambiguity, a < 3,
                  let p = s.record.probabilities, let t = s.record.top1, p[t] > 0.2, let v = s.record.valence else { return }
            x.append(v); y.append(e.valence)
        }
        let n = Double(x.count), mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let r = sxy / (x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) } * y.reduce(0) { $0 + ($1 - my) * ($1 - my) }).squareRoot()
        guard case .integer(let count) = affect.rows[0][1], case .number(let ours, _) = affect.rows[0][2] else {
            Issue.record("unexpected cells \(affect.rows[0])"); return
        }
        #expect(count == x.count && count >= 3)
        #expect(abs(ours - r) < 1e-12)
        #expect(tables.contains { $0.id == "annotations-emotion" })

        #expect(throws: AnnotationFile.Problem.self) { try AnnotationFile(contentsOf: fixtures + "missing-arousal.csv") }
        do {
            _ = try AnnotationFile(contentsOf: fixtures + "bad-number.csv")
            Issue.record("bad number accepted")
        } catch {
            #expect("\(error)".contains("bad-number.csv:2: arousal 'high' is not a number"))
        }
    }
}
