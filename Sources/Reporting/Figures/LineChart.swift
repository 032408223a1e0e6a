import Foundation

/// Dose–response lines: x = sweep level (numeric), one series per condition or method, with
/// markers (shape and colour per series), optional CI bands or error bars, and a legend.
///
/// Layout (pixels): title on top; y-axis title (rotated) and tick labels on the left; the plot area
/// with light horizontal and vertical grid lines at 1-2-5 ticks, inset 8 px so markers clear the
/// axes; x tick labels and `xLabel` below; the legend in a column right of the plot (labels
/// truncated with "…"). Points whose y is nil or non-finite are left out and break the line.
/// With error bars, series are dodged sideways by `dodge` pixels so whiskers stay visible.
public struct LineChart: Figure {
    /// One observation: x, y, and optional CI bounds (nil / non-finite = not available).
    public struct DataPoint: Sendable, Hashable {
        public var x: Double
        public var y: Double?
        public var lower: Double?
        public var upper: Double?
        public init(x: Double, y: Double?, lower: Double? = nil, upper: Double? = nil) {
            self.x = x
            self.y = y
            self.lower = lower
            self.upper = upper
        }
    }

    /// A named line.
    public struct Series: Sendable, Hashable {
        public var name: String
        public var points: [DataPoint]
        /// nil: Okabe–Ito by series index.
        public var colour: Colour?
        public init(name: String, points: [DataPoint], colour: Colour? = nil) {
            self.name = name
            self.points = points
            self.colour = colour
        }
    }

    /// How CIs are drawn.
    public enum Uncertainty: Sendable, Hashable {
        case none
        /// A translucent band between lower and upper (the series colour at 18 % opacity).
        case band
        /// Vertical whiskers with caps at each point.
        case errorBars
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var uncertainty: Uncertainty
    /// Tick positions on x (e.g. the sweep levels); nil: 1-2-5 ticks.
    public var xTicks: [Double]?
    /// Fixed y range (nil: data, CIs and the reference line, rounded out to nice ticks).
    public var yRange: ClosedRange<Double>?
    /// A dashed horizontal reference line (e.g. 0 change), nil for none.
    public var referenceY: Double?
    public var showMarkers: Bool
    /// With ``Uncertainty/errorBars``: horizontal offset in pixels between adjacent series, so that
    /// whiskers at the same x do not hide each other (0 = none).
    public var dodge: Double
    /// Figure size in pixels.
    public var width: Int
    public var height: Int
    public var theme: FigureTheme

    public init(title: String, xLabel: String, yLabel: String, series: [Series], uncertainty: Uncertainty = .band,
                xTicks: [Double]? = nil, yRange: ClosedRange<Double>? = nil, referenceY: Double? = nil,
                showMarkers: Bool = true, dodge: Double = 4, width: Int = 640, height: Int = 400, theme: FigureTheme = .standard) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.uncertainty = uncertainty
        self.xTicks = xTicks
        self.yRange = yRange
        self.referenceY = referenceY
        self.showMarkers = showMarkers
        self.dodge = dodge
        self.width = width
        self.height = height
        self.theme = theme
    }

    public var pixelSize: (width: Int, height: Int) { (max(1, width), max(1, height)) }

    private func colour(_ i: Int) -> Colour { series[i].colour ?? Palette.category(i) }

    public func render(to canvas: inout some Canvas) {
        let W = Double(pixelSize.width), H = Double(pixelSize.height)
        let top = ChartChrome.title(title, on: &canvas, theme: theme)
        let finitePoints = series.flatMap { s in s.points.filter { $0.x.isFinite && ChartChrome.finite($0.y) != nil } }

        // Legend column.
        let legend = series.enumerated().map { i, s in
            LegendEntry(label: s.name, colour: colour(i), key: .line(showMarkers ? MarkerShape.forSeries(i) : nil))
        }
        let maxLegendLabel = W * 0.28
        let legendLabelWidth = min(maxLegendLabel, legend.map { FigureFont.width(of: $0.label, size: theme.labelSize) }.max() ?? 0)
        let legendWidth = legend.count >= 1 && !finitePoints.isEmpty ? Legend.keyWidth + 5 + legendLabelWidth + 12 : 0

        // y scale first (its labels set the left margin).
        var ylo = Double.infinity, yhi = -Double.infinity
        for p in finitePoints {
            for v in [p.y, uncertainty == .none ? nil : p.lower, uncertainty == .none ? nil : p.upper] {
                if let v = ChartChrome.finite(v) { ylo = min(ylo, v); yhi = max(yhi, v) }
            }
        }
        if let r = referenceY, r.isFinite, ylo.isFinite { ylo = min(ylo, r); yhi = max(yhi, r) }
        if let yRange { ylo = yRange.lowerBound; yhi = yRange.upperBound }
        let bottomH = AxisDrawing.bottomHeight(hasTitle: !xLabel.isEmpty, theme: theme)
        let plotTop = top + 4
        let plotBottom = H - theme.margin - bottomH
        let yTicksWanted = max(4, min(9, Int((plotBottom - plotTop) / 40)))
        let (ya, yb) = yRange.map { ($0.lowerBound, $0.upperBound) } ?? NiceScale.paddedRange(minimum: ylo, maximum: yhi, padding: 0.04)
        let yScale = NiceScale(minimum: ya, maximum: yb, maxTicks: yTicksWanted)
        let yTicks = yScale.ticks(within: ya, yb)
        let yLabels = yTicks.map(yScale.label)
        let yLabelWidth = yLabels.map { FigureFont.width(of: $0, size: theme.tickSize) }.max() ?? 0
        let yTitleW = yLabel.isEmpty ? 0 : FigureFont.ascent(size: theme.labelSize) + FigureFont.descent(size: theme.labelSize) + 6
        let plotLeft = (theme.margin + yTitleW + yLabelWidth + AxisDrawing.tickLength + 4).rounded()
        let plotRight = (W - theme.margin - legendWidth).rounded()
        let plot = Rect(x: plotLeft, y: plotTop, width: max(20, plotRight - plotLeft), height: max(20, plotBottom - plotTop))

        if !yLabel.isEmpty {
            canvas.text(FigureFont.truncated(yLabel, size: theme.labelSize, maxWidth: plot.height),
                        at: Point(theme.margin, plot.midY),
                        style: TextStyle(size: theme.labelSize, anchor: .middle, baseline: .top, rotation: .vertical))
        }
        if !xLabel.isEmpty {
            canvas.text(FigureFont.truncated(xLabel, size: theme.labelSize, maxWidth: plot.width),
                        at: Point(plot.midX, H - theme.margin),
                        style: TextStyle(size: theme.labelSize, anchor: .middle, baseline: .bottom))
        }
        guard !finitePoints.isEmpty else {
            canvas.strokeRect(plot.inset(by: 0.5), style: StrokeStyle(colour: Palette.grid))
            ChartChrome.note("no data", in: plot, on: &canvas, theme: theme)
            return
        }

        // x scale.
        let xs = finitePoints.map(\.x) + (xTicks ?? []).filter(\.isFinite)
        let xlo = xs.min()!, xhi = xs.max()!
        let (xa, xb): (Double, Double) = xlo == xhi ? (xlo - 1, xhi + 1) : (xlo, xhi)
        let xScale = NiceScale(minimum: xa, maximum: xb, maxTicks: max(4, min(11, Int(plot.width / 60))))
        let inset = 8 + (uncertainty == .errorBars ? max(0, dodge) * Double(max(0, series.count - 1)) / 2 : 0)
        func pxBase(_ v: Double) -> Double { plot.minX + inset + (v - xa) / (xb - xa) * (plot.width - 2 * inset) }
        func px(_ v: Double) -> Double { pxBase(v) }
        func py(_ v: Double) -> Double {
            plot.maxY - inset - (min(yb, max(ya, v)) - ya) / (yb - ya) * (plot.height - 2 * inset)
        }
        let xt = xTicks?.filter(\.isFinite).sorted() ?? xScale.ticks(within: xa, xb)
        let xtLabels: [String] = {
            guard xTicks != nil else { return xt.map(xScale.label) }
            // Given levels: each with the fewest decimals (≤ 3) that write it exactly.
            return xt.map { v in
                var d = 0
                while d < 3 {
                    let m = v * pow(10, Double(d))
                    if abs(m.rounded() - m) < 1e-6 * max(1, abs(m)) { break }
                    d += 1
                }
                return NumberText.fixed(v, decimals: d)
            }
        }()
        // Thin out x labels that would overlap.
        var shownX: [Int] = []
        var lastRight = -Double.infinity
        for (i, v) in xt.enumerated() {
            let w = FigureFont.width(of: xtLabels[i], size: theme.tickSize)
            if px(v) - w / 2 >= lastRight + 6 {
                shownX.append(i)
                lastRight = px(v) + w / 2
            }
        }
        AxisDrawing.left(plot: plot, positions: yTicks.map(py), labels: yLabels, grid: true, theme: theme, on: &canvas)
        AxisDrawing.bottom(plot: plot, positions: shownX.map { px(xt[$0]) }, labels: shownX.map { xtLabels[$0] },
                           grid: true, theme: theme, on: &canvas)
        // Redraw the y axis line over the x grid.
        canvas.line(from: Point(AxisDrawing.crisp(plot.minX), plot.minY), to: Point(AxisDrawing.crisp(plot.minX), plot.maxY),
                    style: StrokeStyle(colour: Palette.axis))
        if let r = referenceY, r.isFinite, r >= ya, r <= yb {
            let y = AxisDrawing.crisp(py(r))
            canvas.line(from: Point(plot.minX + 1, y), to: Point(plot.maxX, y), style: StrokeStyle(colour: Palette.axis, dash: [4, 3]))
        }

        canvas.setClip(Rect(x: plot.minX + 1, y: plot.minY - 6, width: plot.width + 6, height: plot.height + 6))
        let order = Array(series.indices)
        for i in order {
            let s = series[i], c = colour(i)
            let pts = s.points.filter { $0.x.isFinite }.sorted { $0.x < $1.x }
            if uncertainty == .band {
                var run: [DataPoint] = []
                func flush() {
                    if run.count >= 2 {
                        let upper = run.map { Point(px($0.x), py($0.upper!)) }
                        let lower = run.reversed().map { Point(px($0.x), py($0.lower!)) }
                        canvas.fill(polygon: upper + lower, colour: c.withOpacity(0.18))
                    }
                    run = []
                }
                for p in pts {
                    if ChartChrome.finite(p.lower) != nil, ChartChrome.finite(p.upper) != nil { run.append(p) } else { flush() }
                }
                flush()
            }
        }
        for i in order {
            let s = series[i], c = colour(i)
            let pts = s.points.filter { $0.x.isFinite }.sorted { $0.x < $1.x }
            let shift = uncertainty == .errorBars ? (Double(i) - Double(series.count - 1) / 2) * dodge : 0
            func px(_ v: Double) -> Double { pxBase(v) + shift }
            var line: [Point] = []
            for p in pts {
                if let y = ChartChrome.finite(p.y) {
                    line.append(Point(px(p.x), py(y)))
                } else {
                    if line.count >= 2 { canvas.stroke(line, style: StrokeStyle(colour: c, width: 2)) }
                    line = []
                }
            }
            if line.count >= 2 { canvas.stroke(line, style: StrokeStyle(colour: c, width: 2)) }
            if uncertainty == .errorBars {
                for p in pts where ChartChrome.finite(p.y) != nil {
                    let lo = ChartChrome.finite(p.lower), hi = ChartChrome.finite(p.upper)
                    guard lo != nil || hi != nil else { continue }
                    let x = px(p.x), a = py(lo ?? p.y!), b = py(hi ?? p.y!)
                    let st = StrokeStyle(colour: c, width: 1.3)
                    canvas.line(from: Point(x, a), to: Point(x, b), style: st)
                    if lo != nil { canvas.line(from: Point(x - 3.5, a), to: Point(x + 3.5, a), style: st) }
                    if hi != nil { canvas.line(from: Point(x - 3.5, b), to: Point(x + 3.5, b), style: st) }
                }
            }
            if showMarkers {
                for p in pts {
                    if let y = ChartChrome.finite(p.y) {
                        MarkerShape.forSeries(i).draw(at: Point(px(p.x), py(y)), radius: 3.8, colour: c, on: &canvas)
                    }
                }
            }
        }
        canvas.setClip(nil)
        Legend.drawColumn(legend, x: plot.maxX + 12, top: plot.minY, labelWidth: legendLabelWidth,
                          size: theme.labelSize, on: &canvas)
    }
}
