import Imaging

/// EmoCAM's "object importance": the mean of the CAM inside a detected object's box
/// (reference §4.5), under either ``ImportanceConvention``. See `docs/importance.md`.
///
/// Everything box-independent is computed once per CAM in `init`; each box then costs at most
/// 227 multiply-adds (``ImportanceEvaluation/factorised``, the default) or O(1)
/// (``ImportanceEvaluation/fullResolution``, a summed-area-table lookup).
///
/// Precomputation for a W×H image (see ``ImportanceEvaluation`` and `docs/importance.md`):
/// * always: the 227×227 map (13×13 → 227×227, negligible);
/// * ``ImportanceEvaluation/factorised``: prefix tables of the resampling operators applied to the
///   227×227 map — O(227·(W + H)·taps) time, 8·227·(W + H + 2) bytes; the W×H map is never built;
/// * ``ImportanceEvaluation/fullResolution``: the W×H map (cv2 bilinear, O(W·H)), then either its
///   Double summed-area table (clamped; 8·(W+1)·(H+1) bytes) or Pillow BICUBIC to the letterbox
///   size (O(W·H·taps)) and that map's table (emocam).
public struct ObjectImportance: Sendable {
    public let convention: ImportanceConvention
    public let imageWidth: Int
    public let imageHeight: Int
    public let letterbox: LetterboxGeometry
    /// The CAM as pytorch-grad-cam returns it: float32 227×227 in [0, 1].
    public let map227: FloatMap
    public let evaluation: ImportanceEvaluation
    /// The 608×608 letterboxed map (``ImportanceConvention/emocam`` with
    /// ``ImportanceEvaluation/fullResolution`` only; ``letterboxMap(original:geometry:)`` builds it).
    public let letterboxMap: FloatMap?
    /// Sums over the W×H map (clamped) or over the letterbox interior, `resizedWidth × resizedHeight`
    /// at `(padLeft, padTop)` (emocam; the padding is zero).
    let sums: BoxSumSource

    /// Side of the network input the CAM is aligned with.
    public static let camSide = 227

    /// From the raw 13×13 (or any size) layer map, post-processed as pytorch-grad-cam 1.5.7 does
    /// (``camMap227(raw:)``).
    public init(rawCAM: FloatMap, imageWidth: Int, imageHeight: Int,
                convention: ImportanceConvention = .clamped,
                evaluation: ImportanceEvaluation = .factorised) throws(ImageError) {
        try self.init(cam227: Self.camMap227(raw: rawCAM), imageWidth: imageWidth, imageHeight: imageHeight,
                      convention: convention, evaluation: evaluation)
    }

    /// From a computed CAM: pytorch-grad-cam's post-processing (``camMap227(raw:)``) for its methods,
    /// ``CAMMap/upsampled(width:height:)`` (bilinear, then min-max with ε = 0) for EmoCAM's
    /// Captum-based LIFT-, LRP- and LIME-CAM.
    public init(cam: CAMMap, imageWidth: Int, imageHeight: Int,
                convention: ImportanceConvention = .clamped,
                evaluation: ImportanceEvaluation = .factorised) throws(ImageError) {
        let m227 = cam.method.scoresLogits ? cam.upsampled(width: Self.camSide, height: Self.camSide)
                                           : try Self.camMap227(raw: cam.raw)
        try self.init(cam227: m227, imageWidth: imageWidth, imageHeight: imageHeight,
                      convention: convention, evaluation: evaluation)
    }

    /// From a CAM already at 227×227 in [0, 1] (e.g. ``CAMMap/upsampled(width:height:)`` for the
    /// Captum-style methods, whose scaling differs).
    public init(cam227: FloatMap, imageWidth: Int, imageHeight: Int,
                convention: ImportanceConvention = .clamped,
                evaluation: ImportanceEvaluation = .factorised) throws(ImageError) {
        self.convention = convention
        self.evaluation = evaluation
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        letterbox = try LetterboxGeometry(imageWidth: imageWidth, imageHeight: imageHeight)
        map227 = cam227
        switch (evaluation, convention) {
        case (.fullResolution, .clamped):
            let original = try Self.originalSizeMap(cam227: cam227, width: imageWidth, height: imageHeight)
            sums = .table(SummedAreaTable(original))
            letterboxMap = nil
        case (.fullResolution, .emocam):
            let original = try Self.originalSizeMap(cam227: cam227, width: imageWidth, height: imageHeight)
            let interior = try original.pillowResized(width: letterbox.resizedWidth, height: letterbox.resizedHeight,
                                                      filter: .bicubic)
            sums = .table(SummedAreaTable(interior))
            letterboxMap = try letterbox.padded(interior)
        case (.factorised, _):
            // Resample identity matrices with the same calls: rows of A_y / columns of A_x.
            var ay = try Self.identity(cam227.height).bilinearResized(width: cam227.height, height: imageHeight)
            var ax = try Self.identity(cam227.width).bilinearResized(width: imageWidth, height: cam227.width)
            if convention == .emocam {
                ay = try ay.pillowResized(width: ay.width, height: letterbox.resizedHeight, filter: .bicubic)
                ax = try ax.pillowResized(width: letterbox.resizedWidth, height: ax.height, filter: .bicubic)
            }
            sums = .separable(SeparableBoxSums(source: cam227, rowOperator: ay, columnOperator: ax))
            letterboxMap = nil
        }
    }

    static func identity(_ n: Int) throws(ImageError) -> FloatMap {
        var m = try FloatMap(width: n, height: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    // MARK: - Maps (steps 1–3 of reference §4.5)

    /// Step 1, pytorch-grad-cam 1.5.7 for one target layer: `max(0, L)` (`compute_cam_per_layer`),
    /// `scale_cam_image` to 227×227 (`L − min`, `/ (max + 1e-7)`, cv2 bilinear), then
    /// `aggregate_multi_layers`: `max(0, ·)`, mean over the single layer, `scale_cam_image` again.
    /// float32 throughout. A constant map gives all zeros. (NaN entries become 0 here; numpy would
    /// propagate them.)
    public static func camMap227(raw: FloatMap) throws(ImageError) -> FloatMap {
        var relu = raw
        for i in relu.values.indices where !(relu.values[i] > 0) { relu.values[i] = 0 }
        var up = try MapScaling.minMax(relu, epsilon: 1e-7).bilinearResized(width: camSide, height: camSide)
        for i in up.values.indices where !(up.values[i] > 0) { up.values[i] = 0 }
        return MapScaling.minMax(up, epsilon: 1e-7)
    }

    /// Step 2: the 227×227 map back at the original W×H, `cv2.resize(cam, (W, H))` (INTER_LINEAR).
    public static func originalSizeMap(cam227: FloatMap, width: Int, height: Int) throws(ImageError) -> FloatMap {
        try cam227.bilinearResized(width: width, height: height)
    }

    /// Step 3: Pillow `Image.fromarray(map, "F").resize((w', h'), BICUBIC)` to the letterbox size,
    /// zero-padded to 608×608 (no clipping: bicubic overshoots stay).
    public static func letterboxMap(original: FloatMap, geometry: LetterboxGeometry) throws(ImageError) -> FloatMap {
        let resized = try original.pillowResized(width: geometry.resizedWidth, height: geometry.resizedHeight,
                                                 filter: .bicubic)
        return try geometry.padded(resized)
    }

    // MARK: - Importance

    /// The importance of `box`, given in `boxFrame`. Under ``ImportanceConvention/clamped`` a
    /// letterbox box is first mapped back to original pixels (``LetterboxGeometry/toOriginal(_:)``);
    /// under ``ImportanceConvention/emocam`` an original-pixel box is first mapped into the letterbox
    /// (``LetterboxGeometry/toLetterbox(_:)``).
    public func importance(of box: ImportanceBox, boxFrame: ImportanceBoxFrame = .original) -> ImportanceResult {
        switch convention {
        case .clamped:
            return clampedImportance(boxFrame == .original ? box : letterbox.toOriginal(box))
        case .emocam:
            return emocamImportance(boxFrame == .letterbox608 ? box : letterbox.toLetterbox(box))
        }
    }

    /// Importances of many boxes (same frame).
    public func importances(of boxes: [ImportanceBox], boxFrame: ImportanceBoxFrame = .original) -> [ImportanceResult] {
        boxes.map { importance(of: $0, boxFrame: boxFrame) }
    }

    /// Pixel columns (or rows) whose centre lies in `[origin, origin + extent)`:
    /// `⌈origin − 0.5⌉ ..< ⌈origin + extent − 0.5⌉` (before clamping). `nil` when empty.
    public static func centreRange(origin: Double, extent: Double) -> Range<Int>? {
        let limit = 9_007_199_254_740_992.0
        func ceilIndex(_ v: Double) -> Int { Int(min(max(v, -limit), limit).rounded(.up)) }
        let lo = ceilIndex(origin - 0.5), hi = ceilIndex(origin + extent - 0.5)
        return hi > lo ? lo..<hi : nil
    }

    func clampedImportance(_ box: ImportanceBox) -> ImportanceResult {
        guard box.isFinite else { return .missing("non-finite box coordinates") }
        guard let cols = Self.centreRange(origin: box.x, extent: box.width),
              let rows = Self.centreRange(origin: box.y, extent: box.height)
        else { return .missing("empty box") }
        let c = cols.clamped(to: 0..<imageWidth), r = rows.clamped(to: 0..<imageHeight)
        guard !c.isEmpty, !r.isEmpty else { return .missing("box outside the image") }
        let mean = sums.sum(rows: r, columns: c) / Double(r.count * c.count)
        return ImportanceResult(value: mean, reason: nil, rows: r, columns: c,
                                note: (c == cols && r == rows) ? nil : "clamped to the image")
    }

    func emocamImportance(_ box: ImportanceBox) -> ImportanceResult {
        guard let x0 = PythonSlice.int(box.x), let x1 = PythonSlice.int(box.x + box.width),
              let y0 = PythonSlice.int(box.y), let y1 = PythonSlice.int(box.y + box.height)
        else { return .missing("non-finite box coordinates (Python int() raises)") }
        let n = letterbox.side
        let rows = PythonSlice.range(start: y0, stop: y1, count: n)
        let cols = PythonSlice.range(start: x0, stop: x1, count: n)
        guard !rows.isEmpty, !cols.isEmpty else {
            return .missing("empty slice cam608[\(y0):\(y1), \(x0):\(x1)] (NaN in EmoCAM)")
        }
        // The padding is zero: only the part of the slice over the resized interior contributes.
        let lb = letterbox
        let ir = rows.clamped(to: lb.padTop..<(lb.padTop + lb.resizedHeight))
        let ic = cols.clamped(to: lb.padLeft..<(lb.padLeft + lb.resizedWidth))
        var total = 0.0
        if !ir.isEmpty && !ic.isEmpty {
            total = sums.sum(rows: (ir.lowerBound - lb.padTop)..<(ir.upperBound - lb.padTop),
                             columns: (ic.lowerBound - lb.padLeft)..<(ic.upperBound - lb.padLeft))
        }
        let mean = total / Double(rows.count * cols.count)
        let wrapped = x0 < 0 || y0 < 0 || x1 < 0 || y1 < 0
        return ImportanceResult(value: mean, reason: nil, rows: rows, columns: cols,
                                note: wrapped ? "negative index wrapped around (EmoCAM A8 quirk)" : nil)
    }
}
