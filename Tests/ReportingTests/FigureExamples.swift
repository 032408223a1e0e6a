import Foundation
import Imaging
@testable import Reporting

/// Realistic example figures shared by tests and the example writer.
enum FigureExamples {
    static let methods = ["Grad-CAM", "Grad-CAM++", "Score-CAM", "XGrad-CAM"]

    static func forest() -> ForestPlot {
        var rows: [ForestPlot.Row] = []
        let conditions = ["blur σ=2", "blur σ=4", "occlude eyes", "occlude mouth", "brightness ×1.5", "contrast ×0.5"]
        for (mi, m) in methods.prefix(3).enumerated() {
            for (ci, c) in conditions.prefix(4).enumerated() {
                let e = 0.15 * Double(ci) - 0.2 + 0.07 * Double(mi)
                if mi == 2 && ci == 1 {
                    rows.append(.init(label: "\(c) · \(m)", estimate: nil, group: m))
                } else {
                    rows.append(.init(label: "\(c) · \(m)", estimate: e, lower: e - 0.12 - 0.02 * Double(ci), upper: e + 0.1 + 0.01 * Double(mi), group: m))
                }
            }
        }
        return ForestPlot(title: "Effect of perturbations on CAM agreement (Cohen's d, 95 % CI)",
                          xLabel: "Cohen's d (perturbed − original)", rows: rows)
    }

    static func forestBars() -> ForestPlot {
        let emotions = ["Anger", "Disgust", "Fear", "Happiness", "Sadness", "Surprise", "Neutral — a very long label that needs truncation"]
        let rows = emotions.enumerated().map { i, e -> ForestPlot.Row in
            if i == 2 { return .init(label: e, estimate: .nan) }
            let v = [0.42, -0.31, 0, 0.08, -0.55, 0.27, 0.12][i]
            return .init(label: e, estimate: v, lower: v - 0.18, upper: v + 0.2)
        }
        return ForestPlot(title: "Change in softmax probability", xLabel: "Δ probability", rows: rows, style: .bars, width: 560)
    }

    static func line() -> LineChart {
        let levels = [0, 0.5, 1, 2, 4, 8]
        let series = methods.enumerated().map { mi, m in
            LineChart.Series(name: m, points: levels.enumerated().map { li, x in
                let y = 1 - (1 - exp(-x / (1.5 + Double(mi)))) * (0.8 - 0.1 * Double(mi))
                if mi == 3 && li == 3 { return .init(x: x, y: nil) }
                return .init(x: x, y: y, lower: y - 0.04 - 0.01 * Double(li), upper: y + 0.04 + 0.01 * Double(li))
            })
        }
        return LineChart(title: "Dose–response: Gaussian blur", xLabel: "blur σ (pixels)", yLabel: "Spearman ρ with original CAM",
                         series: series, xTicks: levels)
    }

    static func lineErrorBars() -> LineChart {
        var l = line()
        l.title = "Dose–response with error bars"
        l.uncertainty = .errorBars
        l.referenceY = 0.5
        l.xTicks = nil
        l.width = 520
        l.height = 340
        return l
    }

    static func labels44() -> [String] {
        let objects = ["person", "dog", "cat", "car", "bicycle", "chair", "sofa", "bottle", "cup", "book",
                       "tv", "laptop", "phone", "clock", "vase", "plant", "bird", "horse", "sheep", "cow",
                       "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie",
                       "suitcase", "frisbee", "skis", "snowboard", "ball", "kite", "bat", "glove", "skateboard"]
        let emotions = ["anger", "disgust", "fear", "happiness", "sadness", "surprise", "neutral"]
        return Array((objects + emotions).prefix(44))
    }

    static func heatmap44() -> Heatmap {
        let labels = labels44()
        var values: [[Double?]] = []
        for r in 0..<44 {
            var row: [Double?] = []
            for c in 0..<44 {
                if r == c { row.append(1) } else {
                    let v = sin(Double(r * 7 + c * 3) * 0.37) * cos(Double(r - c) * 0.21) * 0.9
                    row.append((r * c) % 97 == 5 ? nil : v)
                }
            }
            values.append(row)
        }
        for r in 0..<44 { for c in 0..<r { values[c][r] = values[r][c] } }
        return Heatmap(title: "EmoCAM object + emotion RSA (Spearman ρ)", rowLabels: labels, columnLabels: labels, values: values,
                       scale: .diverging(minimum: -1, maximum: 1), triangle: .lower(includeDiagonal: true), colourBarLabel: "Spearman ρ")
    }

    static func heatmapFlips() -> Heatmap {
        let emotions = ["anger", "disgust", "fear", "happiness", "sadness"]
        let values: [[Double?]] = [[120, 14, 9, 0, 7], [11, 98, 4, 1, nil], [6, 3, 77, 2, 12], [0, 1, 3, 240, 5], [9, 2, 15, 4, 101]]
        return Heatmap(title: "Prediction flips (original → blurred)", rowLabels: emotions, columnLabels: emotions,
                       values: values, scale: .sequential(minimum: 0, maximum: 240), decimals: 0, colourBarLabel: "images",
                       xLabel: "prediction after blur", yLabel: "original prediction")
    }

    static func heatmap20() -> Heatmap {
        let labels = (0..<20).map { "cond \($0 + 1)" }
        var values: [[Double?]] = []
        for r in 0..<20 {
            var row: [Double?] = []
            for c in 0..<20 {
                let k: Int = (r * 31 + c * 17) % 23
                row.append(r == c ? nil : Double(k - 11))
            }
            values.append(row)
        }
        return Heatmap(title: "Signed flip balance, 20 conditions", rowLabels: labels, columnLabels: labels, values: values,
                       colourBarLabel: "net flips", xLabel: "to", yLabel: "from")
    }

    static func sampleImage(_ seed: Int, width: Int = 96, height: Int = 96) -> Image {
        var px = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let o = (y * width + x) * 3
                let dx = Double(x - width / 2), dy = Double(y - height / 2)
                let d: Double = (dx * dx + dy * dy).squareRoot() / Double(width) * 2
                let s = Double(seed)
                let r: Double = 230 - d * 120 + s * 20
                let g: Double = Double(x) / Double(width) * 200 + s * 10
                let b: Double = Double(y) / Double(height) * 255 - s * 15
                px[o] = UInt8(max(0, min(255, r)))
                px[o + 1] = UInt8(max(0, min(255, g)))
                px[o + 2] = UInt8(max(0, min(255, b)))
            }
        }
        return try! Image(width: width, height: height, format: .rgb, pixels: px)
    }

    static func grid() -> ImageGrid {
        let images: [[Image?]] = (0..<2).map { r in (0..<4).map { c in
            r == 1 && c == 3 ? nil : sampleImage(r * 4 + c, width: c == 2 ? 120 : 96, height: 96)
        } }
        return ImageGrid(title: "CAM overlays: original vs blurred", images: images, rowLabels: ["original", "blur σ=4"],
                         columnLabels: ["input", "Grad-CAM", "Score-CAM (wide)", "XGrad-CAM"], tileSize: 112)
    }
}
