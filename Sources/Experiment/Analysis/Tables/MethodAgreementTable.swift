import Reporting
import Statistics

/// Table (d): how each heatmap-drift metric differs across CAM methods. One row per condition ×
/// continuous heatmap metric: the median value per method (on the images every method covers),
/// and a test of "the methods drift equally": Wilcoxon signed-rank on the per-image differences
/// for two methods, Friedman's χ² (ties corrected) for three or more.
public enum MethodAgreementTable {
    public static func make(_ pairs: PairedObservations, metrics: [AnalysisMetric], provenance: ReportProvenance) -> ReportTable {
        GSLRuntime.prepare()
        let methods = pairs.methods.filter { m in pairs.heatmap.keys.contains { $0.method == m } }
        let heatmapMetrics = metrics.filter { $0.scope == .heatmap && $0.kind != .binary }
        var columns = [TableColumn("condition", alignment: .left), TableColumn("metric", alignment: .left), TableColumn("n")]
        columns += methods.map { TableColumn("median_\($0)", header: "median \($0)") }
        columns += [TableColumn("test", alignment: .left), TableColumn("statistic"), TableColumn("p")]
        var rows: [[TableCell]] = []
        for condition in pairs.conditions {
            for metric in heatmapMetrics {
                // Values per method aligned by store ordinal, restricted to the images all methods share.
                let n = pairs.imageCount
                let perMethod = methods.map { m -> [Double?] in
                    let s = MetricExtractor.sample(metric, condition: condition, method: m, from: pairs)
                    return s.aligned(s.after, count: n)
                }
                guard !perMethod.isEmpty else { continue }
                let common = (0..<n).filter { o in perMethod.allSatisfy { $0[o] != nil } }
                let samples = perMethod.map { values in common.map { values[$0]! } }
                var row: [TableCell] = [.text(condition), .text(metric.label), .integer(common.count)]
                row += samples.map { .number(Summary.median($0), otherwise: "no image has this metric for every method") }
                if methods.count < 2 {
                    let why = "only one CAM method in this run"
                    row += [.text("—"), .missing(why), .missing(why)]
                } else if methods.count == 2 {
                    let r = PairedTests.wilcoxon(zip(samples[1], samples[0]).map { $0 - $1 })
                    let why = r.reason ?? "not computable"
                    row += [.text("Wilcoxon (\(r.method))"), .number(r.statistic, otherwise: why), .pValue(r.pValue, otherwise: why)]
                } else {
                    let r = KSample.friedman(common.indices.map { i in samples.map { $0[i] } })  // rows = images
                    let why = r.reason ?? "not computable"
                    row += [.text("Friedman"), .number(r.statistic, otherwise: why), .pValue(r.pValue, otherwise: why)]
                }
                rows.append(row)
            }
        }
        return ReportTable(id: "method-agreement", title: "Heatmap drift by CAM method",
                           caption: "Median drift per CAM method on the images every method covers, and a test that the methods drift "
                               + "equally (Wilcoxon signed-rank for two methods, Friedman for three or more; uncorrected).",
                           columns: columns, rows: rows, provenance: provenance)
    }
}
