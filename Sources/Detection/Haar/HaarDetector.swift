import Foundation

/// OpenCV 4.x `CascadeClassifier::detectMultiScale` for new-style HAAR cascades, reproduced step by step
/// (`modules/objdetect/src/cascadedetect.cpp`, `cascadedetect.hpp`).
///
/// Algorithm:
/// 1. Scales: `factor = 1, s, s², …` (double) while `cvRound(W·factor) × cvRound(H·factor)` fits the image,
///    each stored as `Float(factor)` (all later arithmetic uses the float); keep those whose float-scaled
///    window is within `minSize…maxSize` (`maxSize` 0 = the image); if none, the one closest to `minSize`.
/// 2. Per scale `sc`: the grey image is resized to `cvRound(w/sc) × cvRound(h/sc)` (float division) with
///    ``LinearResizeU8`` (`INTER_LINEAR_EXACT`); its integral (int32), squared integral (uint32, wrapping)
///    and, for cascades with tilted features, rotated integral are computed. Step `ystep = sc ≥ 2 ? 1 : 2`.
/// 3. Windows: top-left `(x, y)` on the `ystep` grid with `x < w' + 1 − W`, `y < h' + 1 − H`, visited in
///    OpenCV's single-thread order (`ceil(workingWidth₀/32)` horizontal stripes, each stripe over all scales).
///    Variance normalisation uses the window shrunk by 1 px (`area = (W−2)(H−2)`):
///    `nf = area·Σx² − (Σx)²` (double); windows with `nf ≤ 0` or `area·Float(1/√nf) ≥ 0.1` are rejected.
/// 4. Feature value (float): `(w₀·S₀ + w₁·S₁ [+ w₂·S₂]) · Float(1/√nf)`, compared `< threshold` (float);
///    stage sums accumulate the float leaf values in double and pass when `≥ stageThreshold − 1e-5f`.
/// 5. Hits map back as `(cvRound(x·sc), cvRound(y·sc), cvRound(W·sc), cvRound(H·sc))` (float products),
///    then ``RectangleGrouping`` (`groupRectangles(minNeighbors, eps 0.2)`) and clipping to the image.
///
/// Not reproduced: old-style cascades, LBP, OpenCL, masks, reject-level outputs. `cvRound` is round-half-to-even (as `lrint`/`lrintf`).
public struct HaarDetector: Sendable {
    public let cascade: HaarCascade
    /// Object class written into ``DetectionBox/label``.
    public var label: String
    /// Written into ``DetectionBox/source``.
    public var source: String

    private let plan: Plan

    public init(cascade: HaarCascade, label: String = "object", source: String? = nil) {
        self.cascade = cascade
        self.label = label
        self.source = source ?? "haar:" + (cascade.name as NSString).lastPathComponent
        self.plan = Plan(cascade)
    }

    /// Loads the cascade at `path` (see ``HaarCascade/load(contentsOf:)``).
    public init(contentsOf path: String, label: String = "object") throws(HaarError) {
        self.init(cascade: try HaarCascade.load(contentsOf: path), label: label)
    }

    /// Detections as ``DetectionBox``es in `grey`'s pixel coordinates; `score` is the group size.
    /// Defaults follow OpenCV: `scaleFactor 1.1`, `minNeighbors 3`, `minSize (0,0)`, `maxSize (0,0)` = the image.
    public func detectMultiScale(grey: GreyImage, scaleFactor: Double = 1.1, minNeighbors: Int = 3,
                                 minSize: (width: Int, height: Int) = (0, 0),
                                 maxSize: (width: Int, height: Int) = (0, 0)) throws(HaarError) -> [DetectionBox] {
        try detectRects(grey: grey, scaleFactor: scaleFactor, minNeighbors: minNeighbors, minSize: minSize, maxSize: maxSize)
            .map { DetectionBox(label: label, score: Double($0.count), x: Double($0.rect.x), y: Double($0.rect.y),
                                width: Double($0.rect.width), height: Double($0.rect.height), source: source) }
    }

    /// The grouped integer rectangles (what `cv2.CascadeClassifier.detectMultiScale` returns, same order)
    /// with the number of raw hits in each group.
    public func detectRects(grey: GreyImage, scaleFactor: Double = 1.1, minNeighbors: Int = 3,
                            minSize: (width: Int, height: Int) = (0, 0),
                            maxSize: (width: Int, height: Int) = (0, 0)) throws(HaarError) -> [(rect: PixelRect, count: Int)] {
        let raw = try candidates(grey: grey, scaleFactor: scaleFactor, minSize: minSize, maxSize: maxSize)
        let grouped = RectangleGrouping.group(raw, groupThreshold: minNeighbors, eps: 0.2)
        let bounds = PixelRect(x: 0, y: 0, width: grey.width, height: grey.height)
        return grouped.compactMap { g in
            let r = bounds.intersection(g.rect)
            return r.area > 0 ? (r, g.count) : nil
        }
    }

    /// One pyramid level.
    struct Scale {
        var scale: Float
        var width: Int   // resized image size
        var height: Int
        var ystep: Int
    }

    /// The scales `detectMultiScale` would visit (OpenCV 4.x `detectMultiScaleNoGrouping` + `updateScaleData`):
    /// all `Float(factor)` whose window `cvRound(W·factor)` (double) fits the image; of those, the ones whose
    /// window `cvRound(W·sc)` (float) lies within `minSize…maxSize` (stopping at the first above `maxSize`);
    /// if none does, the single scale whose window is closest (L2, first minimum) to `minSize`.
    func scales(imageWidth: Int, imageHeight: Int, scaleFactor: Double,
                minSize: (width: Int, height: Int), maxSize: (width: Int, height: Int)) -> [Scale] {
        let ww = cascade.windowWidth, wh = cascade.windowHeight
        var maxW = maxSize.width, maxH = maxSize.height
        if maxW == 0 || maxH == 0 { maxW = imageWidth; maxH = imageHeight }
        var all = [Float]()
        var factor = 1.0
        while true {
            let w = cvRound(Double(ww) * factor), h = cvRound(Double(wh) * factor)
            if w > imageWidth || h > imageHeight { break }
            all.append(Float(factor))
            factor *= scaleFactor
        }
        var kept = [Float]()
        for sc in all {
            let w = cvRound(Float(ww) * sc), h = cvRound(Float(wh) * sc)
            if w > maxW || h > maxH { break }
            if w < minSize.width || h < minSize.height { continue }
            kept.append(sc)
        }
        if kept.isEmpty && !all.isEmpty {
            var best = 0, bestD = Double.infinity
            for (i, sc) in all.enumerated() {
                let dw = minSize.width - cvRound(Float(ww) * sc), dh = minSize.height - cvRound(Float(wh) * sc)
                let d = Double(dw * dw + dh * dh)
                if bestD > d { bestD = d; best = i }
            }
            kept.append(all[best])
        }
        return kept.map { sc in
            Scale(scale: sc, width: cvRound(Float(imageWidth) / sc), height: cvRound(Float(imageHeight) / sc),
                  ystep: sc >= 2 ? 1 : 2)
        }
    }

    /// Raw (ungrouped) hits in OpenCV's single-thread order.
    public func candidates(grey: GreyImage, scaleFactor: Double = 1.1,
                           minSize: (width: Int, height: Int) = (0, 0),
                           maxSize: (width: Int, height: Int) = (0, 0)) throws(HaarError) -> [PixelRect] {
        guard scaleFactor > 1, scaleFactor.isFinite else {
            throw HaarError(.invalidParameter, "scaleFactor must be > 1, got \(scaleFactor)")
        }
        let ww = cascade.windowWidth, wh = cascade.windowHeight
        if grey.width < ww || grey.height < wh { return [] }
        let levels = scales(imageWidth: grey.width, imageHeight: grey.height, scaleFactor: scaleFactor,
                            minSize: minSize, maxSize: maxSize)
        if levels.isEmpty { return [] }
        // Working sizes and OpenCV's stripe layout.
        let working = levels.map { (w: max($0.width + 1 - ww, 0), h: max($0.height + 1 - wh, 0)) }
        let nstripes = Int((Double(working[0].w) / 32).rounded(.up))
        if nstripes <= 0 { return [] }
        let stripeSizes = levels.indices.map { i in
            max((working[i].h / levels[i].ystep + nstripes - 1) / nstripes, 1) * levels[i].ystep
        }
        // Integral images per scale (computed up front, as OpenCV's setImage does).
        let integrals = levels.map { lv in
            IntegralImages(LinearResizeU8.resize(grey, width: lv.width, height: lv.height), tilted: plan.needsTilted)
        }
        let offsets = integrals.map { plan.offsets(stride: $0.stride, tiltedOffset: $0.tiltedOffset) }
        var hits = [PixelRect]()
        for stripe in 0..<nstripes {
            for (i, lv) in levels.enumerated() {
                let ii = integrals[i]
                let y0 = stripe * stripeSizes[i]
                let y1 = min((stripe + 1) * stripeSizes[i], working[i].h)
                if y0 >= y1 { continue }
                let winW = cvRound(Float(ww) * lv.scale), winH = cvRound(Float(wh) * lv.scale)
                plan.scan(ii, offsets: offsets[i], stumps: plan.stumps, y0: y0, y1: y1, width: working[i].w, step: lv.ystep) { x, y in
                    hits.append(PixelRect(x: cvRound(Float(x) * lv.scale), y: cvRound(Float(y) * lv.scale), width: winW, height: winH))
                }
            }
        }
        return hits
    }
}

@inline(__always) func cvRound(_ v: Double) -> Int { Int(v.rounded(.toNearestOrEven)) }
@inline(__always) func cvRound(_ v: Float) -> Int { Int(v.rounded(.toNearestOrEven)) }

/// Integral images of one pyramid level, each `(w+1) × (h+1)`, row stride `w + 1`, first row and column 0.
/// `data` holds the plain sum (int32, wrapping) followed, when requested, by the rotated sum at `tiltedOffset`:
/// `tilted(X, Y) = Σ { I(x, y) : y < Y, |x − X + 1| ≤ Y − y − 1 }` (OpenCV's `integral(…, tilted)`).
/// `squares` is the integral of `I²` in wrapping uint32 (OpenCV stores it as `CV_32S`).
struct IntegralImages {
    let stride: Int
    let tiltedOffset: Int
    var data: [Int32]
    var squares: [UInt32]

    init(_ img: GreyImage, tilted: Bool) {
        let w = img.width, h = img.height, s = w + 1, n = s * (h + 1)
        stride = s
        tiltedOffset = n
        var d = [Int32](repeating: 0, count: tilted ? 2 * n : n)
        var q = [UInt32](repeating: 0, count: n)
        img.pixels.withUnsafeBufferPointer { p in
            d.withUnsafeMutableBufferPointer { dp in
                q.withUnsafeMutableBufferPointer { qp in
                    for y in 0..<h {
                        var rs: Int32 = 0
                        var rq: UInt32 = 0
                        let row = y * w, above = y * s, cur = (y + 1) * s
                        for x in 0..<w {
                            let v = p[row + x]
                            rs &+= Int32(v)
                            rq &+= UInt32(v) &* UInt32(v)
                            dp[cur + x + 1] = dp[above + x + 1] &+ rs
                            qp[cur + x + 1] = qp[above + x + 1] &+ rq
                        }
                    }
                    if tilted {
                        // T(X,Y) = A(X,Y) − B(X,Y), with row prefix sums P_y(k) = Σ_{x<k} I(x,y) (k clamped to 0…w):
                        // A(X,Y) = A(X+1,Y−1) + P_{Y−1}(X),  B(X,Y) = B(X−1,Y−1) + P_{Y−1}(X−1).
                        // A is kept for X in 0…w+h, B for X in −h…w (index X + h).
                        let aw = w + h + 1, bw = w + h + 1
                        var aPrev = [Int32](repeating: 0, count: aw), aCur = aPrev
                        var bPrev = [Int32](repeating: 0, count: bw), bCur = bPrev
                        var prefix = [Int32](repeating: 0, count: w + 1)
                        for yy in 1...h {
                            let row = (yy - 1) * w
                            var acc: Int32 = 0
                            prefix[0] = 0
                            for x in 0..<w { acc &+= Int32(p[row + x]); prefix[x + 1] = acc }
                            let total = prefix[w]
                            for X in 0..<aw {
                                let above = X + 1 < aw ? aPrev[X + 1] : aPrev[aw - 1]
                                aCur[X] = above &+ (X >= w ? total : prefix[X])
                            }
                            for bi in 0..<bw {
                                let X = bi - h
                                let prev = bi - 1 >= 0 ? bPrev[bi - 1] : 0
                                let k = X - 1
                                bCur[bi] = prev &+ (k <= 0 ? 0 : (k >= w ? total : prefix[k]))
                            }
                            for X in 0...w { dp[n + yy * s + X] = aCur[X] &- bCur[X + h] }
                            swap(&aPrev, &aCur)
                            swap(&bPrev, &bCur)
                        }
                    }
                }
            }
        }
        data = d
        squares = q
    }
}
