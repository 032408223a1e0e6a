import Foundation
import Testing
@testable import Reporting

/// Writes every example figure when EMOSHIFT_FIGURE_EXAMPLES names a directory (no-op otherwise).
@Suite struct FigureExampleWriterTests {
    @Test func writeExamplesWhenAsked() throws {
        try writeExample(FigureExamples.forest(), "forest-points")
        try writeExample(FigureExamples.forestBars(), "forest-bars")
        try writeExample(FigureExamples.line(), "line-band")
        try writeExample(FigureExamples.lineErrorBars(), "line-errorbars")
        try writeExample(FigureExamples.heatmap44(), "heatmap-44-lower")
        try writeExample(FigureExamples.heatmapFlips(), "heatmap-5-flips")
        try writeExample(FigureExamples.heatmap20(), "heatmap-20")
        try writeExample(FigureExamples.grid(), "image-grid")
        try writeExample(ForestPlot(title: "No conditions yet", xLabel: "Cohen's d", rows: []), "edge-forest-empty")
        try writeExample(ForestPlot(title: "One condition", xLabel: "Cohen's d",
                                    rows: [.init(label: "occlusion of the mouth region with a mean-colour patch, 50 % coverage",
                                                 estimate: 0.31, lower: 0.12, upper: .nan)]), "edge-forest-single")
        try writeExample(LineChart(title: "Nothing measured", xLabel: "level", yLabel: "Δ accuracy", series: []), "edge-line-empty")
        try writeExample(ForestPlot(title: "40 conditions in 420 px", xLabel: "Cohen's d",
                                    rows: (0..<40).map { .init(label: "condition \($0)", estimate: sin(Double($0)) / 2,
                                                               lower: sin(Double($0)) / 2 - 0.2, upper: sin(Double($0)) / 2 + 0.2) },
                                    height: 420), "edge-forest-dense")
        try writeExample(Heatmap(title: "All n/a", rowLabels: ["a", "b", "c"], columnLabels: ["x", "y", "z"],
                                 values: Array(repeating: [nil, .nan, .infinity], count: 3)), "edge-heatmap-allnil")
        try writeExample(Heatmap(title: "Fitted to 420 × 360 px", rowLabels: (1...8).map { "row label number \($0)" },
                                 columnLabels: (1...8).map { "column \($0)" },
                                 values: (0..<8).map { r in (0..<8).map { c in Double(r - c) / 7 } },
                                 width: 420, height: 360), "edge-heatmap-fitted")
    }
}
