import Foundation
import Reporting
import Statistics

/// `emoshift compare A B`: the significance rows of two result stores side by side where their
/// (condition, metric, method, test) match — e.g. two models, or two specs over the same images.
///
/// For each matched row: n, mean Δ with CI and adjusted p of both runs, the difference of the mean
/// Δs (B − A), and — when the runs share images (same path) — a Wilcoxon signed-rank test of the
/// per-image Δ_B − Δ_A on the shared images ("do the runs react differently?"), uncorrected.
public enum RunComparison {
    public static func make(_ a: ReportGenerator.Output, _ b: ReportGenerator.Output, labelA: String, labelB: String,
                            provenanceA: ReportProvenance, provenanceB: ReportProvenance) -> ReportTable {
        GSLRuntime.prepare()
        func key(_ r: SignificanceRow) -> String { [r.condition, r.metric.key, r.method ?? "", r.test].joined(separator: "\u{1}") }
        var rowsB: [String: SignificanceRow] = [:]
        for r in b.significance { rowsB[key(r)] = r }
        let columns = [
            TableColumn("condition", alignment: .left), TableColumn("metric", alignment: .left), TableColumn("method", alignment: .left),
            TableColumn("test", alignment: .left),
            TableColumn("n_a", header: "n (\(labelA))"), TableColumn("mean_delta_a", header: "mean Δ (\(labelA))"),
            TableColumn("p_adj_a", header: "p adj (\(labelA))"),
            TableColumn("n_b", header: "n (\(labelB))"), TableColumn("mean_delta_b", header: "mean Δ (\(labelB))"),
            TableColumn("p_adj_b", header: "p adj (\(labelB))"),
            TableColumn("difference", header: "Δ\(labelB) − Δ\(labelA)"), TableColumn("shared", header: "shared images"),
            TableColumn("p_difference", header: "p (Wilcoxon, shared)"),
        ]
        var rows: [[TableCell]] = []
        var unmatched = 0
        for ra in a.significance {
            guard let rb = rowsB[key(ra)] else { unmatched += 1; continue }
            var cells: [TableCell] = [.text(ra.condition), .text(ra.metric.label), .text(ra.method ?? "—"),
                                      .text(SignificanceTable.testLabel(ra))]
            for r in [ra, rb] {
                let why = r.result.reason ?? "not computable"
                cells += [.integer(r.n), .number(r.meanDelta, otherwise: r.n == 0 ? "no pairs" : why), .pValue(r.adjustedP, otherwise: why)]
            }
            if let ma = ra.meanDelta, let mb = rb.meanDelta { cells.append(.number(mb - ma)) } else { cells.append(.missing("a mean Δ is n/a")) }
            if ra.metric.kind == .binary || ra.test != a.settings.continuousTests.first {
                cells += [.text("—"), .text("—")]
            } else {
                let sa = MetricExtractor.sample(ra.metric, condition: ra.condition, method: ra.method ?? "", from: a.pairs)
                let sb = MetricExtractor.sample(rb.metric, condition: rb.condition, method: rb.method ?? "", from: b.pairs)
                var deltaA: [String: Double] = [:]
                for (i, image) in sa.images.enumerated() { deltaA[image] = sa.differences[i] }
                var diffs: [Double] = []
                for (i, image) in sb.images.enumerated() { if let da = deltaA[image] { diffs.append(sb.differences[i] - da) } }
                let w = PairedTests.wilcoxon(diffs)
                cells += [.integer(diffs.count), .pValue(w.pValue, otherwise: diffs.isEmpty ? "the runs share no images" : (w.reason ?? "not computable"))]
            }
            rows.append(cells)
        }
        var notes = ["\(labelA): \(provenanceA.oneLine)", "\(labelB): \(provenanceB.oneLine)"]
        if unmatched > 0 { notes.append("\(unmatched) row(s) of \(labelA) have no counterpart in \(labelB) (different conditions, methods or tests).") }
        let onlyB = b.significance.count - (a.significance.count - unmatched)
        if onlyB > 0 { notes.append("\(onlyB) row(s) of \(labelB) have no counterpart in \(labelA).") }
        let caption = "Rows matched on condition, metric, CAM method and test. The last column tests, on the images both runs share, "
            + "whether the per-image Δ differs between the runs (Wilcoxon signed-rank on Δ\(labelB) − Δ\(labelA), first listed test's rows only, uncorrected)."
        var provenance = ReportProvenance(provenanceA.entries.map { ("\(labelA).\($0.key)", $0.value) }
                                          + provenanceB.entries.map { ("\(labelB).\($0.key)", $0.value) },
                                          demo: provenanceA.demo || provenanceB.demo)
        provenance.entries.removeAll { $0.key.hasSuffix(".store") }
        return ReportTable(id: "compare", title: "\(labelA) vs \(labelB)", caption: caption, columns: columns, rows: rows,
                           notes: notes, provenance: provenance)
    }
}
