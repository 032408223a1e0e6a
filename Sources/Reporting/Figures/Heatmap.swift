import Foundation

/// An annotated matrix: row and column labels, one coloured cell per value, optional value text
/// in each cell (black or white, whichever contrasts more), and a colour bar with ticks.
///
/// Layout (pixels): title on top; optional `yLabel` (rotated) at the far left; row labels
/// right-aligned left of the matrix; square cells of `cellSize`; column labels rotated 90° (reading
/// upwards) below the matrix, then `xLabel`; the colour bar (14 px wide, its label rotated) right
/// of the matrix, and below it an "n/a" key when any visible cell lacks a value. Labels are
/// truncated with "…" beyond `maxLabelWidth`; label text shrinks with the cells (11 px down to
/// 9 px), so a 44×44 matrix stays legible at its default 12 px cells.
///
/// Missing cells (nil, NaN, ±∞, or absent from a ragged row) are drawn grey with diagonal
/// hatching (and "n/a" when annotated) — never with the colour of 0. In ``Triangle/lower(includeDiagonal:)``
/// mode only cells with column < row (and the diagonal when included) are drawn, as for RSA or
/// correlation matrices.
public struct Heatmap: Figure {
    /// Which cells are drawn.
    public enum Triangle: Sendable, Hashable {
        case full
        case lower(includeDiagonal: Bool)
    }

    public var title: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// `values[row][column]`; nil or non-finite = n/a.
    public var values: [[Double?]]
    /// nil: ``ColourScale/automatic(for:)``.
    public var scale: ColourScale?
    /// Value text in each cell; nil: on when the cells are at least 20 px and the text fits.
    public var annotate: Bool?
    /// Decimals of the cell text (nil: 0 when every value is a whole number, else 2).
    public var decimals: Int?
    public var triangle: Triangle
    /// Title of the colour bar (rotated, right of it).
    public var colourBarLabel: String
    public var xLabel: String
    public var yLabel: String
    /// Cell edge in pixels; nil: from `width`/`height` when given, else 560 px / the larger dimension
    /// clamped to 12…48.
    public var cellSize: Double?
    /// Figure size in pixels; nil: fitted to the cells.
    public var width: Int?
    public var height: Int?
    public var maxLabelWidth: Double
    public var theme: FigureTheme

    public init(title: String, rowLabels: [String], columnLabels: [String], values: [[Double?]],
                scale: ColourScale? = nil, annotate: Bool? = nil, decimals: Int? = nil, triangle: Triangle = .full,
                colourBarLabel: String = "", xLabel: String = "", yLabel: String = "", cellSize: Double? = nil,
                width: Int? = nil, height: Int? = nil, maxLabelWidth: Double = 160, theme: FigureTheme = .standard) {
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.scale = scale
        self.annotate = annotate
        self.decimals = decimals
        self.triangle = triangle
        self.colourBarLabel = colourBarLabel
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.cellSize = cellSize
        self.width = width
        self.height = height
        self.maxLabelWidth = maxLabelWidth
        self.theme = theme
    }

    var rowCount: Int { max(values.count, rowLabels.count) }
    var columnCount: Int { max(values.map(\.count).max() ?? 0, columnLabels.count) }

    /// The value at (`row`, `column`) if it is a finite number.
    public func value(_ row: Int, _ column: Int) -> Double? {
        guard row < values.count, column < values[row].count else { return nil }
        return ChartChrome.finite(values[row][column])
    }

    func isVisible(_ r: Int, _ c: Int) -> Bool {
        switch triangle {
        case .full: true
        case .lower(let diag): c < r || (diag && c == r)
        }
    }

    var effectiveScale: ColourScale { scale ?? .automatic(for: values) }

    var cellDecimals: Int {
        if let decimals { return decimals }
        let finite = values.flatMap { $0 }.compactMap { $0 }.filter(\.isFinite)
        return finite.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 } ? 0 : 2
    }

    /// Computed geometry (pixels).
    struct Layout {
        var cell: Double
        var labelSize: Int
        var rowLabels: [String]
        var columnLabels: [String]
        var matrix: Rect
        var bar: Rect
        var barTicks: [Double]
        var barLabels: [String]
        var showMissingKey: Bool
        var annotationSize: Int?
        var size: (Int, Int)
        var top: Double
    }

    func layout() -> Layout {
        let rows = rowCount, cols = columnCount
        let m = theme.margin
        let titleH = title.isEmpty ? m : m + FigureFont.ascent(size: theme.titleSize) + FigureFont.descent(size: theme.titleSize) + 8
        let lineH = FigureFont.ascent(size: theme.labelSize) + FigureFont.descent(size: theme.labelSize)
        var missingKey = false
        for r in 0..<rows { for c in 0..<cols where isVisible(r, c) && value(r, c) == nil { missingKey = true } }
        let sc = effectiveScale

        func build(cell: Double) -> Layout {
            let ls = FigureFont.snappedSize(max(9, min(theme.tickSize, Int(cell * 0.8))))
            let rl = (0..<rows).map { FigureFont.truncated($0 < rowLabels.count ? rowLabels[$0] : "", size: ls, maxWidth: maxLabelWidth) }
            let cl = (0..<cols).map { FigureFont.truncated($0 < columnLabels.count ? columnLabels[$0] : "", size: ls, maxWidth: maxLabelWidth) }
            let rlw = rl.map { FigureFont.width(of: $0, size: ls) }.max() ?? 0
            let clh = cl.map { FigureFont.width(of: $0, size: ls) }.max() ?? 0
            let yTitleW = yLabel.isEmpty ? 0 : lineH + 6
            let mx = (m + yTitleW + rlw + 6).rounded(.up)
            let my = titleH.rounded(.up)
            let mw = Double(cols) * cell, mh = Double(rows) * cell
            let matrix = Rect(x: mx, y: my, width: mw, height: mh)
            let barH = max(120, min(mh, 360)).rounded()
            let bar = Rect(x: matrix.maxX + 16, y: my, width: 14, height: barH)
            let ticksWanted = max(3, min(7, Int(barH / 45)))
            let ns = NiceScale(minimum: sc.minimum, maximum: sc.maximum, maxTicks: ticksWanted)
            let lo = min(sc.minimum, sc.maximum), hi = max(sc.minimum, sc.maximum)
            let ticks = ns.ticks.filter { $0 >= lo - 1e-9 * max(1, abs(lo)) && $0 <= hi + 1e-9 * max(1, abs(hi)) }
            let tl = ticks.map(ns.label)
            let tw = tl.map { FigureFont.width(of: $0, size: theme.tickSize) }.max() ?? 0
            let barBlock = 16 + 14 + 4 + 3 + tw + (colourBarLabel.isEmpty ? 0 : 8 + lineH)
            let missingW = missingKey ? 16 + 14 + 6 + FigureFont.width(of: "n/a", size: theme.tickSize) : 0
            let w = matrix.maxX + max(barBlock, missingW) + m
            var hMatrix = matrix.maxY + 4 + clh + (xLabel.isEmpty ? 0 : 8 + lineH)
            hMatrix = max(hMatrix, bar.maxY + (missingKey ? 30 : 0) + 8)
            // Annotation size.
            var ann: Int? = nil
            let texts = (0..<rows).flatMap { r in (0..<cols).compactMap { c in value(r, c) } }.map { NumberText.fixed($0, decimals: cellDecimals) } + ["n/a"]
            let widest = texts.max { FigureFont.width(of: $0, size: 9) < FigureFont.width(of: $1, size: 9) } ?? "n/a"
            var size = FigureFont.snappedSize(min(theme.tickSize, max(9, Int(cell * 0.4))))
            while size > 9 && FigureFont.width(of: widest, size: size) > cell - 4 {
                size = FigureFont.availableSizes.last { $0 < size } ?? 9
            }
            let fits = FigureFont.width(of: widest, size: size) <= cell - 4 && Double(size) <= cell - 4
            switch annotate {
            case .some(true): ann = size
            case .some(false): ann = nil
            case .none: ann = cell >= 20 && fits ? size : nil
            }
            return Layout(cell: cell, labelSize: ls, rowLabels: rl, columnLabels: cl, matrix: matrix, bar: bar,
                          barTicks: ticks, barLabels: tl, showMissingKey: missingKey, annotationSize: ann,
                          size: (Int(w.rounded(.up)), Int((hMatrix + m).rounded(.up))), top: titleH)
        }

        let longest = Double(max(1, max(rows, cols)))
        var cell = cellSize ?? min(48, max(12, (560 / longest).rounded(.down)))
        if cellSize == nil, width != nil || height != nil {
            // Fit: size the chrome with a first guess, then give the rest to the cells.
            for _ in 0..<3 {
                let l = build(cell: cell)
                let chromeW = Double(l.size.0) - l.matrix.width, chromeH = Double(l.size.1) - max(l.matrix.height, 0)
                var c = 1000.0
                if let width { c = min(c, (Double(width) - chromeW) / Double(max(1, cols))) }
                if let height {
                    let extra = max(0, l.bar.maxY - l.matrix.maxY)
                    c = min(c, (Double(height) - chromeH + extra) / Double(max(1, rows)))
                }
                cell = max(4, c.rounded(.down))
            }
        }
        var l = build(cell: max(1, cell))
        if let width { l.size.0 = width }
        if let height { l.size.1 = height }
        return l
    }

    public var pixelSize: (width: Int, height: Int) {
        if rowCount == 0 || columnCount == 0 { return (width ?? 480, height ?? 320) }
        let s = layout().size
        return (max(1, s.0), max(1, s.1))
    }

    public func render(to canvas: inout some Canvas) {
        let top = ChartChrome.title(title, on: &canvas, theme: theme)
        let rows = rowCount, cols = columnCount
        guard rows > 0, cols > 0 else {
            let r = Rect(x: theme.margin, y: top, width: Double(canvas.width) - 2 * theme.margin,
                         height: max(20, Double(canvas.height) - top - theme.margin))
            ChartChrome.note("no data", in: r, on: &canvas, theme: theme)
            return
        }
        let l = layout()
        let sc = effectiveScale
        let cell = l.cell
        for r in 0..<rows {
            for c in 0..<cols where isVisible(r, c) {
                let rect = Rect(x: l.matrix.x + Double(c) * cell, y: l.matrix.y + Double(r) * cell, width: cell, height: cell)
                if let v = value(r, c), let colour = sc.colour(v) {
                    canvas.fill(rect, colour: colour)
                    if let size = l.annotationSize {
                        canvas.text(NumberText.fixed(v, decimals: cellDecimals), at: Point(rect.midX, rect.midY),
                                    style: TextStyle(size: size, colour: colour.contrastingText, anchor: .middle, baseline: .middle))
                    }
                } else {
                    ChartChrome.missingCell(rect, on: &canvas)
                    if let size = l.annotationSize {
                        canvas.text("n/a", at: Point(rect.midX, rect.midY),
                                    style: TextStyle(size: size, colour: Colour(hex: 0x3C3C3C), anchor: .middle, baseline: .middle))
                    }
                }
            }
        }
        // Thin white separators on larger cells.
        if cell >= 20 {
            let sep = StrokeStyle(colour: .white, width: 1)
            for r in 0..<rows {
                for c in 0..<cols where isVisible(r, c) {
                    let x = l.matrix.x + Double(c) * cell, y = l.matrix.y + Double(r) * cell
                    canvas.strokeRect(Rect(x: x, y: y, width: cell, height: cell), style: sep)
                }
            }
        }
        let ls = l.labelSize
        for r in 0..<rows {
            canvas.text(l.rowLabels[r], at: Point(l.matrix.minX - 5, l.matrix.y + (Double(r) + 0.5) * cell),
                        style: TextStyle(size: ls, anchor: .end, baseline: .middle))
        }
        for c in 0..<cols {
            canvas.text(l.columnLabels[c], at: Point(l.matrix.x + (Double(c) + 0.5) * cell, l.matrix.maxY + 5),
                        style: TextStyle(size: ls, anchor: .end, baseline: .middle, rotation: .vertical))
        }
        if !yLabel.isEmpty {
            canvas.text(FigureFont.truncated(yLabel, size: theme.labelSize, maxWidth: max(40, l.matrix.height)),
                        at: Point(theme.margin, l.matrix.midY),
                        style: TextStyle(size: theme.labelSize, anchor: .middle, baseline: .top, rotation: .vertical))
        }
        if !xLabel.isEmpty {
            let clh = l.columnLabels.map { FigureFont.width(of: $0, size: ls) }.max() ?? 0
            canvas.text(FigureFont.truncated(xLabel, size: theme.labelSize, maxWidth: max(40, l.matrix.width + l.matrix.minX - theme.margin)),
                        at: Point(l.matrix.midX, l.matrix.maxY + 4 + clh + 8),
                        style: TextStyle(size: theme.labelSize, anchor: .middle, baseline: .top))
        }
        // Colour bar.
        let bar = l.bar
        canvas.fillGradient(bar, stops: sc.stops, vertical: true)
        canvas.strokeRect(bar.inset(by: -0.5), style: StrokeStyle(colour: Palette.axis, width: 1))
        let lo = sc.minimum, hi = sc.maximum
        var labelRight = bar.maxX
        for (t, label) in zip(l.barTicks, l.barLabels) {
            let y = hi > lo ? bar.maxY - (t - lo) / (hi - lo) * bar.height : bar.midY
            let cy = AxisDrawing.crisp(min(bar.maxY - 0.5, max(bar.minY, y)))
            canvas.line(from: Point(bar.maxX, cy), to: Point(bar.maxX + 4, cy), style: StrokeStyle(colour: Palette.axis))
            canvas.text(label, at: Point(bar.maxX + 7, cy), style: TextStyle(size: theme.tickSize, baseline: .middle))
            labelRight = max(labelRight, bar.maxX + 7 + FigureFont.width(of: label, size: theme.tickSize))
        }
        if !colourBarLabel.isEmpty {
            canvas.text(FigureFont.truncated(colourBarLabel, size: theme.labelSize, maxWidth: max(60, bar.height + 40)),
                        at: Point(labelRight + 6, bar.midY),
                        style: TextStyle(size: theme.labelSize, anchor: .middle, baseline: .top, rotation: .vertical))
        }
        if l.showMissingKey {
            let key = Rect(x: bar.minX, y: bar.maxY + 12, width: 14, height: 14)
            ChartChrome.missingCell(key, on: &canvas)
            canvas.text("n/a", at: Point(key.maxX + 6, key.midY), style: TextStyle(size: theme.tickSize, baseline: .middle))
        }
    }
}
