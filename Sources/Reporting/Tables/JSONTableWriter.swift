import Foundation

/// Machine-readable table: `{"id", "title", "caption", "demo_model", "provenance": {…},
/// "columns": [{"key", "header"}], "rows": [{key: value, …, "na": {key: reason}}], "na_reasons",
/// "notes"}`. Numbers are JSON numbers (full precision), intervals `[low, high]`, n/a cells `null`
/// with their reason in the row's `na` object. Keys are sorted, so output is byte-stable.
public enum JSONTableWriter {
    public static func render(_ table: ReportTable) -> String {
        var rows: [[String: JSONValue]] = []
        for row in table.rows {
            var object: [String: JSONValue] = [:]
            var na: [String: JSONValue] = [:]
            for (i, cell) in row.enumerated() {
                let key = table.columns[i].key
                switch cell {
                case .text(let s): object[key] = .string(s)
                case .integer(let n): object[key] = .number(Double(n))
                case .number(let x, _), .pValue(let x): object[key] = x.isFinite ? .number(x) : .null
                case .interval(let lo, let hi, _): object[key] = .array([.number(lo), .number(hi)])
                case .missing(let reason): object[key] = .null; na[key] = .string(reason)
                }
            }
            if !na.isEmpty { object["na"] = .object(na) }
            rows.append(object)
        }
        var provenance: [String: JSONValue] = [:]
        for entry in table.provenance.entries { provenance[entry.key] = .string(entry.value) }
        let root: JSONValue = .object([
            "id": .string(table.id),
            "title": .string(table.title),
            "caption": .string(table.caption),
            "demo_model": .bool(table.provenance.demo),
            "provenance": .object(provenance),
            "columns": .array(table.columns.map { .object(["key": .string($0.key), "header": .string($0.header)]) }),
            "rows": .array(rows.map { .object($0) }),
            "na_reasons": .array(table.missingReasons.map { .string($0) }),
            "notes": .array(table.notes.map { .string($0) }),
        ])
        return root.serialized() + "\n"
    }
}
