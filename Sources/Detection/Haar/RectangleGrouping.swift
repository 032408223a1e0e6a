/// OpenCV's `cv::groupRectangles(rectList, groupThreshold, eps)` (objdetect `cascadedetect.cpp`), bit for bit.
///
/// 1. `cv::partition` with the `SimilarRects(eps)` predicate — two rectangles are similar when
///    each of the four edges differs by at most `δ = eps·(min(w₁,w₂) + min(h₁,h₂))·0.5` (double).
///    The partition is OpenCV's union–find with union by rank and path compression; classes are
///    numbered in order of first appearance of their root in the input list.
/// 2. Each class is averaged: the int sums of x, y, w, h are multiplied by the float `1/n` and rounded
///    half-to-even (`saturate_cast<int>(float)`).
/// 3. Classes with `n ≤ groupThreshold` are dropped, and so is any class whose average lies inside another
///    surviving class `j` enlarged by `(cvRound(wⱼ·eps), cvRound(hⱼ·eps))` when `nⱼ > max(3, n)` or `n < 3`.
/// With `groupThreshold ≤ 0` the input is returned unchanged (each with weight 1).
public enum RectangleGrouping {
    /// `cv::partition` with `SimilarRects(eps)`: a class label per rectangle and the number of classes.
    public static func partition(_ rects: [PixelRect], eps: Double) -> (labels: [Int], count: Int) {
        let n = rects.count
        var parent = [Int](repeating: -1, count: n)
        var rank = [Int](repeating: 0, count: n)
        for i in 0..<n {
            var root = i
            while parent[root] >= 0 { root = parent[root] }
            for j in 0..<n {
                if i == j || !similar(rects[i], rects[j], eps: eps) { continue }
                var root2 = j
                while parent[root2] >= 0 { root2 = parent[root2] }
                if root2 != root {
                    let r1 = rank[root], r2 = rank[root2]
                    if r1 > r2 {
                        parent[root2] = root
                    } else {
                        parent[root] = root2
                        if r1 == r2 { rank[root2] += 1 }
                        root = root2
                    }
                    var k = j
                    while parent[k] >= 0 { let p = parent[k]; parent[k] = root; k = p }
                    k = i
                    while parent[k] >= 0 { let p = parent[k]; parent[k] = root; k = p }
                }
            }
        }
        var labels = [Int](repeating: 0, count: n)
        var classOfRoot = [Int](repeating: -1, count: n)
        var count = 0
        for i in 0..<n {
            var root = i
            while parent[root] >= 0 { root = parent[root] }
            if classOfRoot[root] < 0 { classOfRoot[root] = count; count += 1 }
            labels[i] = classOfRoot[root]
        }
        return (labels, count)
    }

    /// OpenCV's `SimilarRects` predicate.
    @inlinable
    public static func similar(_ r1: PixelRect, _ r2: PixelRect, eps: Double) -> Bool {
        let delta = eps * Double(min(r1.width, r2.width) + min(r1.height, r2.height)) * 0.5
        return Double(abs(r1.x - r2.x)) <= delta
            && Double(abs(r1.y - r2.y)) <= delta
            && Double(abs(r1.x + r1.width - r2.x - r2.width)) <= delta
            && Double(abs(r1.y + r1.height - r2.y - r2.height)) <= delta
    }

    /// `cv::groupRectangles(rects, weights, groupThreshold, eps)`: the grouped rectangles, in OpenCV's order,
    /// each with the number of input rectangles merged into it.
    public static func group(_ rects: [PixelRect], groupThreshold: Int, eps: Double = 0.2) -> [(rect: PixelRect, count: Int)] {
        if groupThreshold <= 0 || rects.isEmpty { return rects.map { ($0, 1) } }
        let (labels, nclasses) = partition(rects, eps: eps)
        var sums = [(x: Int, y: Int, w: Int, h: Int)](repeating: (0, 0, 0, 0), count: nclasses)
        var weights = [Int](repeating: 0, count: nclasses)
        for (i, r) in rects.enumerated() {
            let c = labels[i]
            sums[c].x += r.x; sums[c].y += r.y; sums[c].w += r.width; sums[c].h += r.height
            weights[c] += 1
        }
        var avg = [PixelRect]()
        avg.reserveCapacity(nclasses)
        for c in 0..<nclasses {
            let s: Float = 1 / Float(weights[c])
            func rnd(_ v: Int) -> Int { Int((Float(v) * s).rounded(.toNearestOrEven)) }
            avg.append(PixelRect(x: rnd(sums[c].x), y: rnd(sums[c].y), width: rnd(sums[c].w), height: rnd(sums[c].h)))
        }
        var out = [(rect: PixelRect, count: Int)]()
        for i in 0..<nclasses {
            let r1 = avg[i], n1 = weights[i]
            if n1 <= groupThreshold { continue }
            var swallowed = false
            for j in 0..<nclasses {
                let n2 = weights[j]
                if j == i || n2 <= groupThreshold { continue }
                let r2 = avg[j]
                let dx = Int((Double(r2.width) * eps).rounded(.toNearestOrEven))
                let dy = Int((Double(r2.height) * eps).rounded(.toNearestOrEven))
                if r1.x >= r2.x - dx && r1.y >= r2.y - dy
                    && r1.x + r1.width <= r2.x + r2.width + dx
                    && r1.y + r1.height <= r2.y + r2.height + dy
                    && (n2 > max(3, n1) || n1 < 3) {
                    swallowed = true
                    break
                }
            }
            if !swallowed { out.append((r1, n1)) }
        }
        return out
    }
}
