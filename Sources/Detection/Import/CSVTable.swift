/// A minimal RFC 4180 reader: comma-separated fields, optional double quotes around a field
/// (`""` inside quotes is one `"`; quoted fields may hold commas and line breaks), records ended by
/// LF or CRLF (a lone CR is also accepted). A leading UTF-8 byte-order mark is skipped. Blank lines
/// (no characters at all) are skipped. No header handling: the first row is a row like any other.
///
/// Each row carries the 1-based line number on which it starts, for error messages.
public struct CSVTable: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        /// 1-based line of the file where this record starts.
        public var line: Int
        public var fields: [String]
    }

    public var rows: [Row]

    /// Parses `text`. Throws `.malformed` (with the line) for an unterminated quoted field or for
    /// characters between a closing quote and the next comma or line break.
    public init(text: String, file: String) throws(DetectionImportError) {
        try self.init(bytes: Array(text.utf8), file: file)
    }

    /// Parses UTF-8 bytes (the structural characters are ASCII, so fields split on byte boundaries;
    /// invalid UTF-8 inside a field becomes U+FFFD).
    public init(bytes input: [UInt8], file: String) throws(DetectionImportError) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let bytes = input.starts(with: [0xEF, 0xBB, 0xBF]) ? input[3...] : input[...]
        var rows: [Row] = [], fields: [String] = [], field: [UInt8] = []
        var line = 1, rowLine = 1
        var inQuotes = false, quoted = false, afterQuote = false
        func endRow() {
            fields.append(String(decoding: field, as: UTF8.self)); field = []
            if !(fields.count == 1 && fields[0].isEmpty && !quoted) { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []; quoted = false; afterQuote = false
        }
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            let next: UInt8? = i + 1 < bytes.endIndex ? bytes[i + 1] : nil
            if inQuotes {
                if c == quote {
                    if next == quote { field.append(quote); i += 1 } else { inQuotes = false; afterQuote = true }
                } else {
                    if c == lf || (c == cr && next != lf) { line += 1 }
                    field.append(c)
                }
            } else if c == comma {
                fields.append(String(decoding: field, as: UTF8.self)); field = []; afterQuote = false
            } else if c == cr || c == lf {
                if c == cr && next == lf { i += 1 }
                line += 1; endRow(); rowLine = line
            } else if afterQuote {
                let shown = String(decoding: [c], as: UTF8.self).debugDescription
                throw DetectionImportError(.malformed, "unexpected character \(shown) after a closing quote", file: file, line: line)
            } else if c == quote && field.isEmpty {
                inQuotes = true; quoted = true
            } else {
                field.append(c)
            }
            i += 1
        }
        if inQuotes { throw DetectionImportError(.malformed, "quoted field never closed", file: file, line: rowLine) }
        if !field.isEmpty || !fields.isEmpty || quoted { endRow() }
        self.rows = rows
    }
}
