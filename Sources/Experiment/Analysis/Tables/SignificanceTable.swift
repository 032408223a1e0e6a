import Reporting
import Statistics

/// Table (a): one row per condition × metric × method × test.
///
/// Columns: condition, metric, method, test (with exact/approx), n, baseline and modified medians,
/// mean Δ with its CI, median Δ, statistic name and value, p, adjusted p, effect name and value,
/// significance marks (from the adjusted p: * < α, ** < .01, *** < .001).
public enum SignificanceTable {
    public static func make(_ rows: [SignificanceRow], settings: AnalysisSettings, pairs: PairedObservations,
                            provenance: ReportProvenance) -> ReportTable {
        let columns: [TableColumn] = [
            TableColumn("condition", alignment: .left),
            TableColumn("metric", alignment: .left),
            TableColumn("method", alignment: .left),
            TableColumn("test", alignment: .left),
            TableColumn("n"),
            TableColumn("baseline", header: "baseline (median)"),
            TableColumn("modified", header: "modified (median)"),
            TableColumn("mean_delta", header: "mean Δ"),
            TableColumn("ci", header: "\(percent(settings.confidence)) CI"),
            TableColumn("median_delta", header: "median Δ"),
            TableColumn("stat_name", header: "stat", alignment: .left),
            TableColumn("statistic", header: "value"),
            TableColumn("p"),
            TableColumn("p_adj", header: "p (\(correctionLabel(settings.correction)))"),
            TableColumn("effect_name", header: "effect", alignment: .left),
            TableColumn("effect", header: "size"),
            TableColumn("sig", header: "", alignment: .left),
        ]
        let cells = rows.map { row -> [TableCell] in
            let r = row.result
            let why = r.reason ?? "not computable"
            let effectCell: TableCell
            if row.effectInfinite {
                effectCell = .text("∞")
            } else if row.effectName.isEmpty {
                effectCell = .text("—")
            } else {
                effectCell = .number(row.effect, otherwise: row.effectReason ?? why)
            }
            let empty = row.n == 0 ? "no pairs" + (row.exclusions.map { " (\($0))" } ?? "") : why
            return [
                .text(row.condition), .text(row.metric.label), .text(row.method ?? "—"),
                .text(testLabel(row)), .integer(row.n),
                .number(row.baseline, otherwise: empty), .number(row.modified, otherwise: empty),
                .number(row.meanDelta, otherwise: empty),
                .interval(row.ci.lower, row.ci.upper, otherwise: row.ci.reason ?? empty),
                row.metric.kind == .binary ? .text("—") : .number(row.medianDelta, otherwise: empty),
                .text(statName(row)), statisticCell(row),
                .pValue(r.pValue, otherwise: why), .pValue(row.adjustedP, otherwise: why),
                .text(row.effectName.isEmpty ? "—" : row.effectName), effectCell,
                .text(NumberFormatting.marks(row.adjustedP, alpha: settings.alpha)),
            ]
        }
        let families = Set(rows.map(\.family)).sorted()
        let skippedRegion = pairs.conditions.filter { c in !rows.contains { $0.condition == c && $0.metric.key == "cam_region_mass" } }
        var notes = [
            "Δ = modified − baseline per image; baseline = '\(pairs.baseline)'. Deviation metrics (divergences, CAM similarities) "
                + "compare the value with its no-change reference (0 or 1), shown as the baseline.",
            "Marks use the adjusted p: * p < \(alphaText(settings.alpha)), ** p < .01, *** p < .001. "
                + "Correction: \(correctionLabel(settings.correction)) within each family and test; families: \(families.joined(separator: "; ")).",
            "Effect sizes: d_z = mean(Δ)/sd(Δ); r_rb = matched-pairs rank-biserial (T⁺ − T⁻)/(T⁺ + T⁻); "
                + "OR = b/c, McNemar's discordant pairs (b: no → yes, c: yes → no).",
        ]
        if settings.metrics.contains(where: { $0.key == "cam_region_mass" || $0.key == "cam_pointing" }), !skippedRegion.isEmpty {
            notes.append("Region metrics are not reported for whole-image modifications (\(skippedRegion.joined(separator: ", "))).")
        }
        for condition in pairs.conditions {
            if let ex = pairs.exclusions[condition], ex.total > 0 { notes.append("\(condition): \(ex.summary).") }
        }
        let n = pairs.imageCount
        let caption = "Paired comparisons of each condition against '\(pairs.baseline)' on \(n) image\(n == 1 ? "" : "s") "
            + "(\(pairs.conditions.count) conditions, CAM methods: \(pairs.methods.isEmpty ? "none" : pairs.methods.joined(separator: ", "))). "
            + "Tests: \(settings.continuousTests.map(testName).joined(separator: ", ")) on continuous metrics, McNemar on binary ones; "
            + "CI: \(settings.bootstrapCI ? "BCa bootstrap (\(settings.bootstrapResamples) resamples)" : "Student t"); "
            + "α = \(alphaText(settings.alpha)), \(correctionLabel(settings.correction)) correction."
        return ReportTable(id: "significance", title: "Significance of emotion shift and heatmap drift", caption: caption,
                           columns: columns, rows: cells, notes: notes, provenance: provenance)
    }

    static func statisticCell(_ row: SignificanceRow) -> TableCell {
        if let d = row.discordant, row.result.method == "exact" { return .text("\(d.b)/\(d.c)") }
        return .number(row.result.statistic, otherwise: row.result.reason ?? "not computable")
    }

    static func statName(_ row: SignificanceRow) -> String {
        let r = row.result
        if row.discordant != nil, r.method == "exact" { return "b/c" }
        if let df = r.df, df > 0 {
            let dfText = df == df.rounded() ? String(Int(df)) : NumberFormatting.significant(df, digits: 3)
            return "\(r.statisticSymbol)(\(dfText))"
        }
        return r.statisticSymbol
    }

    static func testLabel(_ row: SignificanceRow) -> String {
        let m = row.result.method
        switch row.test {
        case "paired-t": return "paired t"
        case "mcnemar": return m == "exact" ? "McNemar (exact)" : "McNemar (χ², cc)"
        default: return "\(testName(row.test)) (\(m))"
        }
    }

    static func testName(_ key: String) -> String {
        switch key {
        case "paired-t": return "paired t"
        case "wilcoxon": return "Wilcoxon signed-rank"
        case "sign": return "sign test"
        case "permutation": return "sign-flip permutation"
        case "mcnemar": return "McNemar"
        default: return key
        }
    }

    static func correctionLabel(_ name: String) -> String {
        switch name {
        case "holm": return "Holm"
        case "bh": return "Benjamini–Hochberg"
        case "bonferroni": return "Bonferroni"
        default: return "no"
        }
    }

    static func alphaText(_ a: Double) -> String {
        var text = NumberFormatting.significant(a, digits: 3)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        return text.hasPrefix("0.") ? String(text.dropFirst()) : text
    }

    static func percent(_ x: Double) -> String {
        var text = NumberFormatting.significant(x * 100, digits: 4)
        while text.contains("."), text.hasSuffix("0") || text.hasSuffix(".") { text.removeLast() }
        return text + " %"
    }
}
