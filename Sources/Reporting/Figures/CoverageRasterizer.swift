import Foundation

/// Exact-area anti-aliased polygon coverage (the signed-area accumulation method of font-rs /
/// stb_truetype v2): every edge deposits the signed area it sweeps in each pixel row, a running sum
/// along the row gives the covered fraction of each pixel. Coverage is |winding area| clamped to 1,
/// so overlapping contours with the same orientation union, and opposite ones cut holes.
struct CoverageMask {
    /// Pixel bounds of the mask in canvas pixels: columns x0..<x0+width, rows y0..<y0+height.
    let x0: Int, y0: Int, width: Int, height: Int
    /// Coverage 0…1, row-major.
    var coverage: [Float]

    /// Rasterises `contours` (each closed implicitly) restricted to the pixel box `bounds`
    /// (x0, y0, x1, y1 exclusive). Returns nil when nothing lies inside.
    init?(contours: [[Point]], bounds: (Int, Int, Int, Int)) {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for c in contours {
            for p in c where p.x.isFinite && p.y.isFinite {
                minX = min(minX, p.x); maxX = max(maxX, p.x)
                minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
        }
        guard minX <= maxX, minY <= maxY else { return nil }
        let bx0 = max(bounds.0, Int(minX.rounded(.down))), by0 = max(bounds.1, Int(minY.rounded(.down)))
        let bx1 = min(bounds.2, Int(maxX.rounded(.up)) + 1), by1 = min(bounds.3, Int(maxY.rounded(.up)) + 1)
        guard bx0 < bx1, by0 < by1 else { return nil }
        x0 = bx0; y0 = by0; width = bx1 - bx0; height = by1 - by0
        let stride = width + 2
        var acc = [Float](repeating: 0, count: stride * height)
        let w = Double(width), ox = Double(bx0), oy = Double(by0)
        for c in contours where c.count >= 3 {
            for i in 0..<c.count {
                let a = c[i], b = c[(i + 1) % c.count]
                guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { continue }
                // Split at the mask's left and right edges, then clamp x: area left of the mask
                // then accumulates in column 0 exactly as it should.
                var pieces = [(Point(a.x - ox, a.y - oy), Point(b.x - ox, b.y - oy))]
                for edge in [0.0, w] {
                    var next: [(Point, Point)] = []
                    for (p, q) in pieces {
                        if (p.x - edge) * (q.x - edge) < 0 {
                            let t = (edge - p.x) / (q.x - p.x)
                            let m = Point(edge, p.y + t * (q.y - p.y))
                            next.append((p, m)); next.append((m, q))
                        } else {
                            next.append((p, q))
                        }
                    }
                    pieces = next
                }
                for (p, q) in pieces {
                    Self.drawLine(&acc, stride: stride, height: height,
                                  Point(min(w, max(0, p.x)), p.y), Point(min(w, max(0, q.x)), q.y))
                }
            }
        }
        var cov = [Float](repeating: 0, count: width * height)
        for row in 0..<height {
            var sum: Float = 0
            let base = row * stride
            for col in 0..<width {
                sum += acc[base + col]
                cov[row * width + col] = min(1, abs(sum))
            }
        }
        coverage = cov
    }

    /// font-rs `Raster::draw_line` with the mask's row range as y clip.
    private static func drawLine(_ a: inout [Float], stride: Int, height: Int, _ p0: Point, _ p1: Point) {
        if abs(p0.y - p1.y) <= 1e-9 { return }
        let (dir, s, e): (Double, Point, Point) = p0.y < p1.y ? (1, p0, p1) : (-1, p1, p0)
        let dxdy = (e.x - s.x) / (e.y - s.y)
        var x = s.x
        if s.y < 0 { x -= s.y * dxdy }
        let yStart = max(0, Int(s.y.rounded(.down)))
        let yEnd = min(height, Int(e.y.rounded(.up)))
        guard yStart < yEnd else { return }
        for y in yStart..<yEnd {
            let line = y * stride
            let dy = min(Double(y + 1), e.y) - max(Double(y), s.y)
            let xnext = x + dxdy * dy
            let d = dy * dir
            let (x0, x1) = x < xnext ? (x, xnext) : (xnext, x)
            let x0floor = x0.rounded(.down)
            let x0i = Int(x0floor)
            let x1ceil = x1.rounded(.up)
            let x1i = Int(x1ceil)
            if x1i <= x0i + 1 {
                let xmf = 0.5 * (x + xnext) - x0floor
                a[line + x0i] += Float(d - d * xmf)
                a[line + x0i + 1] += Float(d * xmf)
            } else {
                let sInv = 1 / (x1 - x0)
                let x0f = x0 - x0floor
                let a0 = 0.5 * sInv * (1 - x0f) * (1 - x0f)
                let x1f = x1 - x1ceil + 1
                let am = 0.5 * sInv * x1f * x1f
                a[line + x0i] += Float(d * a0)
                if x1i == x0i + 2 {
                    a[line + x0i + 1] += Float(d * (1 - a0 - am))
                } else {
                    let a1 = sInv * (1.5 - x0f)
                    a[line + x0i + 1] += Float(d * (a1 - a0))
                    if x0i + 2 < x1i - 1 {
                        for xi in (x0i + 2)..<(x1i - 1) { a[line + xi] += Float(d * sInv) }
                    }
                    let a2 = a1 + Double(x1i - x0i - 3) * sInv
                    a[line + x1i - 1] += Float(d * (1 - a2 - am))
                }
                a[line + x1i] += Float(d * am)
            }
            x = xnext
        }
    }
}

/// Polygon outlines for strokes and circles, shared by the raster backend.
enum StrokeGeometry {
    /// Signed area (positive = clockwise on screen, y down).
    static func signedArea(_ p: [Point]) -> Double {
        var s = 0.0
        for i in 0..<p.count {
            let a = p[i], b = p[(i + 1) % p.count]
            s += a.x * b.y - b.x * a.y
        }
        return s / 2
    }

    /// `p` oriented with positive signed area.
    static func oriented(_ p: [Point]) -> [Point] { signedArea(p) < 0 ? p.reversed() : p }

    /// A circle as a polygon with enough vertices to look round at this radius.
    static func circle(_ c: Point, _ r: Double) -> [Point] {
        let n = max(12, min(128, Int((r * 4).rounded(.up))))
        return (0..<n).map { k in
            let t = Double(k) / Double(n) * 2 * Double.pi
            return Point(c.x + r * cos(t), c.y + r * sin(t))
        }
    }

    /// The polyline split into dashes (`dash` = on, off, on, off … lengths in pixels).
    static func dashed(_ pts: [Point], _ dash: [Double]) -> [[Point]] {
        let pattern = dash.filter { $0 > 0 && $0.isFinite }
        guard pattern.count >= 2, pts.count >= 2 else { return [pts] }
        var out: [[Point]] = []
        var current: [Point] = [pts[0]]
        var k = 0, left = pattern[0], on = true
        for i in 1..<pts.count {
            var a = pts[i - 1]
            let b = pts[i]
            var segLen = hypot(b.x - a.x, b.y - a.y)
            while segLen > left {
                let t = left / segLen
                let m = Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
                if on { current.append(m); out.append(current) }
                current = [m]
                segLen -= left
                a = m
                k = (k + 1) % pattern.count
                left = pattern[k]
                on.toggle()
            }
            left -= segLen
            if on { current.append(b) } else { current = [b] }
        }
        if on && current.count >= 2 { out.append(current) }
        return out
    }

    /// Contours covering a stroke of `width` along `pts`: one quad per segment plus a disc at
    /// every interior vertex (round joins), all oriented alike so they union.
    static func strokeContours(_ pts: [Point], width: Double) -> [[Point]] {
        let h = width / 2
        var out: [[Point]] = []
        for i in 1..<max(1, pts.count) {
            let a = pts[i - 1], b = pts[i]
            let len = hypot(b.x - a.x, b.y - a.y)
            guard len > 1e-9 else { continue }
            let nx = -(b.y - a.y) / len * h, ny = (b.x - a.x) / len * h
            out.append(oriented([Point(a.x + nx, a.y + ny), Point(b.x + nx, b.y + ny),
                                 Point(b.x - nx, b.y - ny), Point(a.x - nx, a.y - ny)]))
            if i < pts.count - 1 { out.append(circle(b, h)) }
        }
        return out
    }
}
