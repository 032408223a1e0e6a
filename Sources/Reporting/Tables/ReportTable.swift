/// A table as the Reporting writers see it: columns, typed cells, a caption and the provenance
/// that every EmoShift table carries (weights hash, demo flag, spec name, …).
///
/// Writers (``MarkdownTableWriter``, ``CSVTableWriter``, ``LatexTableWriter``,
/// ``JSONTableWriter``) render the same model, so the four files of one table always hold the
/// same numbers. A cell that cannot be computed is ``TableCell/missing(_:)`` with a reason; it is
/// printed as `n/a` (never as a number) and its reason is listed under the table.
public struct ReportTable: Sendable, Equatable {
    /// File stem, e.g. `significance` → `significance.md`, `significance.csv`, ….
    public var id: String
    /// One-line title (bold in Markdown, `\caption` head in LaTeX).
    public var title: String
    /// Caption body: n, tests, correction, what the marks mean.
    public var caption: String
    public var columns: [TableColumn]
    /// Each row has exactly `columns.count` cells.
    public var rows: [[TableCell]]
    /// Extra footnotes (printed after the n/a reasons).
    public var notes: [String]
    public var provenance: ReportProvenance

    public init(id: String, title: String, caption: String, columns: [TableColumn], rows: [[TableCell]],
                notes: [String] = [], provenance: ReportProvenance) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs one cell per column")
        self.id = id
        self.title = title
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.notes = notes
        self.provenance = provenance
    }

    /// Distinct reasons of the table's n/a cells, in first-seen order, each with its footnote
    /// number (1-based) — the writers mark n/a cells `n/a` and list these under the table.
    public var missingReasons: [String] {
        var seen = Set<String>(), out: [String] = []
        for row in rows {
            for cell in row {
                if let reason = cell.missingReason, seen.insert(reason).inserted { out.append(reason) }
            }
        }
        return out
    }

    /// Footnote number (1-based) of an n/a reason.
    func footnote(for reason: String) -> Int? { missingReasons.firstIndex(of: reason).map { $0 + 1 } }
}
