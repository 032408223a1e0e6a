import Foundation

/// Per-output-sample filter taps for one axis, computed exactly as Pillow's `precompute_coeffs`.
///
/// For output index `j` with `scale = (in1 − in0) / outSize` and `filterscale = max(scale, 1)`:
/// centre `c = in0 + (j + 0.5)·scale`, support `s = filter.support · filterscale`,
/// window `[trunc(c − s + 0.5), trunc(c + s + 0.5))` clipped to `[0, inSize)`,
/// tap `i` weight `w((i − c + 0.5) / filterscale)`, normalised to sum 1.
///
/// Layout: `start[j]`, `count[j]` and `weights[j * tapStride ..< j * tapStride + count[j]]`.
struct ResampleCoefficients: Sendable {
    /// Maximum taps per output sample (`2·ceil(s) + 1`).
    let tapStride: Int
    let start: [Int]
    let count: [Int]
    /// Normalised Double weights (Pillow's `double *kk`).
    let weights: [Double]

    init(inSize: Int, outSize: Int, filter: ResampleFilter, in0: Float = 0, in1: Float? = nil) {
        let in1 = in1 ?? Float(inSize)
        var filterscale = Double(in1 - in0) / Double(outSize)
        let scale = filterscale
        if filterscale < 1.0 { filterscale = 1.0 }
        let support = filter.support * filterscale
        let ksize = Int(ceil(support)) * 2 + 1
        var start = [Int](repeating: 0, count: outSize)
        var count = [Int](repeating: 0, count: outSize)
        var weights = [Double](repeating: 0, count: outSize * ksize)
        let invFilterscale = 1.0 / filterscale
        for xx in 0..<outSize {
            let center = Double(in0) + (Double(xx) + 0.5) * scale
            var ww = 0.0
            var xmin = Int(center - support + 0.5)  // C (int) cast: truncation toward zero
            if xmin < 0 { xmin = 0 }
            var xmax = Int(center + support + 0.5)
            if xmax > inSize { xmax = inSize }
            xmax -= xmin
            let base = xx * ksize
            if xmax > 0 {
                for x in 0..<xmax {
                    let w = filter.weight((Double(x + xmin) - center + 0.5) * invFilterscale)
                    weights[base + x] = w
                    ww += w
                }
                if ww != 0.0 {
                    for x in 0..<xmax { weights[base + x] /= ww }
                }
            }
            start[xx] = xmin
            count[xx] = max(xmax, 0)
        }
        self.tapStride = ksize
        self.start = start
        self.count = count
        self.weights = weights
    }

    /// Fixed-point weights with 22 fractional bits, rounded half away from zero
    /// (Pillow's `normalize_coeffs_8bpc`).
    func fixedPointWeights() -> [Int32] {
        let one = Double(1 << ResampleCoefficients.precisionBits)
        return weights.map { w in
            w < 0 ? Int32(-0.5 + w * one) : Int32(0.5 + w * one)
        }
    }

    /// `32 − 8 − 2`: 8 bits for the result, 2 for overflow of negative lobes.
    static let precisionBits = 22

    /// First input index used by any output sample.
    var firstUsed: Int { start.first ?? 0 }
    /// One past the last input index used by any output sample.
    var lastUsed: Int { (start.last ?? 0) + (count.last ?? 0) }
}
