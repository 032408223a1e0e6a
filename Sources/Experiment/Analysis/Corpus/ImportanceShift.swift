import Foundation
import Reporting
import Statistics

/// Per condition, CAM method and object class: how the object's importance changes from the
/// baseline to the modified image, on the images where the object is detected (the per-image value
/// is the largest importance among its detections). Δ = modified − baseline; n, median before and
/// after, mean Δ, Wilcoxon signed-rank p and its Benjamini–Hochberg adjustment over all rows.
public enum ImportanceShift {
    public struct Row: Sendable {
        public var condition: String
        public var method: String
        public var object: String
        public var before: [Double]
        public var after: [Double]
        public var test: TestResult
        public var adjustedP: Double?
    }

    public static func rows(_ a: CorpusAnalysis) -> [Row] {
        GSLRuntime.prepare()
        var rows: [Row] = []
        for condition in a.conditions where condition != a.baseline {
            for method in a.methods {
                for object in a.settings.objects {
                    let o = a.settings.caseInsensitive ? object.lowercased() : object
                    guard let base = a.importanceByImage[CorpusAnalysis.key(a.baseline, method, o)],
                          let modified = a.importanceByImage[CorpusAnalysis.key(condition, method, o)] else { continue }
                    let images = base.keys.filter { modified[$0] != nil }.sorted()
                    guard !images.isEmpty else { continue }
                    let before = images.map { base[$0]! }, after = images.map { modified[$0]! }
                    rows.append(Row(condition: condition, method: method, object: object, before: before, after: after,
                                    test: PairedTests.wilcoxon(zip(after, before).map { $0 - $1 }), adjustedP: nil))
                }
            }
        }
        let adjusted = Multiplicity.adjust(rows.map(\.test.pValue), method: .benjaminiHochberg)
        for i in rows.indices { rows[i].adjustedP = adjusted[i].adjusted }
        return rows
    }

    public static func table(_ a: CorpusAnalysis, alpha: Double, provenance: ReportProvenance) -> ReportTable {
        let cells = rows(a).map { r -> [TableCell] in
            let d = zip(r.after, r.before).map { $0 - $1 }
            let why = r.test.reason ?? "not computable"
            return [.text(r.condition), .text(r.method), .text(r.object), .integer(d.count),
                    .number(Summary.median(r.before), otherwise: why), .number(Summary.median(r.after), otherwise: why),
                    .number(d.reduce(0, +) / Double(max(1, d.count)), otherwise: why),
                    .number(r.test.statistic, otherwise: why), .pValue(r.test.pValue, otherwise: why),
                    .pValue(r.adjustedP, otherwise: why), .text(NumberFormatting.marks(r.adjustedP, alpha: alpha))]
        }
        return ReportTable(
            id: "importance-shift", title: "How modifications move CAM evidence between objects",
            caption: "Per condition, CAM method and object: the object's importance (mean CAM in its box; per image the largest over its "
                + "detections) before and after the modification, on the images where it is detected. Wilcoxon signed-rank on Δ, "
                + "Benjamini–Hochberg over all rows (an exploratory screen).",
            columns: [TableColumn("condition", alignment: .left), TableColumn("method", alignment: .left), TableColumn("object", alignment: .left),
                      TableColumn("n"), TableColumn("before", header: "median before"), TableColumn("after", header: "median after"),
                      TableColumn("mean_delta", header: "mean Δ"), TableColumn("W"), TableColumn("p"), TableColumn("p_adj", header: "p (BH)"),
                      TableColumn("sig", header: "", alignment: .left)],
            rows: cells, provenance: provenance)
    }
}
