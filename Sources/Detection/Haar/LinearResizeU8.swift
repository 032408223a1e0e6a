/// OpenCV's bit-exact bilinear resize of 8-bit images, `cv::resize(src, dst, dsize, 0, 0, INTER_LINEAR_EXACT)`
/// (`resize_bitExact` + `interpolationLinear` in `modules/imgproc/src/resize.cpp`), which is what
/// `CascadeClassifier::detectMultiScale` uses to build its image pyramid.
///
/// Formulas, per axis (source size `S`, destination size `D`):
/// - `scale = 1 / (D / S)` in double precision (OpenCV passes `inv_scale = (double)D / S`);
/// - for destination index `d`: `f = scale·(d + 0.5) − 0.5`, `i = ⌊f⌋`;
///   - `i < 0` (or `S == 1`): the sample is `src[0]` (weight 256);
///   - `i ≥ S − 1`: the sample is `src[S − 1]` (weight 256);
///   - otherwise two taps `src[i]`, `src[i + 1]` with Q8 weights `c1 = roundHalfEven((f − i)·256)`, `c0 = 256 − c1`.
/// - Horizontal pass: `h = c0·p[i] + c1·p[i+1]` (Q8, exact integers; border taps give `256·p`).
/// - Vertical pass: `out = (cy0·h[row i] + cy1·h[row i+1] + 2¹⁵) >> 16` (single-row taps: `(256·h + 2¹⁵) >> 16`).
/// When `D == S` on both axes the image is copied, as `cv::resize` does.
public enum LinearResizeU8 {
    /// Per-axis taps: source index of the first tap and its two Q8 weights (second weight 0 for one-tap borders).
    struct Taps {
        var offset: [Int]
        var c0: [Int32]
        var c1: [Int32]
    }

    static func taps(source s: Int, destination d: Int) -> Taps {
        let scale = 1.0 / (Double(d) / Double(s))
        var t = Taps(offset: [Int](repeating: 0, count: d), c0: [Int32](repeating: 256, count: d),
                     c1: [Int32](repeating: 0, count: d))
        for dx in 0..<d {
            let f = scale * (Double(dx) + 0.5) - 0.5
            let i = Int(f.rounded(.down))
            if i >= 0 && s > 1 {
                if i < s - 1 {
                    let c1 = Int32(((f - Double(i)) * 256).rounded(.toNearestOrEven))
                    t.offset[dx] = i
                    t.c1[dx] = c1
                    t.c0[dx] = 256 - c1
                } else {
                    t.offset[dx] = s - 1
                }
            } else {
                t.offset[dx] = 0
            }
        }
        return t
    }

    /// `src` resized to `width × height` exactly as OpenCV's `INTER_LINEAR_EXACT` on `CV_8UC1`.
    public static func resize(_ src: GreyImage, width: Int, height: Int) -> GreyImage {
        precondition(width > 0 && height > 0, "resize target must be positive")
        if width == src.width && height == src.height { return src }
        let tx = taps(source: src.width, destination: width)
        let ty = taps(source: src.height, destination: height)
        var out = [UInt8](repeating: 0, count: width * height)
        // Horizontal results of two source rows (Q8), cached by source row index.
        var rowA = [Int32](repeating: 0, count: width), rowB = [Int32](repeating: 0, count: width)
        var rowAIndex = -1, rowBIndex = -1
        src.pixels.withUnsafeBufferPointer { sp in
            out.withUnsafeMutableBufferPointer { op in
                func hpass(_ sy: Int, into buf: inout [Int32]) {
                    let base = sy * src.width
                    buf.withUnsafeMutableBufferPointer { bp in
                        for x in 0..<width {
                            let o = base + tx.offset[x]
                            let c1 = tx.c1[x]
                            if c1 == 0 {
                                bp[x] = tx.c0[x] &* Int32(sp[o])
                            } else {
                                bp[x] = tx.c0[x] &* Int32(sp[o]) &+ c1 &* Int32(sp[o + 1])
                            }
                        }
                    }
                }
                for y in 0..<height {
                    let sy = ty.offset[y]
                    let cy0 = ty.c0[y], cy1 = ty.c1[y]
                    if rowAIndex != sy {
                        if rowBIndex == sy { swap(&rowA, &rowB); swap(&rowAIndex, &rowBIndex) } else { hpass(sy, into: &rowA); rowAIndex = sy }
                    }
                    let ob = y * width
                    if cy1 == 0 {
                        for x in 0..<width {
                            op[ob + x] = UInt8(truncatingIfNeeded: (cy0 &* rowA[x] &+ 32768) >> 16)
                        }
                    } else {
                        if rowBIndex != sy + 1 { hpass(sy + 1, into: &rowB); rowBIndex = sy + 1 }
                        for x in 0..<width {
                            op[ob + x] = UInt8(truncatingIfNeeded: (cy0 &* rowA[x] &+ cy1 &* rowB[x] &+ 32768) >> 16)
                        }
                    }
                }
            }
        }
        return GreyImage(uncheckedWidth: width, height: height, pixels: out)
    }
}
