import Foundation
import Imaging
import Testing
@testable import Reporting

@Suite struct ChartTests {
    // MARK: SVG structure and PNG size

    @Test func everyExampleGivesWellFormedSVGWithItsLabelsAndAPNGOfItsSize() throws {
        let cases: [(any Figure, [String])] = [
            (FigureExamples.forest(), ["Effect of perturbations on CAM agreement (Cohen's d, 95 % CI)", "Cohen's d (perturbed − original)",
                                       "blur σ=2 · Grad-CAM", "Grad-CAM++", "n/a"]),
            (FigureExamples.forestBars(), ["Change in softmax probability", "Δ probability", "Anger", "n/a"]),
            (FigureExamples.line(), ["Dose–response: Gaussian blur", "blur σ (pixels)", "Spearman ρ with original CAM", "XGrad-CAM"]),
            (FigureExamples.lineErrorBars(), ["Dose–response with error bars", "Score-CAM"]),
            (FigureExamples.heatmap44(), ["EmoCAM object + emotion RSA (Spearman ρ)", "giraffe", "neutral", "Spearman ρ", "n/a"]),
            (FigureExamples.heatmapFlips(), ["Prediction flips (original → blurred)", "happiness", "240", "n/a", "original prediction"]),
            (FigureExamples.heatmap20(), ["cond 20", "net flips"]),
            (FigureExamples.grid(), ["CAM overlays: original vs blurred", "blur σ=4", "Score-CAM (wide)", "n/a"]),
        ]
        for (figure, labels) in cases {
            let svg = figure.svgString()
            let probe = try #require(SVGProbe.parse(svg), "SVG does not parse")
            for l in labels { #expect(probe.texts.contains(l), "missing text \(l)") }
            let size = figure.pixelSize
            #expect(svg.contains("viewBox=\"0 0 \(size.width) \(size.height)\""))
            let img = try decodePNG(try figure.pngData())
            #expect(img.width == size.width && img.height == size.height)
        }
    }

    @Test func requestedSizesAreHonoured() throws {
        var line = FigureExamples.line()
        line.width = 500
        line.height = 300
        var img = try decodePNG(try line.pngData())
        #expect(img.width == 500 && img.height == 300)

        var forest = FigureExamples.forest()
        forest.width = 700
        forest.height = 480
        img = try decodePNG(try forest.pngData())
        #expect(img.width == 700 && img.height == 480)

        var heat = FigureExamples.heatmap20()
        heat.width = 640
        heat.height = 600
        img = try decodePNG(try heat.pngData())
        #expect(img.width == 640 && img.height == 600)
        let l = heat.layout()
        #expect(l.matrix.maxX <= 640 && l.matrix.maxY <= 600)
    }

    @Test func outputIsDeterministic() throws {
        let figures: [any Figure] = [FigureExamples.forest(), FigureExamples.line(), FigureExamples.heatmap44(),
                                     FigureExamples.heatmapFlips(), FigureExamples.grid()]
        for f in figures {
            #expect(try f.pngData() == (try f.pngData()))
            #expect(f.svgString() == f.svgString())
        }
    }

    // MARK: Heatmap colours

    @Test func heatmapCellsHaveTheirScaleColoursAndMissingCellsAreHatchedGrey() throws {
        let h = Heatmap(title: "t", rowLabels: ["a", "b"], columnLabels: ["x", "y"], values: [[10, 0], [nil, .nan]],
                        scale: .sequential(minimum: 0, maximum: 10), annotate: true, cellSize: 40)
        let img = h.rasterImage()
        let l = h.layout()
        func corner(_ r: Int, _ c: Int) -> (Int, Int, Int) {
            pixel(img, Int(l.matrix.x + Double(c) * l.cell) + 4, Int(l.matrix.y + Double(r) * l.cell) + 4)
        }
        #expect(isClose(corner(0, 0), Palette.viridis.last!))
        #expect(isClose(corner(0, 1), Palette.viridis.first!))
        // Missing cells: grey or hatch, never the colour of 0.
        for (r, c) in [(1, 0), (1, 1)] {
            var sawGrey = false
            for dy in 3..<20 {
                for dx in 3..<20 {
                    let p = pixel(img, Int(l.matrix.x + Double(c) * l.cell) + dx, Int(l.matrix.y + Double(r) * l.cell) + dy)
                    #expect(!isClose(p, Palette.viridis.first!, tolerance: 30))
                    if isClose(p, Palette.missing) { sawGrey = true }
                }
            }
            #expect(sawGrey)
        }
        let svg = h.svgString()
        #expect(SVGProbe.parse(svg)?.texts.filter { $0 == "n/a" }.count == 3)  // two cells + the key
        #expect(svg.contains(Palette.missing.hexString))

        let d = Heatmap(title: "", rowLabels: ["a"], columnLabels: ["x", "y", "z"], values: [[-1, 0, 1]],
                        scale: .diverging(minimum: -1, maximum: 1), annotate: false, cellSize: 30)
        let di = d.rasterImage()
        let dl = d.layout()
        let y = Int(dl.matrix.y) + 4
        #expect(isClose(pixel(di, Int(dl.matrix.x) + 4, y), Palette.rdBu.first!))
        #expect(isClose(pixel(di, Int(dl.matrix.x + dl.cell) + 4, y), Palette.rdBu[5]))
        #expect(isClose(pixel(di, Int(dl.matrix.x + 2 * dl.cell) + 4, y), Palette.rdBu.last!))
    }

    @Test func annotationTextContrastsWithTheCell() {
        let h = Heatmap(title: "", rowLabels: ["a"], columnLabels: ["lo", "hi"], values: [[0, 1]],
                        scale: .sequential(minimum: 0, maximum: 1), annotate: true, decimals: 1, cellSize: 40)
        let svg = h.svgString()
        #expect(svg.contains("fill=\"#ffffff\">0.0</text>"))
        #expect(svg.contains("fill=\"#000000\">1.0</text>"))
    }

    @Test func lowerTriangleDrawsOnlyTheLowerCells() {
        let v: [[Double?]] = [[1, 0.5, 0.2], [0.5, 1, 0.3], [0.2, 0.3, 1]]
        let h = Heatmap(title: "", rowLabels: ["a", "b", "c"], columnLabels: ["a", "b", "c"], values: v,
                        scale: .diverging(minimum: -1, maximum: 1), annotate: false, triangle: .lower(includeDiagonal: false), cellSize: 30)
        let img = h.rasterImage()
        let l = h.layout()
        func at(_ r: Int, _ c: Int) -> (Int, Int, Int) {
            pixel(img, Int(l.matrix.x + (Double(c) + 0.5) * l.cell), Int(l.matrix.y + (Double(r) + 0.5) * l.cell))
        }
        #expect(at(0, 0) == (255, 255, 255))
        #expect(at(0, 2) == (255, 255, 255))
        #expect(at(1, 1) == (255, 255, 255))
        #expect(isClose(at(2, 0), ColourScale.diverging(minimum: -1, maximum: 1).colour(0.2)!))
    }

    @Test func bigMatricesSwitchAnnotationsOffAndKeepLabelsLegible() {
        let h = FigureExamples.heatmap44()
        let l = h.layout()
        #expect(l.annotationSize == nil)
        #expect(l.labelSize >= 9)
        #expect(l.cell >= 12)
        #expect(l.cell >= Double(l.labelSize))
        let small = FigureExamples.heatmapFlips().layout()
        #expect(small.annotationSize != nil)
    }

    // MARK: Forest plot

    @Test func forestBarsUseTheGroupColourAndNARowsHaveNoBar() throws {
        let rows: [ForestPlot.Row] = [
            .init(label: "up", estimate: 0.8, lower: 0.6, upper: 1.0, group: "A"),
            .init(label: "missing", estimate: nil, group: "A"),
            .init(label: "infinite", estimate: .infinity, group: "B"),
            .init(label: "down", estimate: -0.5, group: "B"),
        ]
        let f = ForestPlot(title: "bars", xLabel: "d", rows: rows, style: .bars, showValues: false)
        let img = f.rasterImage()
        let a = Palette.category(0), b = Palette.category(1)
        // Each bar colour covers a solid band of pixels somewhere in the plot.
        func hasBar(_ colour: Colour) -> Bool {
            for y in 0..<img.height {
                var hits = 0
                for x in 0..<img.width where isClose(pixel(img, x, y), colour, tolerance: 1) { hits += 1 }
                if hits > 8 { return true }
            }
            return false
        }
        #expect(hasBar(a))
        #expect(hasBar(b))
        let svg = f.svgString()
        let texts = SVGProbe.parse(svg)?.texts ?? []
        #expect(texts.filter { $0 == "n/a" }.count == 2)
        // Exactly two bars: one per finite estimate.
        let barRects = svg.components(separatedBy: "\n").filter {
            $0.hasPrefix("<rect") && ($0.contains(a.hexString) || $0.contains(b.hexString))
        }
        #expect(barRects.count == 2 + 2)  // two bars + two legend swatches
    }

    @Test func forestSingleRowAndLongLabels() throws {
        let long = "occlusion of the mouth region with a mean-colour patch at fifty percent coverage and more"
        let f = ForestPlot(title: "one", xLabel: "d", rows: [.init(label: long, estimate: 0.3, lower: .nan, upper: 0.5)])
        let svg = f.svgString()
        let texts = try #require(SVGProbe.parse(svg)).texts
        let label = try #require(texts.first { $0.hasPrefix("occlusion") })
        #expect(label.hasSuffix("…"))
        #expect(FigureFont.width(of: label, size: 11) <= f.maxLabelWidth)
        #expect(texts.contains("0.30 [n/a, 0.50]"))
        #expect(try decodePNG(try f.pngData()).height == f.pixelSize.height)
    }

    // MARK: Edge cases

    @Test func emptyDataRendersANoDataNote() throws {
        let figures: [any Figure] = [
            ForestPlot(title: "empty forest", xLabel: "d", rows: []),
            LineChart(title: "empty line", xLabel: "x", yLabel: "y", series: []),
            LineChart(title: "all-nil line", xLabel: "x", yLabel: "y",
                      series: [.init(name: "s", points: [.init(x: 1, y: nil), .init(x: 2, y: .nan)])]),
            Heatmap(title: "empty heatmap", rowLabels: [], columnLabels: [], values: []),
            ImageGrid(title: "empty grid", images: []),
        ]
        for f in figures {
            let svg = f.svgString()
            #expect(SVGProbe.parse(svg)?.texts.contains("no data") == true)
            let img = try decodePNG(try f.pngData())
            #expect(img.width == f.pixelSize.width)
        }
    }

    @Test func allMissingHeatmapAndNonFiniteInputsAreNA() throws {
        let h = Heatmap(title: "all n/a", rowLabels: ["a", "b"], columnLabels: ["x", "y"],
                        values: [[nil, .nan], [.infinity, -.infinity]], annotate: true, cellSize: 36)
        let texts = try #require(SVGProbe.parse(h.svgString())).texts
        #expect(texts.filter { $0 == "n/a" }.count == 5)
        #expect(h.value(1, 0) == nil)
        _ = try h.pngData()

        // Ragged rows: absent cells are n/a.
        let ragged = Heatmap(title: "", rowLabels: ["a", "b"], columnLabels: ["x", "y"], values: [[1, 2], [3]], annotate: true, cellSize: 36)
        #expect(ragged.value(1, 1) == nil)
        #expect(try #require(SVGProbe.parse(ragged.svgString())).texts.contains("n/a"))

        // Line chart: NaN and inf points are skipped, not drawn at 0.
        let line = LineChart(title: "gaps", xLabel: "x", yLabel: "y",
                             series: [.init(name: "s", points: [.init(x: 0, y: 1), .init(x: 1, y: .nan), .init(x: 2, y: 3),
                                                                .init(x: 3, y: .infinity), .init(x: .nan, y: 2)])],
                             uncertainty: .errorBars)
        let svg = line.svgString()
        #expect(SVGProbe.parse(svg) != nil)
        #expect(!svg.contains("<polyline"))  // every run is a single point: no line drawn across the gaps
        _ = try line.pngData()
    }

    @Test func singlePointsAndSingleCellsRender() throws {
        let line = LineChart(title: "one point", xLabel: "level", yLabel: "y",
                             series: [.init(name: "only", points: [.init(x: 2, y: 0.5, lower: 0.4, upper: 0.6)])], uncertainty: .errorBars)
        let lt = try #require(SVGProbe.parse(line.svgString())).texts
        #expect(lt.contains("only"))
        _ = try line.pngData()
        let cell = Heatmap(title: "one cell", rowLabels: ["r"], columnLabels: ["c"], values: [[0.25]])
        let ct = try #require(SVGProbe.parse(cell.svgString())).texts
        #expect(ct.contains("0.25"))
        #expect(try decodePNG(try cell.pngData()).width == cell.pixelSize.width)
    }

    @Test func tightlyPackedForestRowsUseSmallerText() {
        let rows = (0..<40).map { ForestPlot.Row(label: "condition \($0)", estimate: Double($0) / 40) }
        let f = ForestPlot(title: "dense", xLabel: "d", rows: rows, height: 420)
        #expect(f.svgString().contains("font-size=\"9\""))
        #expect(f.rasterImage().height == 420)
    }

    @Test func transparentImagesLookTheSameInBothBackends() throws {
        var px = [UInt8](repeating: 0, count: 8 * 8 * 4)
        for i in 0..<64 { px[i * 4] = 255; px[i * 4 + 3] = i < 32 ? 255 : 0 }
        let rgba = try Image(width: 8, height: 8, format: .rgba, pixels: px)
        var svg = SVGCanvas(width: 20, height: 20)
        svg.image(rgba, in: Rect(x: 2, y: 2, width: 8, height: 8))
        let probe = try #require(SVGProbe.parse(svg.document()))
        let href = try #require(probe.attributes.compactMap { $0["xlink:href"] }.first)
        let tile = try ImageDecoder.decode([UInt8](try #require(Data(base64Encoded: String(href.dropFirst(22))))))
        #expect(tile.info.width == 8)
        #expect(tile.rgba().pixels[4 * 63 + 3] == 0)  // still transparent
        var raster = RasterCanvas(width: 20, height: 20, background: Colour(hex: 0x00FF00))
        raster.image(rgba, in: Rect(x: 2, y: 2, width: 8, height: 8))
        let img = raster.image()
        #expect(pixel(img, 3, 3) == (255, 0, 0))
        #expect(pixel(img, 8, 9) == (0, 255, 0))
    }

    @Test func labelsAreEscapedInSVG() throws {
        let f = ForestPlot(title: "A & B <test>", xLabel: "\"quoted\" 'x'", rows: [.init(label: "p < 0.05 & q", estimate: 1)])
        let texts = try #require(SVGProbe.parse(f.svgString())).texts
        #expect(texts.contains("A & B <test>"))
        #expect(texts.contains("p < 0.05 & q"))
        #expect(texts.contains("\"quoted\" 'x'"))
    }

    // MARK: Image grid

    @Test func imageGridPlacesScaledTilesAndEmbedsPNGsInSVG() throws {
        let red = try Image(width: 20, height: 10, format: .rgb, pixels: [UInt8](repeating: 0, count: 600).enumerated().map { $0.offset % 3 == 0 ? 200 : 30 })
        let g = ImageGrid(title: "grid", images: [[red, nil]], rowLabels: ["row"], columnLabels: ["c1", "c2"], tileSize: 64)
        let img = try decodePNG(try g.pngData())
        #expect(img.width == g.pixelSize.width)
        // Find a pixel of the red tile.
        var found = false
        for y in 0..<img.height { for x in 0..<img.width where pixel(img, x, y) == (200, 30, 30) { found = true } }
        #expect(found)
        let svg = g.svgString()
        let probe = try #require(SVGProbe.parse(svg))
        #expect(probe.elements["image"] == 1)
        let href = try #require(probe.attributes.compactMap { $0["xlink:href"] }.first)
        #expect(href.hasPrefix("data:image/png;base64,"))
        let png = try #require(Data(base64Encoded: String(href.dropFirst("data:image/png;base64,".count))))
        let tile = try decodePNG(png)
        #expect(tile.width == 64 && tile.height == 32)
        #expect(pixel(tile, 30, 15) == (200, 30, 30))
        #expect(probe.texts.contains("n/a"))
    }
}
