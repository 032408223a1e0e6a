import Foundation
import Imaging

/// The PNG backend: an opaque 8-bit RGB canvas with anti-aliased drawing.
///
/// Shapes are rasterised with exact-area coverage (see `CoverageMask`), axis-aligned rectangles
/// with exact per-pixel overlap, so a rectangle on integer coordinates has crisp edges and a 1-pixel
/// line centred on a half-pixel coordinate is one sharp pixel wide. Text comes from the embedded
/// DejaVu Sans atlas (``FigureFont``), glyph origins rounded to whole pixels. Colours blend in sRGB
/// (`new = old·(1 − a) + colour·a`, a = coverage × opacity). Output is deterministic.
public struct RasterCanvas: Canvas, Sendable {
    public let width: Int
    public let height: Int
    /// RGB samples 0…255, row-major, 3 per pixel.
    private var samples: [Float]
    /// Clip box in pixels: x0, y0, x1, y1 (exclusive).
    private var clip: (Int, Int, Int, Int)

    /// A `width × height` pixel canvas (each at least 1) filled with `background`.
    public init(width: Int, height: Int, background: Colour = .white) {
        self.width = max(1, width)
        self.height = max(1, height)
        samples = [Float](repeating: 0, count: self.width * self.height * 3)
        clip = (0, 0, self.width, self.height)
        for i in 0..<(self.width * self.height) {
            samples[i * 3] = Float(background.red)
            samples[i * 3 + 1] = Float(background.green)
            samples[i * 3 + 2] = Float(background.blue)
        }
    }

    /// The canvas as an 8-bit RGB image (samples rounded to nearest).
    public func image() -> Image {
        let px = samples.map { UInt8(min(255, max(0, $0.rounded()))) }
        return try! Image(width: width, height: height, format: .rgb, pixels: px)
    }

    /// PNG file bytes of ``image()``.
    public func pngData() throws(ImageError) -> Data {
        Data(try ImageEncoder.png(image(), compression: 9))
    }

    @inline(__always)
    private mutating func blend(_ x: Int, _ y: Int, _ c: Colour, _ alpha: Float) {
        guard alpha > 0 else { return }
        let o = (y * width + x) * 3
        let a = min(1, alpha)
        samples[o] += (Float(c.red) - samples[o]) * a
        samples[o + 1] += (Float(c.green) - samples[o + 1]) * a
        samples[o + 2] += (Float(c.blue) - samples[o + 2]) * a
    }

    private mutating func paint(_ mask: CoverageMask, _ colour: Colour) {
        let op = Float(colour.opacity)
        for row in 0..<mask.height {
            for col in 0..<mask.width {
                let cov = mask.coverage[row * mask.width + col]
                if cov > 0 { blend(mask.x0 + col, mask.y0 + row, colour, cov * op) }
            }
        }
    }

    /// Per-pixel overlap of `rect` with the pixel grid inside the clip: (x0, y0, x1, y1, coverage).
    private func rectCoverage(_ r: Rect) -> (Int, Int, Int, Int, (Int) -> Float, (Int) -> Float)? {
        guard r.width > 0, r.height > 0, r.x.isFinite, r.y.isFinite, r.width.isFinite, r.height.isFinite else { return nil }
        let x0 = max(clip.0, Int(r.minX.rounded(.down))), x1 = min(clip.2, Int(r.maxX.rounded(.up)))
        let y0 = max(clip.1, Int(r.minY.rounded(.down))), y1 = min(clip.3, Int(r.maxY.rounded(.up)))
        guard x0 < x1, y0 < y1 else { return nil }
        let fx: (Int) -> Float = { x in Float(min(Double(x + 1), r.maxX) - max(Double(x), r.minX)) }
        let fy: (Int) -> Float = { y in Float(min(Double(y + 1), r.maxY) - max(Double(y), r.minY)) }
        return (x0, y0, x1, y1, fx, fy)
    }

    public mutating func fill(_ rect: Rect, colour: Colour) {
        guard let (x0, y0, x1, y1, fx, fy) = rectCoverage(rect) else { return }
        let op = Float(colour.opacity)
        for y in y0..<y1 {
            let cy = fy(y) * op
            for x in x0..<x1 { blend(x, y, colour, fx(x) * cy) }
        }
    }

    public mutating func fillGradient(_ rect: Rect, stops: [Colour], vertical: Bool) {
        guard !stops.isEmpty, let (x0, y0, x1, y1, fx, fy) = rectCoverage(rect) else { return }
        for y in y0..<y1 {
            for x in x0..<x1 {
                let t = vertical ? (rect.maxY - (Double(y) + 0.5)) / rect.height : ((Double(x) + 0.5) - rect.minX) / rect.width
                let c = Palette.interpolate(stops, t)
                blend(x, y, c, fx(x) * fy(y) * Float(c.opacity))
            }
        }
    }

    public mutating func stroke(_ points: [Point], style: StrokeStyle) {
        guard points.count >= 2, style.width > 0 else { return }
        var contours: [[Point]] = []
        for part in StrokeGeometry.dashed(points, style.dash) {
            contours += StrokeGeometry.strokeContours(part, width: style.width)
        }
        if let mask = CoverageMask(contours: contours, bounds: clip) { paint(mask, style.colour) }
    }

    public mutating func fill(polygon points: [Point], colour: Colour) {
        guard points.count >= 3, let mask = CoverageMask(contours: [points], bounds: clip) else { return }
        paint(mask, colour)
    }

    public mutating func circle(centre: Point, radius: Double, fill: Colour?, stroke: StrokeStyle?) {
        guard radius > 0 else { return }
        if let fill, let mask = CoverageMask(contours: [StrokeGeometry.circle(centre, radius)], bounds: clip) {
            paint(mask, fill)
        }
        if let stroke, stroke.width > 0 {
            let outer = StrokeGeometry.circle(centre, radius + stroke.width / 2)
            let inner = StrokeGeometry.circle(centre, max(0, radius - stroke.width / 2)).reversed()
            if let mask = CoverageMask(contours: [outer, Array(inner)], bounds: clip) { paint(mask, stroke.colour) }
        }
    }

    public mutating func text(_ string: String, at position: Point, style: TextStyle) {
        guard position.x.isFinite, position.y.isFinite, !string.isEmpty else { return }
        let data = FontData.shared
        let size = FigureFont.snappedSize(style.size)
        guard let boxes = data.boxes[size] else { return }
        let total = FigureFont.width(of: string, size: size)
        let shift: Double = switch style.anchor {
        case .start: 0
        case .middle: -total / 2
        case .end: -total
        }
        let down = FigureFont.baselineOffset(style.baseline, size: size)
        let scale = Double(size) / Double(DejaVuSansAtlas.unitsPerEm)
        let op = Float(style.colour.opacity)
        var pen = 0.0
        for s in string.unicodeScalars {
            let g = data.glyphIndex(s)
            let box = boxes[g]
            let along = Int((shift + pen).rounded())
            pen += Double(data.advances[g]) * scale
            guard box.width > 0, box.height > 0 else { continue }
            for j in 0..<box.height {
                for i in 0..<box.width {
                    let cov = data.atlas.pixels[(box.y + j) * data.atlas.width + box.x + i]
                    guard cov > 0 else { continue }
                    let x: Int, y: Int
                    switch style.rotation {
                    case .horizontal:
                        x = Int(position.x.rounded()) + along + box.dx + i
                        y = Int((position.y + down).rounded()) + box.dy + j
                    case .vertical:
                        // Local (u, v) → screen (v, −u): reading upwards, "down" is to the right.
                        x = Int((position.x + down).rounded()) + box.dy + j
                        y = Int(position.y.rounded()) - (along + box.dx + i) - 1
                    }
                    guard x >= clip.0, x < clip.2, y >= clip.1, y < clip.3 else { continue }
                    blend(x, y, style.colour, Float(cov) / 255 * op)
                }
            }
        }
    }

    /// `image` as RGB or RGBA (grey expanded) resized to `width × height` with Pillow's bicubic
    /// filter — the pixels both backends draw for ``Canvas/image(_:in:)``.
    static func prepared(_ image: Image, width w: Int, height h: Int) -> Image? {
        let rgb: Image
        switch image.format {
        case .rgb, .rgba: rgb = image
        case .grey, .greyAlpha:
            var px: [UInt8] = []
            px.reserveCapacity(image.pixelCount * 4)
            for i in 0..<image.pixelCount {
                let v = image.pixels[i * image.channelCount]
                let a = image.format.hasAlpha ? image.pixels[i * 2 + 1] : 255
                px += [v, v, v, a]
            }
            guard let expanded = try? Image(width: image.width, height: image.height, format: .rgba, pixels: px) else { return nil }
            rgb = expanded
        }
        return try? PillowResampler.resize(rgb, width: w, height: h, filter: .bicubic)
    }

    public mutating func image(_ image: Image, in rect: Rect) {
        let w = Int(rect.width.rounded()), h = Int(rect.height.rounded())
        guard w > 0, h > 0, let scaled = Self.prepared(image, width: w, height: h) else { return }
        let ox = Int(rect.x.rounded()), oy = Int(rect.y.rounded())
        let cc = scaled.channelCount
        for y in 0..<h {
            let py = oy + y
            guard py >= clip.1, py < clip.3 else { continue }
            for x in 0..<w {
                let px = ox + x
                guard px >= clip.0, px < clip.2 else { continue }
                let o = (y * w + x) * cc
                let a: Float = cc == 4 ? Float(scaled.pixels[o + 3]) / 255 : 1
                let c = Colour(red: scaled.pixels[o], green: scaled.pixels[o + 1], blue: scaled.pixels[o + 2])
                blend(px, py, c, a)
            }
        }
    }

    public mutating func setClip(_ rect: Rect?) {
        guard let r = rect else {
            clip = (0, 0, width, height)
            return
        }
        clip = (max(0, Int(r.minX.rounded())), max(0, Int(r.minY.rounded())),
                min(width, Int(r.maxX.rounded())), min(height, Int(r.maxY.rounded())))
    }
}
