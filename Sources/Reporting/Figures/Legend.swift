/// A legend entry: label, colour and how the key is drawn.
struct LegendEntry: Sendable {
    enum Key: Sendable { case swatch, line(MarkerShape?), marker(MarkerShape) }
    var label: String
    var colour: Colour
    var key: Key
}

/// Legends laid out in rows (wrapping at a width) or in one column.
enum Legend {
    static let keyWidth = 22.0
    static let gap = 16.0

    /// Height in pixels of a row-wrapped legend of `entries` within `maxWidth`.
    static func rowsHeight(_ entries: [LegendEntry], maxWidth: Double, size: Int) -> Double {
        Double(rowLayout(entries, maxWidth: maxWidth, size: size).count) * lineHeight(size)
    }

    static func lineHeight(_ size: Int) -> Double { Double(size) + 7 }

    static func entryWidth(_ e: LegendEntry, size: Int, maxLabel: Double) -> Double {
        keyWidth + 5 + min(maxLabel, FigureFont.width(of: e.label, size: size))
    }

    /// Entries grouped into rows that fit `maxWidth`.
    static func rowLayout(_ entries: [LegendEntry], maxWidth: Double, size: Int) -> [[LegendEntry]] {
        var rows: [[LegendEntry]] = []
        var current: [LegendEntry] = []
        var w = 0.0
        for e in entries {
            let ew = entryWidth(e, size: size, maxLabel: maxWidth - keyWidth - 5)
            if !current.isEmpty && w + gap + ew > maxWidth {
                rows.append(current)
                current = []
                w = 0
            }
            w += (current.isEmpty ? 0 : gap) + ew
            current.append(e)
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// Draws a row-wrapped legend centred in `x…x+maxWidth` starting at `top`.
    static func drawRows<C: Canvas>(_ entries: [LegendEntry], x: Double, top: Double, maxWidth: Double,
                                    size: Int, on canvas: inout C) {
        let rows = rowLayout(entries, maxWidth: maxWidth, size: size)
        for (r, row) in rows.enumerated() {
            let widths = row.map { entryWidth($0, size: size, maxLabel: maxWidth - keyWidth - 5) }
            let total = widths.reduce(0, +) + gap * Double(row.count - 1)
            var cx = (x + (maxWidth - total) / 2).rounded()
            let cy = top + Double(r) * lineHeight(size) + lineHeight(size) / 2
            for (e, w) in zip(row, widths) {
                drawEntry(e, x: cx, centreY: cy, labelWidth: w - keyWidth - 5, size: size, on: &canvas)
                cx += w + gap
            }
        }
    }

    /// Draws entries one per line starting at (`x`, `top`), labels truncated to `labelWidth`.
    static func drawColumn<C: Canvas>(_ entries: [LegendEntry], x: Double, top: Double, labelWidth: Double,
                                      size: Int, on canvas: inout C) {
        for (i, e) in entries.enumerated() {
            let cy = top + Double(i) * lineHeight(size) + lineHeight(size) / 2
            drawEntry(e, x: x, centreY: cy, labelWidth: labelWidth, size: size, on: &canvas)
        }
    }

    static func drawEntry<C: Canvas>(_ e: LegendEntry, x: Double, centreY cy: Double, labelWidth: Double,
                                     size: Int, on canvas: inout C) {
        let mid = Point(x + keyWidth / 2, cy)
        switch e.key {
        case .swatch:
            canvas.fill(Rect(x: x + 5, y: (cy - 5).rounded(), width: 12, height: 10), colour: e.colour)
        case .line(let marker):
            canvas.line(from: Point(x, cy), to: Point(x + keyWidth, cy), style: StrokeStyle(colour: e.colour, width: 2))
            marker?.draw(at: mid, radius: 3.5, colour: e.colour, on: &canvas)
        case .marker(let m):
            m.draw(at: mid, radius: 4, colour: e.colour, on: &canvas)
        }
        canvas.text(FigureFont.truncated(e.label, size: size, maxWidth: labelWidth), at: Point(x + keyWidth + 5, cy),
                    style: TextStyle(size: size, baseline: .middle))
    }
}
