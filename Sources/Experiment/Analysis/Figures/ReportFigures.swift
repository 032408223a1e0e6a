import Foundation
import Inference
import Reporting

/// The figures of `emoshift report`, built from the significance rows and the paired observations:
///
/// - `effect-<metric>`: mean Δ with its CI per condition (and CAM method), one forest plot per
///   primary metric — the "bar chart of effect sizes" with the zero line;
/// - `dose-<group>`: for every swept condition group with a single numeric swept parameter, mean Δ
///   against the swept value (CI band), one series per primary metric row type;
/// - `flips-<condition>`: the baseline → modified top-1 count matrix as an annotated heatmap.
public enum ReportFigures {
    public static func make(rows: [SignificanceRow], pairs: PairedObservations, settings: AnalysisSettings, demo: Bool = false) -> [NamedFigure] {
        var figures: [NamedFigure] = []
        let testForCI = settings.continuousTests.first ?? "wilcoxon"
        func representative(_ r: SignificanceRow) -> Bool { r.metric.kind == .binary ? r.test == "mcnemar" : r.test == testForCI }
        let level = Int((settings.confidence * 100).rounded())

        // Effect plots per metric.
        for metric in settings.metrics {
            let metricRows = rows.filter { $0.metric == metric && representative($0) }
            guard !metricRows.isEmpty else { continue }
            let methods = Set(metricRows.compactMap(\.method)).sorted()
            let plotRows = metricRows.map { r in
                ForestPlot.Row(label: r.condition, estimate: r.meanDelta, lower: r.ci.lower, upper: r.ci.upper,
                               group: methods.count > 1 ? r.method : nil)
            }
            let unit = metric.unit.isEmpty ? "" : " (\(metric.unit))"
            let what = metric.kind == .binary ? "rate difference" : "mean Δ"
            figures.append(NamedFigure(
                id: "effect-\(metric.key)",
                caption: "\(metric.label): \(what) per condition with its \(level) % CI (\(metric.kind == .binary ? "Wilson / paired Wald" : settings.bootstrapCI ? "BCa bootstrap" : "Student t")); the line marks no change.",
                figure: ForestPlot(title: FigureTitle.make(metric.label, demo: demo), xLabel: "\(what)\(unit)", rows: plotRows, decimals: 3,
                                   width: 640, maxLabelWidth: 180)))
        }

        // Dose–response per swept group.
        for (group, conditions) in sweptGroups(pairs) {
            var series: [LineChart.Series] = []
            var parameter = ""
            for metric in settings.metrics where metric.kind != .binary {
                let methods: [String?] = metric.scope == .emotion ? [nil] : pairs.methods.map { $0 }
                for method in methods {
                    var points: [LineChart.DataPoint] = []
                    for (condition, name, value) in conditions {
                        parameter = name
                        guard let r = rows.first(where: { $0.condition == condition && $0.metric == metric && $0.method == method && representative($0) })
                        else { continue }
                        points.append(.init(x: value, y: r.meanDelta, lower: r.ci.lower, upper: r.ci.upper))
                    }
                    guard points.contains(where: { $0.y != nil }) else { continue }
                    series.append(.init(name: metric.label + (method.map { " · \($0)" } ?? ""), points: points))
                }
            }
            guard !series.isEmpty else { continue }
            // One chart per metric family would be cleaner for mixed units; keep Δ probability-like
            // metrics and CAM similarities apart.
            let emotionSeries = series.filter { !$0.name.hasPrefix("CAM") }
            let camSeries = series.filter { $0.name.hasPrefix("CAM") && !$0.name.contains("shift") }
            for (suffix, part, label) in [("emotion", emotionSeries, "EmoNet output"), ("cam", camSeries, "CAM drift")] where !part.isEmpty {
                figures.append(NamedFigure(
                    id: "dose-\(group)-\(suffix)",
                    caption: "Dose–response of '\(group)': mean Δ against \(parameter) with \(level) % CI bands (\(label)).",
                    figure: LineChart(title: FigureTitle.make("\(group): \(label) vs \(parameter)", demo: demo), xLabel: parameter, yLabel: "mean Δ",
                                      series: part, uncertainty: .band, xTicks: conditions.map(\.value), referenceY: 0)))
            }
        }

        // Flip matrices.
        for condition in pairs.conditions {
            let (classes, counts) = FlipTable.matrix(pairs, condition: condition)
            guard !classes.isEmpty else { continue }
            let names = classes.map { EmoNetClasses.names[$0] }
            figures.append(NamedFigure(
                id: "flips-\(condition)",
                caption: "Top-1 emotion before (rows) and after (columns) '\(condition)'; the diagonal is unchanged.",
                figure: Heatmap(title: FigureTitle.make("Top-1 flips: \(condition)", demo: demo), rowLabels: names, columnLabels: names,
                                values: counts.map { $0.map { Double($0) } }, scale: .sequential(minimum: 0, maximum: Double(counts.flatMap { $0 }.max() ?? 1)),
                                annotate: true, decimals: 0, colourBarLabel: "images", xLabel: "modified top-1", yLabel: "baseline top-1")))
        }
        return figures
    }

    /// Groups whose conditions differ in exactly one numeric swept parameter, with ≥ 2 levels,
    /// sorted by the swept value.
    static func sweptGroups(_ pairs: PairedObservations) -> [(group: String, conditions: [(condition: String, parameter: String, value: Double)])] {
        var byGroup: [String: [(String, String, Double)]] = [:]
        var order: [String] = []
        for condition in pairs.conditions {
            guard let sweep = pairs.sweeps[condition], let group = pairs.groups[condition],
                  let object = try? JSONSerialization.jsonObject(with: Data(sweep.utf8)) as? [String: Any],
                  object.count == 1, let (key, raw) = object.first, let number = raw as? NSNumber else { continue }
            if byGroup[group] == nil { order.append(group) }
            byGroup[group, default: []].append((condition, key, number.doubleValue))
        }
        return order.compactMap { g in
            let list = byGroup[g]!.sorted { $0.2 < $1.2 }
            guard list.count >= 2, Set(list.map(\.1)).count == 1 else { return nil }
            return (g, list.map { (condition: $0.0, parameter: $0.1, value: $0.2) })
        }
    }
}
