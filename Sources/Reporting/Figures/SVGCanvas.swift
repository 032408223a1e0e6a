import Foundation
import Imaging

/// The SVG backend: collects drawing commands as SVG 1.1 elements.
///
/// The document is `width × height` CSS pixels with `viewBox="0 0 width height"` (1 user unit = 1
/// pixel of the matching PNG) and a white background rectangle. Numbers are written with at most
/// two decimals; all text is XML-escaped; text uses font-family "DejaVu Sans, Helvetica, Arial,
/// sans-serif" and is positioned on its alphabetic baseline computed from ``FigureFont`` metrics
/// (no `dominant-baseline`), so the layout matches the PNG. Images are embedded as
/// `data:image/png;base64` `<image>` elements at the pixel size they occupy. Output is deterministic.
public struct SVGCanvas: Canvas, Sendable {
    public let width: Int
    public let height: Int
    private var body: [String] = []
    private var defs: [String] = []
    private var clipOpen = false
    private var nextID = 0

    /// A `width × height` pixel document (each at least 1) with a `background` rectangle.
    public init(width: Int, height: Int, background: Colour = .white) {
        self.width = max(1, width)
        self.height = max(1, height)
        body.append("<rect width=\"\(self.width)\" height=\"\(self.height)\"\(Self.fillAttr(background))/>")
    }

    /// The finished document (closes any open clip group).
    public func document() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" "
        out += "width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
        if !defs.isEmpty { out += "<defs>\n" + defs.joined(separator: "\n") + "\n</defs>\n" }
        out += body.joined(separator: "\n")
        if clipOpen { out += "\n</g>" }
        out += "\n</svg>\n"
        return out
    }

    /// `v` with at most two decimals, no trailing zeros, no "-0".
    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let scaled = (v * 100).rounded()
        if scaled == 0 { return "0" }
        let neg = scaled < 0
        let m = Int64(abs(scaled))
        var s = String(m / 100)
        let frac = m % 100
        if frac != 0 {
            s += "." + (frac < 10 ? "0\(frac)" : "\(frac)")
            while s.hasSuffix("0") { s.removeLast() }
        }
        return neg ? "-" + s : s
    }

    /// `s` with `& < > " '` escaped and characters not allowed in XML 1.0 dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = u.value
                let allowed = v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v)
                    || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
                if allowed { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    private static func fillAttr(_ c: Colour) -> String {
        var s = " fill=\"\(c.hexString)\""
        if c.opacity < 1 { s += " fill-opacity=\"\(number(c.opacity))\"" }
        return s
    }

    private static func strokeAttr(_ st: StrokeStyle) -> String {
        var s = " fill=\"none\" stroke=\"\(st.colour.hexString)\" stroke-width=\"\(number(st.width))\""
        if st.colour.opacity < 1 { s += " stroke-opacity=\"\(number(st.colour.opacity))\"" }
        s += " stroke-linejoin=\"round\""
        let dash = st.dash.filter { $0 > 0 && $0.isFinite }
        if dash.count >= 2 { s += " stroke-dasharray=\"\(dash.map(number).joined(separator: " "))\"" }
        return s
    }

    private static func pointList(_ pts: [Point]) -> String {
        pts.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
    }

    public mutating func fill(_ rect: Rect, colour: Colour) {
        guard rect.width > 0, rect.height > 0, rect.x.isFinite, rect.y.isFinite else { return }
        body.append("<rect x=\"\(Self.number(rect.x))\" y=\"\(Self.number(rect.y))\" width=\"\(Self.number(rect.width))\" height=\"\(Self.number(rect.height))\"\(Self.fillAttr(colour))/>")
    }

    public mutating func fillGradient(_ rect: Rect, stops: [Colour], vertical: Bool) {
        guard rect.width > 0, rect.height > 0, !stops.isEmpty else { return }
        let id = "g\(nextID)"
        nextID += 1
        var g = "<linearGradient id=\"\(id)\" x1=\"0\" y1=\"\(vertical ? 1 : 0)\" x2=\"\(vertical ? 0 : 1)\" y2=\"0\">"
        for (i, c) in stops.enumerated() {
            let off = stops.count == 1 ? 0 : Double(i) / Double(stops.count - 1)
            g += "<stop offset=\"\(Self.number(off))\" stop-color=\"\(c.hexString)\"\(c.opacity < 1 ? " stop-opacity=\"\(Self.number(c.opacity))\"" : "")/>"
        }
        g += "</linearGradient>"
        defs.append(g)
        body.append("<rect x=\"\(Self.number(rect.x))\" y=\"\(Self.number(rect.y))\" width=\"\(Self.number(rect.width))\" height=\"\(Self.number(rect.height))\" fill=\"url(#\(id))\"/>")
    }

    public mutating func stroke(_ points: [Point], style: StrokeStyle) {
        let pts = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard pts.count >= 2, style.width > 0 else { return }
        if pts.count == 2 {
            body.append("<line x1=\"\(Self.number(pts[0].x))\" y1=\"\(Self.number(pts[0].y))\" x2=\"\(Self.number(pts[1].x))\" y2=\"\(Self.number(pts[1].y))\"\(Self.strokeAttr(style))/>")
        } else {
            body.append("<polyline points=\"\(Self.pointList(pts))\"\(Self.strokeAttr(style))/>")
        }
    }

    public mutating func fill(polygon points: [Point], colour: Colour) {
        let pts = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard pts.count >= 3 else { return }
        body.append("<polygon points=\"\(Self.pointList(pts))\"\(Self.fillAttr(colour))/>")
    }

    public mutating func circle(centre: Point, radius: Double, fill: Colour?, stroke: StrokeStyle?) {
        guard radius > 0, centre.x.isFinite, centre.y.isFinite else { return }
        var s = "<circle cx=\"\(Self.number(centre.x))\" cy=\"\(Self.number(centre.y))\" r=\"\(Self.number(radius))\""
        if let stroke {
            s += Self.strokeAttr(stroke)
            if let fill {
                s = s.replacingOccurrences(of: " fill=\"none\"", with: "")
                s += Self.fillAttr(fill)
            }
        } else if let fill {
            s += Self.fillAttr(fill)
        } else {
            return
        }
        body.append(s + "/>")
    }

    public mutating func text(_ string: String, at position: Point, style: TextStyle) {
        guard position.x.isFinite, position.y.isFinite, !string.isEmpty else { return }
        let anchor = switch style.anchor {
        case .start: "start"
        case .middle: "middle"
        case .end: "end"
        }
        let size = FigureFont.snappedSize(style.size)
        let down = FigureFont.baselineOffset(style.baseline, size: size)
        let x = Self.number(position.x), y = Self.number(position.y)
        var s = "<text"
        switch style.rotation {
        case .horizontal:
            s += " x=\"\(x)\" y=\"\(Self.number(position.y + down))\""
        case .vertical:
            s += " x=\"\(x)\" y=\"\(Self.number(position.y + down))\" transform=\"rotate(-90 \(x) \(y))\""
        }
        s += " font-family=\"\(FigureFont.svgFontFamily)\" font-size=\"\(size)\""
        if anchor != "start" { s += " text-anchor=\"\(anchor)\"" }
        s += Self.fillAttr(style.colour)
        s += ">\(Self.escape(string))</text>"
        body.append(s)
    }

    public mutating func image(_ image: Image, in rect: Rect) {
        let w = Int(rect.width.rounded()), h = Int(rect.height.rounded())
        guard w > 0, h > 0 else { return }
        // The pixels the raster backend draws (same conversion and resize), alpha kept.
        guard let tile = RasterCanvas.prepared(image, width: w, height: h),
              let bytes = try? ImageEncoder.png(tile, compression: 9) else { return }
        let png = Data(bytes)
        body.append("<image x=\"\(Int(rect.x.rounded()))\" y=\"\(Int(rect.y.rounded()))\" width=\"\(w)\" height=\"\(h)\" preserveAspectRatio=\"none\" xlink:href=\"data:image/png;base64,\(png.base64EncodedString())\"/>")
    }

    public mutating func setClip(_ rect: Rect?) {
        if clipOpen {
            body.append("</g>")
            clipOpen = false
        }
        guard let r = rect else { return }
        let id = "c\(nextID)"
        nextID += 1
        defs.append("<clipPath id=\"\(id)\"><rect x=\"\(Self.number(r.x))\" y=\"\(Self.number(r.y))\" width=\"\(Self.number(r.width))\" height=\"\(Self.number(r.height))\"/></clipPath>")
        body.append("<g clip-path=\"url(#\(id))\">")
        clipOpen = true
    }
}
