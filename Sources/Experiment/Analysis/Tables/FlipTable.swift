import Reporting
import Statistics

/// Table (b): how often each baseline top-1 emotion became each modified top-1 emotion, per
/// condition (long format: one row per non-zero cell, unchanged pairs included), with the
/// condition's flip rate and its Wilson CI in the caption and notes.
public enum FlipTable {
    public static func make(_ pairs: PairedObservations, classNames: [String], confidence: Double = 0.95,
                            provenance: ReportProvenance) -> ReportTable {
        var rows: [[TableCell]] = []
        var notes: [String] = []
        for condition in pairs.conditions {
            let shifts = pairs.emotion[condition] ?? []
            var counts: [Int: Int] = [:]
            var flips = 0
            for o in shifts {
                counts[o.shift.baselineTop1 * 1000 + o.shift.modifiedTop1, default: 0] += 1
                if o.shift.flipped { flips += 1 }
            }
            if shifts.isEmpty {
                rows.append([.text(condition), .missing("no paired records for this condition"), .text("—"), .integer(0), .text("—")])
                continue
            }
            for key in counts.keys.sorted() {
                let from = key / 1000, to = key % 1000
                rows.append([.text(condition), .text(name(from, classNames)), .text(name(to, classNames)),
                             .integer(counts[key]!), .number(Double(counts[key]!) / Double(shifts.count))])
            }
            let w = Proportion.wilson(successes: flips, n: shifts.count, confidence: confidence)
            let ci = (w.lower != nil && w.upper != nil)
                ? " [\(NumberFormatting.significant(w.lower! * 100, digits: 3)), \(NumberFormatting.significant(w.upper! * 100, digits: 3))] %"
                : ""
            notes.append("\(condition): \(flips) of \(shifts.count) top-1 labels changed "
                + "(\(NumberFormatting.significant(Double(flips) / Double(shifts.count) * 100, digits: 3)) %\(ci), Wilson \(Int(confidence * 100)) % CI).")
        }
        let columns = [
            TableColumn("condition", alignment: .left),
            TableColumn("from", header: "baseline top-1", alignment: .left),
            TableColumn("to", header: "modified top-1", alignment: .left),
            TableColumn("count"),
            TableColumn("share", header: "share of condition"),
        ]
        return ReportTable(id: "flips", title: "Top-1 flips",
                           caption: "Counts of baseline top-1 → modified top-1 emotion per condition (n = \(pairs.imageCount) images; "
                               + "rows where the label is unchanged are included).",
                           columns: columns, rows: rows, notes: notes, provenance: provenance)
    }

    /// The square count matrix of one condition (rows: baseline top-1, columns: modified top-1),
    /// restricted to the classes that occur on either side. Used by the Markdown report and figures.
    public static func matrix(_ pairs: PairedObservations, condition: String) -> (classes: [Int], counts: [[Int]]) {
        let shifts = pairs.emotion[condition] ?? []
        let classes = Array(Set(shifts.flatMap { [$0.shift.baselineTop1, $0.shift.modifiedTop1] })).sorted()
        var index: [Int: Int] = [:]
        for (i, c) in classes.enumerated() { index[c] = i }
        var counts = Array(repeating: Array(repeating: 0, count: classes.count), count: classes.count)
        for o in shifts { counts[index[o.shift.baselineTop1]!][index[o.shift.modifiedTop1]!] += 1 }
        return (classes, counts)
    }

    static func name(_ i: Int, _ names: [String]) -> String { names.indices.contains(i) ? names[i] : "class \(i)" }
}
