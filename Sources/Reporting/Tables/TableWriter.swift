import Foundation

/// Writes a ``ReportTable`` to `<directory>/<id>.<ext>` in the requested formats, atomically
/// (a temporary file renamed into place, so an interrupted report never leaves half a table).
public enum TableWriter {
    public static func render(_ table: ReportTable, as format: TableFormat) -> String {
        switch format {
        case .markdown: return MarkdownTableWriter.render(table)
        case .csv: return CSVTableWriter.render(table)
        case .latex: return LatexTableWriter.render(table)
        case .json: return JSONTableWriter.render(table)
        }
    }

    /// Returns the written file URLs in `formats` order.
    @discardableResult
    public static func write(_ table: ReportTable, formats: [TableFormat], to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try formats.map { format in
            let url = directory.appendingPathComponent("\(table.id).\(format.fileExtension)")
            try Data(render(table, as: format).utf8).write(to: url, options: .atomic)
            return url
        }
    }
}
