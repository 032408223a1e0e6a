import Foundation
import Reporting
import Statistics

/// Tables of the corpus analysis:
/// `corpus-top-objects` (per method, on the baseline), `corpus-association-<method>` (the object ×
/// emotion block of the similarity matrix), `corpus-rsa` (Spearman between methods, both variants),
/// `corpus-objects-by-condition` (images in which each object survives the filter, per condition)
/// and `importance-shift` (paired change of each object's importance per condition, Wilcoxon with
/// Benjamini–Hochberg over all rows).
public enum CorpusTables {
    public static func make(_ a: CorpusAnalysis, alpha: Double, provenance: ReportProvenance) -> [ReportTable] {
        var tables: [ReportTable] = []
        let filterText = "filter: top-1 probability > \(a.settings.emotionConfidence), detector confidence > \(a.settings.objectConfidence), "
            + "importance > \(a.settings.importance) (\(a.settings.convention.rawValue) convention), de-duplicated per (image, emotion, object) before filtering"
        let base = a.results[a.baseline] ?? []

        // Top objects per emotion.
        var topRows: [[TableCell]] = []
        for r in base {
            for ranking in r.top.rankings where ranking.emotionImages > 0 {
                let list = ranking.objects.prefix(5).map { "\($0.object) (\($0.count), \(NumberFormatting.significant($0.dice, digits: 2)))" }
                topRows.append([.text(r.method), .text(ranking.emotion), .integer(ranking.emotionImages),
                                list.isEmpty ? .missing("no object survives the filter in these images") : .text(list.joined(separator: "; "))])
            }
        }
        tables.append(ReportTable(
            id: "corpus-top-objects", title: "Objects carrying the CAM evidence per emotion",
            caption: "Per CAM method and EmoNet top-1 emotion on '\(a.baseline)': the images with that emotion and the objects that co-occur "
                + "with it, most frequent first, as object (images, \(a.measure.rawValue.capitalized)). \(filterText).",
            columns: [TableColumn("method", alignment: .left), TableColumn("emotion", alignment: .left), TableColumn("images"),
                      TableColumn("top_objects", header: "top objects (images, \(a.measure.rawValue))", alignment: .left)],
            rows: topRows, provenance: provenance))

        // Object × emotion block per method.
        for r in base {
            let block = r.block
            let columns = [TableColumn("object", alignment: .left)] + block.columnLabels.map { TableColumn($0) }
            let rows = block.rowLabels.indices.map { i -> [TableCell] in
                [.text(block.rowLabels[i])] + block.columnLabels.indices.map { j in
                    .number(block[i, j], digits: 2, otherwise: "both indicator vectors are all zero (scipy's pdist gives NaN)")
                }
            }
            tables.append(ReportTable(
                id: "corpus-association-\(r.method)", title: "Object–emotion association (\(r.method))",
                caption: "\(a.measure.rawValue.capitalized) similarity between object and emotion indicator vectors over the "
                    + "\(r.corpus.images.count) images with a surviving object (\(r.corpus.keptRows.count) rows kept of \(r.corpus.inputRowCount)); \(filterText).",
                columns: columns, rows: rows, provenance: provenance))
        }

        // RSA.
        if let rsa = a.rsa {
            var rows: [[TableCell]] = []
            let k = rsa.full.methods.count
            for i in 0..<k {
                for j in 0..<i {
                    let f = rsa.full.tests[i][j], b = rsa.objectEmotion.tests[i][j]
                    rows.append([.text(rsa.full.methods[i]), .text(rsa.full.methods[j]),
                                 .number(rsa.full.correlations[i, j], otherwise: f.reason ?? "constant vector"), .integer(rsa.full.pairwiseCounts[i][j]),
                                 .pValue(f.pValue, otherwise: f.reason ?? "constant vector"), .integer(rsa.full.completeCount),
                                 .number(rsa.objectEmotion.correlations[i, j], otherwise: b.reason ?? "constant vector"),
                                 .pValue(b.pValue, otherwise: b.reason ?? "constant vector"), .integer(rsa.objectEmotion.completeCount)])
                }
            }
            tables.append(ReportTable(
                id: "corpus-rsa", title: "Do CAM methods agree? (RSA)",
                caption: "Spearman ρ between the methods' similarity matrices: the paper's version over the strict lower triangle of the full "
                    + "object+emotion matrix (pairwise-complete ρ, p on the positions complete in every method), and the object × emotion "
                    + "block only — the full version also correlates the emotion–emotion cells, which are 0 or n/a by construction.",
                columns: [TableColumn("method_a", header: "method", alignment: .left), TableColumn("method_b", header: "vs", alignment: .left),
                          TableColumn("rho_full", header: "ρ (full)"), TableColumn("n_pairwise", header: "n (pairwise)"),
                          TableColumn("p_full", header: "p (full)"), TableColumn("n_complete", header: "n (complete)"),
                          TableColumn("rho_block", header: "ρ (object × emotion)"), TableColumn("p_block", header: "p (block)"),
                          TableColumn("n_block", header: "n (block)")],
                rows: rows, provenance: provenance))
        }

        // Objects surviving the filter per condition.
        let objects = a.settings.objects
        for method in a.methods {
            let conditions = a.conditions.filter { c in a.results[c]?.contains { $0.method == method } ?? false }
            guard !conditions.isEmpty else { continue }
            let rows = objects.indices.map { o -> [TableCell] in
                [.text(objects[o])] + conditions.map { c -> TableCell in
                    guard let r = a.results[c]?.first(where: { $0.method == method }) else { return .missing("no object rows") }
                    return .integer(r.corpus.indicators.columns[o].filter { $0 }.count)
                }
            }
            tables.append(ReportTable(
                id: "corpus-objects-\(method)", title: "Where the evidence goes (\(method))",
                caption: "Images in which each object survives the filter (\(filterText)), per condition: a modification that removes an "
                    + "object's evidence lowers its count, one that moves evidence raises others'.",
                columns: [TableColumn("object", alignment: .left)] + conditions.map { TableColumn($0) }, rows: rows, provenance: provenance))
        }

        // Paired importance shifts.
        tables.append(ImportanceShift.table(a, alpha: alpha, provenance: provenance))
        return tables
    }
}
