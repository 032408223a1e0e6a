/// RFC 4180 CSV with one header row of column keys. Numbers are written with full precision
/// (shortest round-trip text); an interval column `ci` becomes two columns `ci_low`, `ci_high`;
/// n/a cells are empty fields, and a last column `na_reasons` holds that row's reasons
/// (`key: reason; …`) so pandas/R read n/a as missing values and the reason is kept.
/// Caption and provenance live in the table's JSON file.
public enum CSVTableWriter {
    public static func render(_ table: ReportTable) -> String {
        let intervalColumns = Set(table.columns.indices.filter { i in
            table.rows.contains { if case .interval = $0[i] { return true } else { return false } }
        })
        var header: [String] = []
        for (i, column) in table.columns.enumerated() {
            if intervalColumns.contains(i) { header += [column.key + "_low", column.key + "_high"] } else { header.append(column.key) }
        }
        header.append("na_reasons")
        var out = header.map(field).joined(separator: ",") + "\n"
        for row in table.rows {
            var fields: [String] = []
            var reasons: [String] = []
            for (i, cell) in row.enumerated() {
                let pair = intervalColumns.contains(i)
                switch cell {
                case .text(let s): fields.append(field(s)); if pair { fields.append("") }
                case .integer(let n): fields.append(String(n)); if pair { fields.append("") }
                case .number(let x, _), .pValue(let x): fields.append(NumberFormatting.exact(x)); if pair { fields.append("") }
                case .interval(let lo, let hi, _):
                    fields += [NumberFormatting.exact(lo), NumberFormatting.exact(hi)]
                case .missing(let reason):
                    fields.append(""); if pair { fields.append("") }
                    reasons.append("\(table.columns[i].key): \(reason)")
                }
            }
            fields.append(field(reasons.joined(separator: "; ")))
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Quotes a field when it contains a comma, quote or line break (quotes doubled).
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
