/// Axis lines, ticks, tick labels and grid lines for charts with a rectangular plot area.
enum AxisDrawing {
    static let tickLength = 4.0

    /// Pixel-snapped coordinate for a 1-pixel line (centre of a pixel).
    static func crisp(_ v: Double) -> Double { v.rounded(.down) + 0.5 }

    /// Bottom x axis under `plot`: grid lines (if `grid`), axis line, ticks and labels at
    /// `positions` (pixel x) with `labels`.
    static func bottom<C: Canvas>(plot: Rect, positions: [Double], labels: [String], grid: Bool,
                                  theme: FigureTheme, on canvas: inout C) {
        let axisY = crisp(plot.maxY)
        for x in positions {
            let cx = crisp(x)
            if grid {
                canvas.line(from: Point(cx, plot.minY), to: Point(cx, plot.maxY), style: StrokeStyle(colour: Palette.grid))
            }
        }
        canvas.line(from: Point(plot.minX, axisY), to: Point(plot.maxX, axisY), style: StrokeStyle(colour: Palette.axis))
        for (x, label) in zip(positions, labels) {
            let cx = crisp(x)
            canvas.line(from: Point(cx, axisY), to: Point(cx, axisY + tickLength), style: StrokeStyle(colour: Palette.axis))
            canvas.text(label, at: Point(cx, axisY + tickLength + 2),
                        style: TextStyle(size: theme.tickSize, anchor: .middle, baseline: .top))
        }
    }

    /// Left y axis beside `plot`: grid lines, axis line, ticks and right-aligned labels.
    static func left<C: Canvas>(plot: Rect, positions: [Double], labels: [String], grid: Bool,
                                theme: FigureTheme, on canvas: inout C) {
        let axisX = crisp(plot.minX)
        for y in positions where grid {
            let cy = crisp(y)
            canvas.line(from: Point(plot.minX, cy), to: Point(plot.maxX, cy), style: StrokeStyle(colour: Palette.grid))
        }
        canvas.line(from: Point(axisX, plot.minY), to: Point(axisX, plot.maxY), style: StrokeStyle(colour: Palette.axis))
        for (y, label) in zip(positions, labels) {
            let cy = crisp(y)
            canvas.line(from: Point(axisX - tickLength, cy), to: Point(axisX, cy), style: StrokeStyle(colour: Palette.axis))
            canvas.text(label, at: Point(axisX - tickLength - 3, cy),
                        style: TextStyle(size: theme.tickSize, anchor: .end, baseline: .middle))
        }
    }

    /// Height in pixels taken below the plot by tick labels (and the axis title when present).
    static func bottomHeight(hasTitle: Bool, theme: FigureTheme) -> Double {
        var h = tickLength + 2 + FigureFont.ascent(size: theme.tickSize) + FigureFont.descent(size: theme.tickSize)
        if hasTitle { h += 6 + FigureFont.ascent(size: theme.labelSize) + FigureFont.descent(size: theme.labelSize) }
        return h
    }
}
