import Imaging

/// Tiles of images (e.g. original vs modified, CAM overlays per method) with row and column captions.
///
/// Layout (pixels): title on top; column captions centred above each column (truncated to the tile
/// width); row captions right-aligned in a left column (truncated beyond `maxLabelWidth`); tiles of
/// `tileSize × tileSize` separated by `spacing`. Each image is scaled (Pillow bicubic, via Imaging)
/// to fit its tile with its aspect ratio kept and centred on a light grey tile. A nil image is a
/// hatched grey "n/a" tile. In SVG each tile is an `<image>` with a `data:image/png;base64` URI
/// holding exactly the pixels of the PNG.
public struct ImageGrid: Figure {
    public var title: String
    /// `images[row][column]` (RGB, RGBA, grey); nil = n/a.
    public var images: [[Image?]]
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Tile edge in pixels.
    public var tileSize: Int
    /// Gap between tiles in pixels.
    public var spacing: Double
    public var maxLabelWidth: Double
    public var theme: FigureTheme

    public init(title: String, images: [[Image?]], rowLabels: [String] = [], columnLabels: [String] = [],
                tileSize: Int = 128, spacing: Double = 6, maxLabelWidth: Double = 160, theme: FigureTheme = .standard) {
        self.title = title
        self.images = images
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.tileSize = tileSize
        self.spacing = spacing
        self.maxLabelWidth = maxLabelWidth
        self.theme = theme
    }

    var rowCount: Int { max(images.count, rowLabels.count) }
    var columnCount: Int { max(images.map(\.count).max() ?? 0, columnLabels.count) }

    private var labels: (rows: [String], rowWidth: Double, columns: [String]) {
        let size = theme.labelSize
        let rl = (0..<rowCount).map { FigureFont.truncated($0 < rowLabels.count ? rowLabels[$0] : "", size: size, maxWidth: maxLabelWidth) }
        let cl = (0..<columnCount).map {
            FigureFont.truncated($0 < columnLabels.count ? columnLabels[$0] : "", size: size, maxWidth: Double(tileSize) + spacing - 2)
        }
        return (rl, rl.map { FigureFont.width(of: $0, size: size) }.max() ?? 0, cl)
    }

    private var titleHeight: Double {
        title.isEmpty ? theme.margin : theme.margin + FigureFont.ascent(size: theme.titleSize) + FigureFont.descent(size: theme.titleSize) + 8
    }

    private var captionHeight: Double {
        labels.columns.contains { !$0.isEmpty } ? FigureFont.ascent(size: theme.labelSize) + FigureFont.descent(size: theme.labelSize) + 6 : 0
    }

    private var origin: Point {
        let rw = labels.rowWidth
        return Point((theme.margin + (rw > 0 ? rw + 8 : 0)).rounded(.up), (titleHeight + captionHeight).rounded(.up))
    }

    public var pixelSize: (width: Int, height: Int) {
        if rowCount == 0 || columnCount == 0 { return (max(320, Int(FigureFont.width(of: title, size: theme.titleSize) + 2 * theme.margin)), 160) }
        let o = origin
        let t = Double(max(1, tileSize))
        let w = o.x + Double(columnCount) * t + Double(columnCount - 1) * spacing + theme.margin
        let titleW = FigureFont.width(of: title, size: theme.titleSize) + 2 * theme.margin
        let h = o.y + Double(rowCount) * t + Double(rowCount - 1) * spacing + theme.margin
        return (Int(max(w, min(titleW, 1200)).rounded(.up)), Int(h.rounded(.up)))
    }

    public func render(to canvas: inout some Canvas) {
        let top = ChartChrome.title(title, on: &canvas, theme: theme)
        guard rowCount > 0, columnCount > 0 else {
            ChartChrome.note("no data", in: Rect(x: theme.margin, y: top, width: Double(canvas.width) - 2 * theme.margin,
                                                 height: max(20, Double(canvas.height) - top - theme.margin)),
                             on: &canvas, theme: theme)
            return
        }
        let (rl, _, cl) = labels
        let o = origin
        let t = Double(max(1, tileSize))
        for c in 0..<columnCount where !cl[c].isEmpty {
            canvas.text(cl[c], at: Point(o.x + Double(c) * (t + spacing) + t / 2, o.y - 5),
                        style: TextStyle(size: theme.labelSize, anchor: .middle, baseline: .bottom))
        }
        for r in 0..<rowCount {
            let y = o.y + Double(r) * (t + spacing)
            if !rl[r].isEmpty {
                canvas.text(rl[r], at: Point(o.x - 8, y + t / 2), style: TextStyle(size: theme.labelSize, anchor: .end, baseline: .middle))
            }
            for c in 0..<columnCount {
                let tile = Rect(x: o.x + Double(c) * (t + spacing), y: y, width: t, height: t)
                let img: Image? = r < images.count && c < images[r].count ? images[r][c] : nil
                guard let img else {
                    ChartChrome.missingCell(tile, on: &canvas)
                    canvas.text("n/a", at: Point(tile.midX, tile.midY),
                                style: TextStyle(size: theme.labelSize, colour: Colour(hex: 0x3C3C3C), anchor: .middle, baseline: .middle))
                    continue
                }
                canvas.fill(tile, colour: Colour(hex: 0xF2F2F2))
                let s = min(t / Double(img.width), t / Double(img.height))
                let w = max(1, (Double(img.width) * s).rounded()), h = max(1, (Double(img.height) * s).rounded())
                canvas.image(img, in: Rect(x: tile.x + ((t - w) / 2).rounded(.down), y: tile.y + ((t - h) / 2).rounded(.down),
                                           width: w, height: h))
            }
        }
    }
}
