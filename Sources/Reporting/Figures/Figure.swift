import Foundation
import Imaging

/// A chart that draws itself onto any ``Canvas``; PNG and SVG come from the same drawing commands.
///
/// Rendering is deterministic: the same value gives byte-identical PNG and SVG.
public protocol Figure: Sendable {
    /// Figure size in pixels (width, height).
    var pixelSize: (width: Int, height: Int) { get }
    /// Draws the figure (background already painted) onto `canvas`, which is `pixelSize` large.
    func render(to canvas: inout some Canvas)
}

extension Figure {
    /// The figure as an RGB image.
    public func rasterImage() -> Image {
        let s = pixelSize
        var canvas = RasterCanvas(width: s.width, height: s.height)
        render(to: &canvas)
        return canvas.image()
    }

    /// The figure as PNG bytes (8-bit RGB).
    public func pngData() throws(ImageError) -> Data {
        Data(try ImageEncoder.png(rasterImage(), compression: 9))
    }

    /// The figure as an SVG document.
    public func svgString() -> String {
        let s = pixelSize
        var canvas = SVGCanvas(width: s.width, height: s.height)
        render(to: &canvas)
        return canvas.document()
    }

    /// Writes `<basePath>.png` and `<basePath>.svg` (atomically, via `AtomicFile`).
    public func write(basePath: String) throws(ImageError) {
        try AtomicFile.write([UInt8](try pngData()), to: basePath + ".png")
        try AtomicFile.write(Array(svgString().utf8), to: basePath + ".svg")
    }
}

/// Text sizes (pixels) and spacing shared by all charts.
public struct FigureTheme: Sendable, Hashable {
    /// Figure title.
    public var titleSize: Int = 14
    /// Axis titles and legend entries.
    public var labelSize: Int = 12
    /// Tick labels and row/column labels.
    public var tickSize: Int = 11
    /// In-cell values and notes.
    public var annotationSize: Int = 10
    /// Outer margin in pixels.
    public var margin: Double = 12

    public init() {}
    public static let standard = FigureTheme()
}

/// Drawing helpers shared by the charts.
enum ChartChrome {
    /// Draws the title centred at the top; returns the y below it.
    static func title<C: Canvas>(_ title: String, on canvas: inout C, theme: FigureTheme) -> Double {
        guard !title.isEmpty else { return theme.margin }
        let t = FigureFont.truncated(title, size: theme.titleSize, maxWidth: Double(canvas.width) - 2 * theme.margin)
        canvas.text(t, at: Point(Double(canvas.width) / 2, theme.margin),
                    style: TextStyle(size: theme.titleSize, anchor: .middle, baseline: .top))
        return theme.margin + FigureFont.ascent(size: theme.titleSize) + FigureFont.descent(size: theme.titleSize) + 8
    }

    /// A grey centred note (e.g. "no data") in `rect`.
    static func note<C: Canvas>(_ text: String, in rect: Rect, on canvas: inout C, theme: FigureTheme) {
        canvas.text(FigureFont.truncated(text, size: theme.labelSize, maxWidth: max(10, rect.width)),
                    at: Point(rect.midX, rect.midY),
                    style: TextStyle(size: theme.labelSize, colour: Palette.mutedText, anchor: .middle, baseline: .middle))
    }

    /// Diagonal hatch segments (45°, spacing in pixels) clipped analytically to `rect`.
    static func hatch(_ rect: Rect, spacing: Double) -> [[Point]] {
        var out: [[Point]] = []
        guard rect.width > 0, rect.height > 0, spacing > 0 else { return out }
        // Lines x − y = k (down-right), for k from −height to width.
        var k = -rect.height + spacing / 2
        while k < rect.width {
            // Intersect x − y = k (local coords) with [0,w]×[0,h].
            let x0 = max(0, k), y0 = x0 - k
            let x1 = min(rect.width, k + rect.height), y1 = x1 - k
            if x1 > x0 { out.append([Point(rect.x + x0, rect.y + y0), Point(rect.x + x1, rect.y + y1)]) }
            k += spacing
        }
        return out
    }

    /// The n/a pattern: grey fill with darker hatching.
    static func missingCell<C: Canvas>(_ rect: Rect, on canvas: inout C) {
        canvas.fill(rect, colour: Palette.missing)
        let spacing = max(4, min(8, min(rect.width, rect.height) / 3))
        for seg in hatch(rect, spacing: spacing) {
            canvas.stroke(seg, style: StrokeStyle(colour: Palette.missingHatch, width: 0.8))
        }
    }

    /// Whether `v` is a usable number.
    static func finite(_ v: Double?) -> Double? {
        guard let v, v.isFinite else { return nil }
        return v
    }
}
