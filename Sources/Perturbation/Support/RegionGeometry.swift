import Imaging

/// The shape cut out of a (padded) region box.
public enum RegionShape: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every pixel of the integer box.
    case box
    /// Pixels whose centre lies in the ellipse inscribed in the padded box:
    /// `((px + 0.5 − cx) / rx)² + ((py + 0.5 − cy) / ry)² ≤ 1`.
    case ellipse
}

/// Padding added to every side of a region box before use.
///
/// Padded box: `x − (relative·width + pixels)` … `x + width + (relative·width + pixels)`, likewise
/// vertically with `height`. Negative padding shrinks the box.
public struct RegionPadding: Sendable, Hashable, Codable {
    public var relative: Double
    public var pixels: Double

    public init(relative: Double = 0, pixels: Double = 0) {
        self.relative = relative
        self.pixels = pixels
    }
}

/// A region resolved against one image: the padded box in Double and its clamped integer box.
struct ResolvedRegion: Sendable {
    var region: PerturbationRegion
    /// Padded, unclamped box.
    var x0, y0, x1, y1: Double
    /// Integer box: `⌊x0⌋ … ⌈x1⌉` clamped to the image.
    var applied: AppliedRegion
    var shape: RegionShape

    /// Whether pixel (`px`, `py`) is covered (it must also lie in `applied`).
    @inline(__always)
    func covers(_ px: Int, _ py: Int) -> Bool {
        guard applied.contains(px, py) else { return false }
        switch shape {
        case .box: return true
        case .ellipse:
            let rx = (x1 - x0) / 2, ry = (y1 - y0) / 2
            guard rx > 0, ry > 0 else { return false }
            let dx = (Double(px) + 0.5 - (x0 + rx)) / rx
            let dy = (Double(py) + 0.5 - (y0 + ry)) / ry
            return dx * dx + dy * dy <= 1
        }
    }
}

enum RegionGeometry {
    /// Pads, clamps and rounds outwards; drops regions that end up empty or are not finite.
    static func resolve(_ regions: [PerturbationRegion], padding: RegionPadding, shape: RegionShape,
                        width: Int, height: Int) -> [ResolvedRegion] {
        regions.compactMap { r in
            guard r.x.isFinite, r.y.isFinite, r.width.isFinite, r.height.isFinite, r.width > 0, r.height > 0 else { return nil }
            let px = padding.relative * r.width + padding.pixels
            let py = padding.relative * r.height + padding.pixels
            let x0 = r.x - px, x1 = r.x + r.width + px
            let y0 = r.y - py, y1 = r.y + r.height + py
            guard x1 > x0, y1 > y0 else { return nil }
            let ix0 = max(0, min(width, Int(x0.rounded(.down))))
            let ix1 = max(0, min(width, Int(x1.rounded(.up))))
            let iy0 = max(0, min(height, Int(y0.rounded(.down))))
            let iy1 = max(0, min(height, Int(y1.rounded(.up))))
            guard ix1 > ix0, iy1 > iy0 else { return nil }
            return ResolvedRegion(region: r, x0: x0, y0: y0, x1: x1, y1: y1,
                                  applied: AppliedRegion(label: r.label, x: ix0, y: iy0, width: ix1 - ix0, height: iy1 - iy0),
                                  shape: shape)
        }
    }

    /// Union mask (`width·height` booleans) of the resolved regions.
    static func mask(_ regions: [ResolvedRegion], width: Int, height: Int) -> [Bool] {
        var m = [Bool](repeating: false, count: width * height)
        for r in regions {
            let a = r.applied
            for y in a.y..<(a.y + a.height) {
                for x in a.x..<(a.x + a.width) where r.covers(x, y) { m[y * width + x] = true }
            }
        }
        return m
    }

    /// `base` with the pixels under `mask` taken from `source` (same size and format).
    static func composite(_ base: Image, _ source: Image, mask: [Bool]) throws(PerturbationError) -> Image {
        let cc = base.channelCount
        var px = base.pixels
        for i in 0..<base.pixelCount where mask[i] {
            for c in 0..<cc { px[i * cc + c] = source.pixels[i * cc + c] }
        }
        return try ImageBuffer.make(base.width, base.height, base.format, px)
    }
}
