import Experiment
import Foundation

/// `emoshift bench --suite report`: `emoshift report` on a synthetic store (SyntheticStore) of
/// `images` × `conditions` × `methods` records — the store is written first (timed separately), then
/// the report is computed with the default tests (paired t + Wilcoxon, primary metrics), with all
/// metrics, and with BCa bootstrap CIs.
struct ReportBench {
    /// User + system CPU seconds of this process so far (wall time is unreliable on a loaded machine).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    var images: Int
    var conditions: Int
    var methods: Int
    var bootstrapResamples: Int

    func run() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("emoshift-bench-report-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        print("report (synthetic store: \(images) images × \(conditions) conditions × \(methods) CAM methods, 13×13 maps)")
        let methodNames = Array(["grad-cam", "ablation-cam", "score-cam", "lift-cam", "lrp-cam"].prefix(max(1, methods)))
        var t0 = Date()
        let records = try SyntheticStore.write(to: folder, options: .init(images: images, conditions: conditions, methods: methodNames))
        let writeSeconds = Date().timeIntervalSince(t0)
        let size = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(ResultStore.fileName).path)[.size] as? Int) ?? 0
        print("  store written: \(records) records, \(size / 1_048_576) MiB in \(fmt(writeSeconds)) s")
        let store = try ResultStore.openExisting(folder)
        t0 = Date()
        var c0 = Self.cpuSeconds()
        var streamed = 0
        try store.forEachRecord { _ in streamed += 1 }
        print("  read only (decode every record): \(fmt(Date().timeIntervalSince(t0))) s (CPU \(fmt(Self.cpuSeconds() - c0)) s) for \(streamed) records")
        t0 = Date()
        c0 = Self.cpuSeconds()
        let pairs = try PairCollector.collect(store)
        print("  pairing + per-record metrics: \(fmt(Date().timeIntervalSince(t0))) s (CPU \(fmt(Self.cpuSeconds() - c0)) s, \(pairs.recordCount) records)")
        for (label, phase) in [
            ("significance tests (primary metrics)", { _ = SignificanceAnalysis.run(pairs, settings: AnalysisSettings()) }),
            ("per-emotion table (20 classes)", { _ = EmotionShiftTable.cells(pairs, classCount: 20) }),
            ("method agreement", { _ = MethodAgreementTable.make(pairs, metrics: MetricCatalogue.primary, provenance: .init()) }),
        ] as [(String, () -> Void)] {
            t0 = Date()
            c0 = Self.cpuSeconds()
            phase()
            print("  \(label): \(fmt(Date().timeIntervalSince(t0))) s (CPU \(fmt(Self.cpuSeconds() - c0)) s)")
        }
        let cases: [(String, ReportGenerator)] = [
            ("primary metrics, paired t + Wilcoxon", ReportGenerator(formats: [])),
            ("all metrics, paired t + Wilcoxon", ReportGenerator(formats: [], metricNames: ["all"])),
            ("primary metrics, Wilcoxon + BCa bootstrap (\(bootstrapResamples) resamples)",
             ReportGenerator(formats: [], tests: ["wilcoxon", "bootstrap"], bootstrapResamples: bootstrapResamples)),
        ]
        for (label, generator) in cases {
            t0 = Date()
            c0 = Self.cpuSeconds()
            let output = try generator.generate(store, writeTo: nil)
            let seconds = Date().timeIntervalSince(t0)
            print("  report, \(label): \(fmt(seconds)) s, CPU \(fmt(Self.cpuSeconds() - c0)) s (\(output.significance.count) test rows, \(output.pairs.recordCount) records read, "
                + "\(fmt(Double(output.pairs.recordCount) / seconds / 1000, 0)) k records/s)")
        }
        t0 = Date()
        let written = try ReportGenerator().generate(store, writeTo: folder)
        print("  report with all files written (md, csv, tex, json + report.md): \(fmt(Date().timeIntervalSince(t0))) s, \(written.files.count) files")
        print("")
    }
}
