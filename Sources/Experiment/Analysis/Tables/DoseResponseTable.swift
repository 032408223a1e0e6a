import Foundation
import Reporting
import Statistics

/// Dose–response over the levels of a swept condition group (e.g. blur σ = 2, 4, 8): for each
/// primary metric (and CAM method), the per-image Δ at every level, on the images present at all
/// levels. Continuous metrics: Friedman's χ² (do the levels differ?) and Page's L trend test,
/// made two-sided as 2·min(p↑, p↓) over the increasing and the decreasing predicted order;
/// binary metrics (flip): Cochran's Q. Uncorrected (one row per group and metric).
public enum DoseResponseTable {
    public static func make(_ pairs: PairedObservations, metrics: [AnalysisMetric], provenance: ReportProvenance) -> ReportTable? {
        GSLRuntime.prepare()
        let groups = ReportFigures.sweptGroups(pairs).filter { $0.conditions.count >= 3 }
        guard !groups.isEmpty else { return nil }
        var rows: [[TableCell]] = []
        for (group, conditions) in groups {
            let levels = conditions.map { $0.value == $0.value.rounded() && abs($0.value) < 1e9 ? String(Int($0.value)) : NumberFormatting.significant($0.value, digits: 3) }.joined(separator: ", ")
            let parameter = conditions.first?.parameter ?? ""
            for metric in metrics {
                let methods: [String?] = metric.scope == .emotion ? [nil] : pairs.methods.map { $0 }
                for method in methods {
                    let samples = conditions.map { MetricExtractor.sample(metric, condition: $0.condition, method: method ?? "", from: pairs) }
                    guard samples.contains(where: { $0.count > 0 }) else { continue }
                    // Align the levels image by image (store ordinals; no path hashing).
                    let n = pairs.imageCount
                    let byLevel = samples.map { s in
                        metric.kind == .binary ? s.aligned(s.afterFlags.map { $0 ? 1 : 0 }, count: n) : s.aligned(s.differences, count: n)
                    }
                    let complete = (0..<n).filter { o in byLevel.allSatisfy { $0[o] != nil } }
                    var row: [TableCell] = [.text(group), .text("\(parameter) = \(levels)"), .text(metric.label), .text(method ?? "—"),
                                            .integer(complete.count)]
                    if metric.kind == .binary {
                        let blocks = complete.map { o in byLevel.map { $0[o]! != 0 } }
                        let q = KSample.cochranQ(blocks)
                        let why = q.reason ?? "not computable"
                        row += [.text("Cochran's Q"), .number(q.statistic, otherwise: why), .pValue(q.pValue, otherwise: why),
                                .missing("trend test is for continuous metrics"), .text("")]
                    } else {
                        let blocks = complete.map { o in byLevel.map { $0[o]! } }
                        let f = KSample.friedman(blocks)
                        let k = conditions.count
                        let up = KSample.page(blocks, predictedRanks: Array(1...k))
                        let down = KSample.page(blocks, predictedRanks: Array((1...k).reversed()))
                        let why = f.reason ?? "not computable"
                        var trend: Double?
                        var direction = ""
                        if let a = up.pValue, let b = down.pValue {
                            trend = min(1, 2 * min(a, b))
                            direction = a <= b ? "increasing" : "decreasing"
                        }
                        row += [.text("Friedman"), .number(f.statistic, otherwise: why), .pValue(f.pValue, otherwise: why),
                                .pValue(trend, otherwise: up.reason ?? down.reason ?? "not computable"), .text(direction)]
                    }
                    rows.append(row)
                }
            }
        }
        return ReportTable(
            id: "dose-response", title: "Dose–response across sweep levels",
            caption: "Per swept condition group and metric: do the levels differ (Friedman χ² on the per-image Δ; Cochran's Q for top-1 flips), "
                + "and is there a monotone trend (Page's L, two-sided as 2·min of the increasing and decreasing orders)? Images present at every level; uncorrected.",
            columns: [TableColumn("group", alignment: .left), TableColumn("levels", alignment: .left), TableColumn("metric", alignment: .left),
                      TableColumn("method", alignment: .left), TableColumn("n"), TableColumn("test", alignment: .left),
                      TableColumn("statistic"), TableColumn("p"), TableColumn("p_trend", header: "p (Page trend)"),
                      TableColumn("direction", alignment: .left)],
            rows: rows, provenance: provenance)
    }
}
