/// A raw CAM map on its layer grid (`values[y * width + x]`, row-major) placed over an original
/// image of `imageWidth × imageHeight` pixels. EmoNet sees the image squashed to 227 × 227, so map
/// cell (x, y) covers the original-pixel rectangle
/// `[x·W/w, (x+1)·W/w) × [y·H/h, (y+1)·H/h)` — the aspect distortion is undone by scaling each axis
/// separately. All drift metrics treat the map as piecewise constant over these cells.
public struct MapGrid: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var values: [Double]
    public var imageWidth: Double
    public var imageHeight: Double

    public init(width: Int, height: Int, values: [Double], imageWidth: Double, imageHeight: Double) {
        precondition(values.count == width * height, "map has \(values.count) values, expected \(width)×\(height)")
        self.width = width
        self.height = height
        self.values = values
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
    }

    public var cellWidth: Double { imageWidth / Double(width) }
    public var cellHeight: Double { imageHeight / Double(height) }

    /// Centre of cell `i` in original pixels.
    public func cellCentre(_ i: Int) -> (x: Double, y: Double) {
        ((Double(i % width) + 0.5) * cellWidth, (Double(i / width) + 0.5) * cellHeight)
    }

    /// Σ max(v, 0): the positive CAM mass (Grad-CAM-style maps are non-negative already).
    public var positiveMass: Double { values.reduce(0) { $0 + max($1, 0) } }

    /// Fraction of each cell's area covered by the union of `boxes` (exact, by coordinate
    /// compression: the box edges cut the plane into elementary rectangles that are either
    /// inside the union or not).
    public func coverage(of boxes: [RegionBox]) -> [Double] {
        var cover = [Double](repeating: 0, count: width * height)
        let clipped = boxes.compactMap { b -> RegionBox? in
            let x0 = max(0, b.x), y0 = max(0, b.y), x1 = min(imageWidth, b.maxX), y1 = min(imageHeight, b.maxY)
            return x1 > x0 && y1 > y0 ? RegionBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0) : nil
        }
        guard !clipped.isEmpty else { return cover }
        let xs = Array(Set(clipped.flatMap { [$0.x, $0.maxX] })).sorted()
        let ys = Array(Set(clipped.flatMap { [$0.y, $0.maxY] })).sorted()
        let cw = cellWidth, ch = cellHeight, cellArea = cw * ch
        for j in 0..<(ys.count - 1) {
            let ry0 = ys[j], ry1 = ys[j + 1], cy = 0.5 * (ry0 + ry1)
            for i in 0..<(xs.count - 1) {
                let rx0 = xs[i], rx1 = xs[i + 1], cx = 0.5 * (rx0 + rx1)
                guard clipped.contains(where: { $0.contains(cx, cy) }) else { continue }
                let gx0 = max(0, Int(rx0 / cw)), gx1 = min(width - 1, Int((rx1 / cw).rounded(.up)) - 1)
                let gy0 = max(0, Int(ry0 / ch)), gy1 = min(height - 1, Int((ry1 / ch).rounded(.up)) - 1)
                guard gx0 <= gx1, gy0 <= gy1 else { continue }
                for gy in gy0...gy1 {
                    let oy = min(ry1, Double(gy + 1) * ch) - max(ry0, Double(gy) * ch)
                    guard oy > 0 else { continue }
                    for gx in gx0...gx1 {
                        let ox = min(rx1, Double(gx + 1) * cw) - max(rx0, Double(gx) * cw)
                        if ox > 0 { cover[gy * width + gx] += ox * oy / cellArea }
                    }
                }
            }
        }
        return cover.map { min(1, $0) }
    }

    /// Share of the positive CAM mass inside the union of `boxes`; nil when the map has no
    /// positive mass.
    public func massShare(inside boxes: [RegionBox]) -> Double? {
        let total = positiveMass
        guard total > 0 else { return nil }
        let cover = coverage(of: boxes)
        var inside = 0.0
        for i in values.indices where values[i] > 0 { inside += values[i] * cover[i] }
        return inside / total
    }

    /// Centre of the positive mass in original pixels; nil without positive mass.
    public var centreOfMass: (x: Double, y: Double)? {
        var m = 0.0, sx = 0.0, sy = 0.0
        for i in values.indices where values[i] > 0 {
            let c = cellCentre(i)
            m += values[i]; sx += values[i] * c.x; sy += values[i] * c.y
        }
        return m > 0 ? (sx / m, sy / m) : nil
    }

    /// Index of the maximum (first on ties); nil for an empty or constant map.
    public var peakIndex: Int? {
        guard let first = values.first, values.contains(where: { $0 != first }) else { return nil }
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }
}
