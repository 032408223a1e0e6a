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
    }
}
