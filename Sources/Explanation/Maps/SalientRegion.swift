import Imaging

/// The most CAM-salient region of an image, as a box for region-based modifications.
///
/// The map is upsampled to the image size (the method's display rule, ``CAMMap/upsampled(width:height:)``),
/// the top `fraction` of its pixels by value are selected (ties at the threshold included), and the
/// region is the bounding box of the 8-connected component of selected pixels that holds the map's
/// maximum. An all-zero map has no salient region (nil).
public enum SalientRegion {
    public struct Box: Sendable, Hashable, Codable {
        public var x: Int, y: Int, width: Int, height: Int
        /// Share of the map's total mass inside the box.
        public var mass: Double
    }

    public static func box(_ map: CAMMap, imageWidth: Int, imageHeight: Int, fraction: Double = 0.2) -> Box? {
        let up = map.upsampled(width: imageWidth, height: imageHeight)
        let v = up.values
        guard let peak = v.indices.max(by: { v[$0] < v[$1] }), v[peak] > 0 else { return nil }
        let keep = max(1, Int((Double(v.count) * min(max(fraction, 0), 1)).rounded()))
        let threshold = v.sorted(by: >)[keep - 1]
        var seen = [Bool](repeating: false, count: v.count)
        var stack = [peak]
        seen[peak] = true
        var (x0, y0, x1, y1) = (imageWidth, imageHeight, -1, -1)
        while let i = stack.popLast() {
            let x = i % imageWidth, y = i / imageWidth
            x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y)
            for dy in -1...1 {
                for dx in -1...1 where dx != 0 || dy != 0 {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, nx < imageWidth, ny >= 0, ny < imageHeight else { continue }
                    let j = ny * imageWidth + nx
                    if !seen[j] && v[j] >= threshold && v[j] > 0 { seen[j] = true; stack.append(j) }
                }
            }
        }
        var inside = 0.0, total = 0.0
        for y in 0..<imageHeight {
            for x in 0..<imageWidth {
                let m = Double(v[y * imageWidth + x])
                total += m
                if x >= x0 && x <= x1 && y >= y0 && y <= y1 { inside += m }
            }
        }
        return Box(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1, mass: total > 0 ? inside / total : 0)
    }
}
