/// Output formats every Reporting table is written in.
public enum TableFormat: String, Sendable, CaseIterable, Codable {
    /// GitHub-flavoured Markdown with a caption paragraph.
    case markdown = "md"
    /// RFC 4180 CSV with one header row; caption and provenance in a sidecar `.json`.
    case csv
    /// LaTeX `table` + `booktabs` (`\toprule`/`\midrule`/`\bottomrule`), numbers siunitx-friendly.
    case latex = "tex"
    /// Machine-readable: caption, provenance, columns and typed cells.
    case json

    /// File extension without the dot.
    public var fileExtension: String { rawValue }
}
