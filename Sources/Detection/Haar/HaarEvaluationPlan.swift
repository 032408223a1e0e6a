/// The cascade flattened for evaluation (OpenCV's `Data::stumps` / `nodes` / `leaves` and `OptFeature`s).
///
/// Offsets are relative to the window's top-left corner in an ``IntegralImages`` buffer with a given row
/// stride: a plain rectangle `(x, y, w, h)` sums `p0 − p1 − p2 + p3` at `(x,y)`, `(x+w,y)`, `(x,y+h)`,
/// `(x+w,y+h)`; a tilted one (in the rotated integral, `tiltedOffset` later) at `(x,y)`, `(x−h,y+h)`,
/// `(x+w,y+w)`, `(x+w−h,y+w+h)` — OpenCV's `CV_SUM_OFS` / `CV_TILTED_OFS`.
struct Plan: Sendable {
    let windowWidth: Int
    let windowHeight: Int
    let needsTilted: Bool
    let stumpBased: Bool
    // Features: up to 3 rects each (absent rects are empty with weight 0).
    let featureRects: [HaarCascade.WeightedRect]  // 3 per feature
    let featureTilted: [Bool]
    let weights: [Float]                          // 3 per feature
    // Stages.
    let stageCounts: [Int]
    let stageThresholds: [Float]
    // Tree path: per weak classifier, its first node and first leaf in the flat arrays.
    let weakNodeStart: [Int]
    let weakLeafStart: [Int]
    let nodeLeft: [Int32]
    let nodeRight: [Int32]
    let nodeFeature: [Int32]
    let nodeThreshold: [Float]
    let leaves: [Float]

    init(_ c: HaarCascade) {
        windowWidth = c.windowWidth
        windowHeight = c.windowHeight
        needsTilted = c.hasTiltedFeatures
        stumpBased = c.isStumpBased
        var fr = [HaarCascade.WeightedRect](), ft = [Bool](), fw = [Float]()
        let empty = HaarCascade.WeightedRect(x: 0, y: 0, width: 0, height: 0, weight: 0)
        for f in c.features {
            for k in 0..<3 {
                let r = k < f.rects.count ? f.rects[k] : empty
                fr.append(r)
                fw.append(r.weight)
            }
            ft.append(f.tilted)
        }
        featureRects = fr
        featureTilted = ft
        weights = fw
        var sc = [Int](), st = [Float]()
        var sf = [Int32](), sth = [Float](), sl = [Float](), sr = [Float]()
        var wns = [Int](), wls = [Int](), nl = [Int32](), nr = [Int32](), nfe = [Int32](), nth = [Float](), lv = [Float]()
        for stage in c.stages {
            sc.append(stage.weakClassifiers.count)
            st.append(stage.threshold)
            for wk in stage.weakClassifiers {
                let n0 = wk.nodes[0]
                sf.append(Int32(n0.featureIndex))
                sth.append(n0.threshold)
                sl.append(wk.leaves[n0.left <= 0 ? -n0.left : 0])
                sr.append(wk.leaves.count > 1 ? wk.leaves[n0.right <= 0 ? -n0.right : 0] : 0)
                wns.append(nl.count)
                wls.append(lv.count)
                for n in wk.nodes {
                    nl.append(Int32(n.left)); nr.append(Int32(n.right)); nfe.append(Int32(n.featureIndex)); nth.append(n.threshold)
                }
                lv.append(contentsOf: wk.leaves)
            }
        }
        stageCounts = sc; stageThresholds = st
        stumps = sf.indices.map { Stump(feature: sf[$0], threshold: sth[$0], left: sl[$0], right: sr[$0]) }
        weakNodeStart = wns; weakLeafStart = wls; nodeLeft = nl; nodeRight = nr; nodeFeature = nfe; nodeThreshold = nth; leaves = lv
    }

    /// One feature ready for evaluation: corner offsets `a…d` of its three rectangles and their weights
    /// (OpenCV's `HaarEvaluator::OptFeature`; an absent third rectangle has weight 0 and is skipped).
    struct OptFeature {
        var a0: Int32, b0: Int32, c0: Int32, d0: Int32
        var a1: Int32, b1: Int32, c1: Int32, d1: Int32
        var a2: Int32, b2: Int32, c2: Int32, d2: Int32
        var w0: Float, w1: Float, w2: Float
    }

    /// A stump: `feature < threshold ? left : right`.
    struct Stump {
        var feature: Int32
        var threshold: Float
        var left: Float
        var right: Float
    }

    /// The stumps packed together (the ``scan`` stump path reads these).
    let stumps: [Stump]

    /// The features laid out for integral images with row stride `s` (rotated integral at `t`).
    func offsets(stride s: Int, tiltedOffset t: Int) -> [OptFeature] {
        var out = [OptFeature]()
        out.reserveCapacity(featureTilted.count)
        for fi in featureTilted.indices {
            var o = [Int32]()
            for k in 0..<3 {
                let r = featureRects[fi * 3 + k]
                if r.weight == 0 && r.width == 0 && r.height == 0 {
                    o.append(contentsOf: [0, 0, 0, 0])
                } else if featureTilted[fi] {
                    o.append(Int32(t + r.x + s * r.y))
                    o.append(Int32(t + r.x - r.height + s * (r.y + r.height)))
                    o.append(Int32(t + r.x + r.width + s * (r.y + r.width)))
                    o.append(Int32(t + r.x + r.width - r.height + s * (r.y + r.width + r.height)))
                } else {
                    o.append(Int32(r.x + s * r.y))
                    o.append(Int32(r.x + r.width + s * r.y))
                    o.append(Int32(r.x + s * (r.y + r.height)))
                    o.append(Int32(r.x + r.width + s * (r.y + r.height)))
                }
            }
            out.append(OptFeature(a0: o[0], b0: o[1], c0: o[2], d0: o[3], a1: o[4], b1: o[5], c1: o[6], d1: o[7],
                                  a2: o[8], b2: o[9], c2: o[10], d2: o[11],
                                  w0: weights[fi * 3], w1: weights[fi * 3 + 1], w2: weights[fi * 3 + 2]))
        }
        return out
    }

    /// Runs the cascade on every window of the `step` grid with `y0 ≤ y < y1`, `0 ≤ x < width`, calling `hit`
    /// for windows that pass all stages. Like OpenCV, a window rejected by stage 0 also skips the next grid x.
    func scan(_ ii: IntegralImages, offsets: [OptFeature], stumps: [Stump], y0: Int, y1: Int, width: Int, step: Int, hit: (Int, Int) -> Void) {
        let s = ii.stride
        let n0 = s + 1, n1 = s + windowWidth - 1, n2 = s * (windowHeight - 1) + 1, n3 = s * (windowHeight - 1) + windowWidth - 1
        let area = Double((windowWidth - 2) * (windowHeight - 2))
        ii.data.withUnsafeBufferPointer { d in
        ii.squares.withUnsafeBufferPointer { q in
        offsets.withUnsafeBufferPointer { o in
        stageCounts.withUnsafeBufferPointer { stc in
        stageThresholds.withUnsafeBufferPointer { stt in
            // Value of feature f at window base p, times the variance normalisation factor (all float).
            @inline(__always) func feature(_ f: Int, _ p: Int, _ vnf: Float) -> Float {
                let of = o[f]
                let s0 = d[p + Int(of.a0)] &- d[p + Int(of.b0)] &- d[p + Int(of.c0)] &+ d[p + Int(of.d0)]
                let s1 = d[p + Int(of.a1)] &- d[p + Int(of.b1)] &- d[p + Int(of.c1)] &+ d[p + Int(of.d1)]
                var r: Float = of.w0 * Float(s0) + of.w1 * Float(s1)
                if of.w2 != 0 {
                    let s2 = d[p + Int(of.a2)] &- d[p + Int(of.b2)] &- d[p + Int(of.c2)] &+ d[p + Int(of.d2)]
                    r += of.w2 * Float(s2)
                }
                return r * vnf
            }
            stumps.withUnsafeBufferPointer { st in
            var y = y0
            while y < y1 {
                var x = 0
                while x < width {
                    let p = y * s + x
                    let vs = d[p + n0] &- d[p + n1] &- d[p + n2] &+ d[p + n3]
                    let vq = q[p + n0] &- q[p + n1] &- q[p + n2] &+ q[p + n3]
                    var nf = area * Double(vq) - Double(vs) * Double(vs)
                    var result = -1
                    if nf > 0 {
                        nf = nf.squareRoot()
                        let vnf = Float(1.0 / nf)
                        if area * Double(vnf) < 1e-1 {
                            if stumpBased {
                                // predictOrderedStump, inlined.
                                result = 1
                                var k = 0
                                for si in 0..<stc.count {
                                    var sum = 0.0
                                    let end = k + stc[si]
                                    while k < end {
                                        let sk = st[k]
                                        let v = feature(Int(sk.feature), p, vnf)
                                        sum += Double(v < sk.threshold ? sk.left : sk.right)
                                        k += 1
                                    }
                                    if sum < Double(stt[si]) { result = -si; break }
                                }
                            } else {
                                result = runTrees(p, vnf, stc, stt, feature)
                            }
                        }
                    }
                    if result > 0 { hit(x, y) }
                    if result == 0 { x += step }
                    x += step
                }
                y += step
            }
            }
        }}}}}
    }

    /// `predictOrdered` (trees): 1 when all stages pass, else `−stageIndex`.
    @inline(__always)
    private func runTrees(_ p: Int, _ vnf: Float, _ stc: UnsafeBufferPointer<Int>, _ stt: UnsafeBufferPointer<Float>,
                          _ feature: (Int, Int, Float) -> Float) -> Int {
        var k = 0
        for si in 0..<stc.count {
            var sum = 0.0
            for _ in 0..<stc[si] {
                let nb = weakNodeStart[k], lb = weakLeafStart[k]
                var idx: Int32 = 0
                repeat {
                    let n = nb + Int(idx)
                    let v = feature(Int(nodeFeature[n]), p, vnf)
                    idx = v < nodeThreshold[n] ? nodeLeft[n] : nodeRight[n]
                } while idx > 0
                sum += Double(leaves[lb - Int(idx)])
                k += 1
            }
            if sum < Double(stt[si]) { return -si }
        }
        return 1
    }
}
