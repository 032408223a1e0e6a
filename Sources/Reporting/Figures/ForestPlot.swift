/// Effect sizes with confidence intervals, one row per condition (a forest plot), drawn either as
/// points with whiskers or as horizontal bars from the reference value with whiskers.
///
/// Layout (pixels): title on top; a legend row when rows carry two or more groups; row labels in a
/// left column (right-aligned, truncated with "…" beyond `maxLabelWidth`); the plot area with a
/// dashed reference line (default 0) and light vertical grid lines at the x ticks; an optional
/// right column with "estimate [lower, upper]"; the x axis with 1-2-5 ticks and `xLabel` below.
/// Rows without a finite estimate show a grey "n/a" at the reference line — never a zero bar.
/// A missing or non-finite CI bound leaves out that whisker side.
public struct ForestPlot: Figure {
    /// One condition: label, estimate and CI (nil or non-finite = not available), and an optional
    /// group (e.g. the CAM method) that picks the colour.
    public struct Row: Sendable, Hashable {
        public var label: String
        public var estimate: Double?
        public var lower: Double?
        public var upper: Double?
        public var group: String?
        public init(label: String, estimate: Double?, lower: Double? = nil, upper: Double? = nil, group: String? = nil) {
            self.label = label
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
            self.group = group
        }
    }

    /// Point markers with whiskers, or bars from the reference value with whiskers.
    public enum Style: Sendable, Hashable { case points, bars }

    public var title: String
    public var xLabel: String
    public var rows: [Row]
    public var style: Style
    /// Where the dashed "no effect" line is drawn and where bars start.
    public var referenceValue: Double
    /// Fixed x range (nil: from the data and the reference value, rounded out to nice ticks).
    public var xRange: ClosedRange<Double>?
    /// Adds a right-hand column "0.42 [0.10, 0.71]".
    public var showValues: Bool
    /// Decimals in the value column.
    public var decimals: Int
    /// Figure width in pixels.
    public var width: Int
    /// Figure height in pixels (nil: fits the rows at `rowHeight`).
    public var height: Int?
    /// Row pitch in pixels when the height is automatic.
    public var rowHeight: Double
    /// Row labels longer than this (pixels) are truncated with "…".
    public var maxLabelWidth: Double
    /// Colours by group in order of first appearance (nil: Okabe–Ito).
    public var groupColours: [Colour]?
    public var theme: FigureTheme

    public init(title: String, xLabel: String, rows: [Row], style: Style = .points, referenceValue: Double = 0,
                xRange: ClosedRange<Double>? = nil, showValues: Bool = true, decimals: Int = 2, width: Int = 640,
                height: Int? = nil, rowHeight: Double = 22, maxLabelWidth: Double = 200,
                groupColours: [Colour]? = nil, theme: FigureTheme = .standard) {
        self.title = title
        self.xLabel = xLabel
        self.rows = rows
        self.style = style
        self.referenceValue = referenceValue
        self.xRange = xRange
        self.showValues = showValues
        self.decimals = decimals
        self.width = width
        self.height = height
        self.rowHeight = rowHeight
        self.maxLabelWidth = maxLabelWidth
        self.groupColours = groupColours
        self.theme = theme
    }

    private var groups: [String] {
        var seen: [String] = []
        for r in rows { if let g = r.group, !seen.contains(g) { seen.append(g) } }
        return seen
    }

    private func colour(for group: String?) -> Colour {
        guard let group, let i = groups.firstIndex(of: group) else { return Palette.category(0) }
        if let c = groupColours, !c.isEmpty { return c[i % c.count] }
        return Palette.category(i)
    }

    private var legendEntries: [LegendEntry] {
        let g = groups
        guard g.count >= 2 else { return [] }
        return g.map { LegendEntry(label: $0, colour: colour(for: $0), key: style == .bars ? .swatch : .marker(.square)) }
    }

    private func valueText(_ r: Row) -> String {
        guard let e = ChartChrome.finite(r.estimate) else { return "n/a" }
        var s = NumberText.fixed(e, decimals: decimals)
        let lo = ChartChrome.finite(r.lower), hi = ChartChrome.finite(r.upper)
        if lo != nil || hi != nil {
            s += " [" + (lo.map { NumberText.fixed($0, decimals: decimals) } ?? "n/a") + ", "
                + (hi.map { NumberText.fixed($0, decimals: decimals) } ?? "n/a") + "]"
        }
        return s
    }

    private var headerHeight: Double {
        var h = theme.margin + (title.isEmpty ? 0 : FigureFont.ascent(size: theme.titleSize) + FigureFont.descent(size: theme.titleSize) + 8)
        let entries = legendEntries
        if !entries.isEmpty {
            h += Legend.rowsHeight(entries, maxWidth: Double(width) - 2 * theme.margin, size: theme.labelSize) + 4
        }
        return h
    }

    public var pixelSize: (width: Int, height: Int) {
        if let height { return (max(1, width), max(1, height)) }
        let body = rows.isEmpty ? 80 : max(3 * rowHeight, Double(rows.count) * rowHeight) + 6
        let h = headerHeight + body + AxisDrawing.bottomHeight(hasTitle: !xLabel.isEmpty, theme: theme) + theme.margin
        return (max(1, width), Int(h.rounded(.up)))
    }

    public func render(to canvas: inout some Canvas) {
        let size = pixelSize
        let W = Double(size.width), H = Double(size.height)
        let top = ChartChrome.title(title, on: &canvas, theme: theme)
        let entries = legendEntries
        var plotTop = top
        if !entries.isEmpty {
            Legend.drawRows(entries, x: theme.margin, top: top, maxWidth: W - 2 * theme.margin, size: theme.labelSize, on: &canvas)
            plotTop = headerHeight
        }
        let bottom = H - theme.margin - AxisDrawing.bottomHeight(hasTitle: !xLabel.isEmpty, theme: theme)
        guard !rows.isEmpty else {
            let r = Rect(x: theme.margin, y: plotTop, width: W - 2 * theme.margin, height: max(20, bottom - plotTop))
            canvas.strokeRect(r.inset(by: 0.5), style: StrokeStyle(colour: Palette.grid))
            ChartChrome.note("no data", in: r, on: &canvas, theme: theme)
            return
        }
        // Row text shrinks (down to 9 px) when a fixed height packs the rows tightly.
        let pitchGuess = (bottom - plotTop - 6) / Double(rows.count)
        let tick = FigureFont.snappedSize(max(9, min(theme.tickSize, Int(pitchGuess * 0.85))))
        let labels = rows.map { FigureFont.truncated($0.label, size: tick, maxWidth: maxLabelWidth) }
        let labelColumn = min(maxLabelWidth, labels.map { FigureFont.width(of: $0, size: tick) }.max() ?? 0)
        let values = rows.map(valueText)
        let valueColumn = showValues ? (values.map { FigureFont.width(of: $0, size: tick) }.max() ?? 0) + 12 : 0
        let plot = Rect(x: (theme.margin + labelColumn + 10).rounded(), y: plotTop,
                        width: max(40, (W - theme.margin - valueColumn - 8).rounded() - (theme.margin + labelColumn + 10).rounded()),
                        height: max(10, bottom - plotTop))

        // x scale.
        var lo = referenceValue, hi = referenceValue
        for r in rows {
            for v in [r.estimate, r.lower, r.upper] {
                if let v = ChartChrome.finite(v) { lo = min(lo, v); hi = max(hi, v) }
            }
        }
        if let xRange { lo = xRange.lowerBound; hi = xRange.upperBound }
        let maxTicks = max(3, min(9, Int(plot.width / 50)))
        let (xa, xb) = xRange.map { ($0.lowerBound, $0.upperBound) } ?? NiceScale.paddedRange(minimum: lo, maximum: hi, padding: 0.06)
        let scale = NiceScale(minimum: xa, maximum: xb, maxTicks: maxTicks)
        func px(_ v: Double) -> Double { plot.minX + (min(xb, max(xa, v)) - xa) / (xb - xa) * plot.width }
        let ticks = scale.ticks(within: xa, xb)
        AxisDrawing.bottom(plot: plot, positions: ticks.map(px), labels: ticks.map(scale.label), grid: true,
                           theme: theme, on: &canvas)
        if !xLabel.isEmpty {
            canvas.text(FigureFont.truncated(xLabel, size: theme.labelSize, maxWidth: plot.width + labelColumn),
                        at: Point(plot.midX, H - theme.margin),
                        style: TextStyle(size: theme.labelSize, anchor: .middle, baseline: .bottom))
        }
        let refInRange = referenceValue >= xa && referenceValue <= xb
        let refX = AxisDrawing.crisp(px(referenceValue))
        if refInRange {
            canvas.line(from: Point(refX, plot.minY), to: Point(refX, plot.maxY),
                        style: StrokeStyle(colour: Palette.axis, width: 1, dash: [4, 3]))
        }

        let pitch = (plot.height - 6) / Double(rows.count)
        let whisker = Palette.axis
        canvas.setClip(Rect(x: plot.minX - 6, y: plot.minY, width: plot.width + 12, height: plot.height))
        for (i, r) in rows.enumerated() {
            let cy = (plot.minY + 3 + (Double(i) + 0.5) * pitch).rounded() + 0.5
            let c = colour(for: r.group)
            guard let e = ChartChrome.finite(r.estimate) else {
                let w = FigureFont.width(of: "n/a", size: tick)
                let at = refInRange ? refX : plot.midX
                canvas.fill(Rect(x: (at - w / 2 - 3).rounded(), y: (cy - pitch / 2 + 2).rounded(), width: (w + 6).rounded(),
                                 height: max(4, (pitch - 4).rounded())), colour: .white)
                canvas.text("n/a", at: Point(refInRange ? refX : plot.midX, cy),
                            style: TextStyle(size: tick, colour: Palette.mutedText, anchor: .middle, baseline: .middle))
                continue
            }
            let barH = max(4, min(16, pitch * 0.62))
            if style == .bars {
                let a = px(referenceValue), b = px(e)
                canvas.fill(Rect(x: min(a, b), y: (cy - barH / 2).rounded(), width: max(1, abs(b - a)), height: barH.rounded()),
                            colour: c)
            }
            let lo = ChartChrome.finite(r.lower), hi = ChartChrome.finite(r.upper)
            let capH = min(8, barH * 0.6)
            let ws = StrokeStyle(colour: style == .bars ? whisker : c, width: 1.5)
            if lo != nil || hi != nil {
                let a = px(lo ?? e), b = px(hi ?? e)
                canvas.line(from: Point(a, cy), to: Point(b, cy), style: ws)
                if lo != nil { canvas.line(from: Point(a, cy - capH / 2), to: Point(a, cy + capH / 2), style: ws) }
                if hi != nil { canvas.line(from: Point(b, cy - capH / 2), to: Point(b, cy + capH / 2), style: ws) }
            }
            if style == .points {
                MarkerShape.square.draw(at: Point(px(e), cy), radius: max(3, min(5, pitch * 0.22)), colour: c, on: &canvas)
            }
        }
        canvas.setClip(nil)
        for (i, r) in rows.enumerated() {
            let cy = (plot.minY + 3 + (Double(i) + 0.5) * pitch).rounded() + 0.5
            let na = ChartChrome.finite(r.estimate) == nil
            canvas.text(labels[i], at: Point(plot.minX - 10, cy),
                        style: TextStyle(size: tick, colour: na ? Palette.mutedText : Palette.text, anchor: .end, baseline: .middle))
            if showValues {
                canvas.text(values[i], at: Point(W - theme.margin, cy),
                            style: TextStyle(size: tick, colour: na ? Palette.mutedText : Palette.text, anchor: .end, baseline: .middle))
            }
        }
    }
}
