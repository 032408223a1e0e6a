/// GitHub-flavoured Markdown: a bold title with the caption, the pipe table, then the n/a reasons
/// (numbered; cells print `n/a¹`), notes, the provenance line and — for the demo model — a warning.
public enum MarkdownTableWriter {
    public static func render(_ table: ReportTable) -> String {
        var out = "**\(escape(table.title)).** \(escape(table.caption))\n\n"
        if table.provenance.demo { out += "> **\(ReportProvenance.demoWarning)**\n\n" }
        out += "| " + table.columns.map { escape($0.header) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { rule($0.alignment) }.joined(separator: "|") + "|\n"
        for row in table.rows {
            out += "| " + row.map { escape(text($0, in: table)) }.joined(separator: " | ") + " |\n"
        }
        if table.rows.isEmpty {
            out += "\n*No rows: the store holds no records for this table.*\n"
        }
        let reasons = table.missingReasons
        if !reasons.isEmpty {
            out += "\n" + reasons.enumerated().map { "n/a\(superscript($0.offset + 1)): \(escape($0.element))" }
                .joined(separator: "  \n") + "\n"
        }
        if !table.notes.isEmpty { out += "\n" + table.notes.map(escape).joined(separator: "  \n") + "\n" }
        if !table.provenance.entries.isEmpty { out += "\n<sub>Provenance — \(escape(table.provenance.oneLine))</sub>\n" }
        return out
    }

    static func text(_ cell: TableCell, in table: ReportTable) -> String {
        switch cell {
        case .text(let s): return s
        case .integer(let n): return String(n)
        case .number(let x, let digits): return NumberFormatting.significant(x, digits: digits, typographicMinus: true)
        case .pValue(let p): return NumberFormatting.pValue(p)
        case .interval(let lo, let hi, let digits):
            return "[\(NumberFormatting.significant(lo, digits: digits, typographicMinus: true)), "
                + "\(NumberFormatting.significant(hi, digits: digits, typographicMinus: true))]"
        case .missing(let reason): return "n/a" + superscript(table.footnote(for: reason) ?? 0)
        }
    }

    static func rule(_ alignment: TableColumn.Alignment) -> String {
        switch alignment {
        case .left: return ":---"
        case .right: return "---:"
        case .center: return ":---:"
        }
    }

    /// Pipes and line breaks would break the table; `*`, `_` stay (they are rare and harmless in cells).
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }
}
