import Foundation
import Reporting
import Statistics

/// Figures of the corpus analysis: the object × emotion block per method (annotated heatmap,
/// sequential scale on [0, 1], n/a hatched), the full object+emotion matrix of the first method
/// (lower triangle, as the paper's heatmap), and the RSA matrices (both variants, diverging scale).
public enum CorpusFigures {
    public static func make(_ a: CorpusAnalysis, demo: Bool = false) -> [NamedFigure] {
        var figures: [NamedFigure] = []
        let base = a.results[a.baseline] ?? []
        let name = a.measure.rawValue.capitalized
        for r in base {
            // Objects and emotions no kept image has are rows/columns of zeros and n/a: leave them out.
            let b = r.block
            let m = r.corpus.indicators
            let no = r.corpus.objects.count
            let present = { (column: Int) in m.columns[column].contains(true) }
            var rowsKept = b.rowLabels.indices.filter { present($0) }
            var columns = b.columnLabels.indices.filter { present(no + $0) }
            if rowsKept.isEmpty { rowsKept = Array(b.rowLabels.indices) }
            if columns.isEmpty { columns = Array(b.columnLabels.indices) }
            figures.append(NamedFigure(
                id: "association-\(r.method)",
                caption: "\(name) similarity between detected objects (rows) and EmoNet's top-1 emotion (columns) over the images with a "
                    + "surviving object (\(r.method), '\(a.baseline)'); objects and emotions that no kept image has are omitted (their cells are 0 or n/a).",
                figure: Heatmap(title: FigureTitle.make("Object–emotion \(name) (\(r.method))", demo: demo), rowLabels: rowsKept.map { b.rowLabels[$0] },
                                columnLabels: columns.map { b.columnLabels[$0] },
                                values: rowsKept.map { i in columns.map { b[i, $0] } }, scale: .sequential(minimum: 0, maximum: 1),
                                annotate: true, decimals: 2, colourBarLabel: name, xLabel: "EmoNet top-1 emotion", yLabel: "object")))
        }
        if let first = base.first {
            let m = first.matrix
            figures.append(NamedFigure(
                id: "association-full-\(first.method)",
                caption: "The full \(m.rowCount) × \(m.columnCount) \(name) matrix of objects and emotions (\(first.method)), lower triangle, as "
                    + "the paper plots it; its strict lower triangle is the vector the RSA compares.",
                figure: Heatmap(title: FigureTitle.make("Objects and emotions, \(name) (\(first.method))", demo: demo), rowLabels: m.rowLabels, columnLabels: m.columnLabels,
                                values: m.rows, scale: .sequential(minimum: 0, maximum: 1), annotate: false,
                                triangle: .lower(includeDiagonal: true), colourBarLabel: name, cellSize: 12)))
        }
        if let rsa = a.rsa {
            for (suffix, r, what) in [("full", rsa.full, "full lower triangle"), ("block", rsa.objectEmotion, "object × emotion block")] {
                figures.append(NamedFigure(
                    id: "rsa-\(suffix)",
                    caption: "Spearman ρ between CAM methods' \(name) matrices (\(what)); n/a where a vector is constant.",
                    figure: Heatmap(title: FigureTitle.make("RSA across CAM methods (\(what))", demo: demo), rowLabels: r.methods, columnLabels: r.methods,
                                    values: r.correlations.rows, scale: .diverging(minimum: -1, maximum: 1), annotate: true, decimals: 2,
                                    triangle: .lower(includeDiagonal: false), colourBarLabel: "Spearman ρ")))
            }
        }
        return figures
    }
}
