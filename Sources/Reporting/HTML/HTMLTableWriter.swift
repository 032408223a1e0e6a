/// A ``ReportTable`` as an HTML `<table>` inside a `<figure>` with its caption, n/a footnotes,
/// notes and provenance. Numbers are formatted as in Markdown (typographic minus, APA p-values);
/// n/a cells are `<td class="na">n/a<sup>k</sup></td>` with the reason in a `title` tooltip.
public enum HTMLTableWriter {
    public static func render(_ table: ReportTable, maxRows: Int? = nil) -> String {
        var out = "<figure class=\"table\" id=\"table-\(HTML.escape(table.id))\">\n"
        out += "<figcaption><strong>\(HTML.escape(table.title)).</strong> \(HTML.escape(table.caption))</figcaption>\n"
        if table.provenance.demo { out += "<p class=\"demo\">\(HTML.escape(ReportProvenance.demoWarning))</p>\n" }
        out += "<div class=\"scroll\"><table>\n<thead><tr>"
        for c in table.columns { out += "<th class=\"\(c.alignment.rawValue)\">\(HTML.escape(c.header))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        let shown = maxRows.map { Array(table.rows.prefix($0)) } ?? table.rows
        for row in shown {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                let align = table.columns[i].alignment.rawValue
                if let reason = cell.missingReason {
                    let k = table.footnote(for: reason) ?? 0
                    out += "<td class=\"\(align) na\" title=\"\(HTML.escape(reason))\">n/a<sup>\(k)</sup></td>"
                } else {
                    out += "<td class=\"\(align)\">\(HTML.escape(MarkdownTableWriter.text(cell, in: table)))</td>"
                }
            }
            out += "</tr>\n"
        }
        if table.rows.isEmpty {
            out += "<tr><td colspan=\"\(table.columns.count)\" class=\"empty\">No rows: the store holds no records for this table.</td></tr>\n"
        }
        out += "</tbody></table></div>\n"
        if let maxRows, table.rows.count > maxRows {
            out += "<p class=\"more\">Showing \(maxRows) of \(table.rows.count) rows; all rows are in <code>tables/\(HTML.escape(table.id)).csv</code>.</p>\n"
        }
        let reasons = table.missingReasons
        if !reasons.isEmpty {
            out += "<ol class=\"na-reasons\">" + reasons.map { "<li>n/a: \(HTML.escape($0))</li>" }.joined() + "</ol>\n"
        }
        if !table.notes.isEmpty { out += "<ul class=\"notes\">" + table.notes.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>\n" }
        out += "</figure>\n"
        return out
    }
}
