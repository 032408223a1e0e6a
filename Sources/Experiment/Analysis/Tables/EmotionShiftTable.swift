import Reporting
import Statistics

/// Table (c): which emotions gain or lose probability under which modification. Long format, one
/// row per condition × emotion: n, mean Δp with its t CI, median Δp, Wilcoxon signed-rank p and its
/// Benjamini–Hochberg adjustment over all condition × emotion rows (an exploratory screen),
/// and marks. A wide companion (emotions × conditions, mean Δp in percentage points with marks) is
/// built by ``wide(_:_:provenance:)``.
public enum EmotionShiftTable {
    public struct Cell: Sendable {
        public var condition: String
        public var emotion: Int
        public var n: Int
        public var mean: Double?
        public var ci: Interval
        public var median: Double?
        public var test: TestResult
        public var adjustedP: Double?
    }

    public static func cells(_ pairs: PairedObservations, classCount: Int, confidence: Double = 0.95) -> [Cell] {
        GSLRuntime.prepare()
        var cells: [Cell] = []
        for condition in pairs.conditions {
            let shifts = pairs.emotion[condition] ?? []
            for k in 0..<classCount {
                let d = shifts.compactMap { $0.shift.deltas.indices.contains(k) ? $0.shift.deltas[k] : nil }
                let (_, ci) = PairedTests.t(d, confidence: confidence)
                cells.append(Cell(condition: condition, emotion: k, n: d.count, mean: Summary.mean(d), ci: ci,
                                  median: Summary.median(d), test: PairedTests.wilcoxon(d), adjustedP: nil))
            }
        }
        let adjusted = Multiplicity.adjust(cells.map(\.test.pValue), method: .benjaminiHochberg)
        for i in cells.indices { cells[i].adjustedP = adjusted[i].adjusted }
        return cells
    }

    public static func make(_ cells: [Cell], classNames: [String], alpha: Double, provenance: ReportProvenance) -> ReportTable {
        let columns = [
            TableColumn("condition", alignment: .left), TableColumn("emotion", alignment: .left), TableColumn("n"),
            TableColumn("mean_delta_p", header: "mean Δp"), TableColumn("ci", header: "95 % CI"),
            TableColumn("median_delta_p", header: "median Δp"), TableColumn("p", header: "p (Wilcoxon)"),
            TableColumn("p_adj", header: "p (BH)"), TableColumn("sig", header: "", alignment: .left),
        ]
        let rows = cells.map { c -> [TableCell] in
            let why = c.n == 0 ? "no paired records" : (c.test.reason ?? "not computable")
            return [.text(c.condition), .text(classNames[c.emotion]), .integer(c.n),
                    .number(c.mean, digits: 3, otherwise: why), .interval(c.ci.lower, c.ci.upper, otherwise: c.ci.reason ?? why),
                    .number(c.median, otherwise: why), .pValue(c.test.pValue, otherwise: why),
                    .pValue(c.adjustedP, otherwise: why), .text(NumberFormatting.marks(c.adjustedP, alpha: alpha))]
        }
        return ReportTable(id: "emotion-shift", title: "Per-emotion probability shift",
                           caption: "Mean change of each emotion's probability (modified − baseline) per condition, with Wilcoxon "
                               + "signed-rank p-values adjusted by Benjamini–Hochberg over all \(cells.count) condition × emotion cells "
                               + "(an exploratory screen).",
                           columns: columns, rows: rows, provenance: provenance)
    }

    /// Emotions × conditions, cells "+1.2**" (mean Δp in percentage points with BH marks).
    public static func wide(_ cells: [Cell], classNames: [String], alpha: Double, provenance: ReportProvenance) -> ReportTable {
        let conditions = orderedConditions(cells)
        var byKey: [String: Cell] = [:]
        for c in cells { byKey["\(c.condition)\u{1}\(c.emotion)"] = c }
        let columns = [TableColumn("emotion", alignment: .left)] + conditions.map { TableColumn($0) }
        let rows = classNames.indices.map { k -> [TableCell] in
            [.text(classNames[k])] + conditions.map { condition in
                guard let c = byKey["\(condition)\u{1}\(k)"], let m = c.mean else { return .missing("no paired records") }
                let text = (m >= 0 ? "+" : "−") + NumberFormatting.significant(abs(m) * 100, digits: 2)
                return .text(text + NumberFormatting.marks(c.adjustedP, alpha: alpha))
            }
        }
        return ReportTable(id: "emotion-shift-wide", title: "Which emotions gain and lose",
                           caption: "Mean Δ probability in percentage points (modified − baseline); marks from Benjamini–Hochberg-adjusted "
                               + "Wilcoxon p-values: * p < \(NumberFormatting.pValue(alpha)), ** p < .01, *** p < .001.",
                           columns: columns, rows: rows, provenance: provenance)
    }

    static func orderedConditions(_ cells: [Cell]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for c in cells where seen.insert(c.condition).inserted { out.append(c.condition) }
        return out
    }
}
