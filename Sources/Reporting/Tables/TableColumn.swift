/// One column of a ``ReportTable``.
public struct TableColumn: Sendable, Equatable {
    public enum Alignment: String, Sendable { case left, right, center }

    /// Machine name: CSV header and JSON key (snake_case, stable across versions).
    public var key: String
    /// Human header for Markdown and LaTeX (may contain Unicode such as Δ or ρ).
    public var header: String
    /// LaTeX header; defaults to `header` with `Δ`, `ρ`, `χ²`… translated to math mode.
    public var latexHeader: String?
    public var alignment: Alignment

    public init(_ key: String, header: String? = nil, latexHeader: String? = nil, alignment: Alignment = .right) {
        self.key = key
        self.header = header ?? key
        self.latexHeader = latexHeader
        self.alignment = alignment
    }
}
