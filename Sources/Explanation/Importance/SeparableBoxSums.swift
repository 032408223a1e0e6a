import Imaging

/// Rectangle sums of a map `F = A_y · M · A_xᵀ` that is a separable linear image of a small map `M`
/// (a CAM resampled by cv2 bilinear and/or Pillow convolution resizes), without building `F`.
///
/// * `rowOperator`: width `M.height`, height `F.height`; entry `(i, r)` = `A_y[r, i]`.
/// * `columnOperator`: width `F.width`, height `M.width`; entry `(c, j)` = `A_x[c, j]`.
///
/// The operators are obtained by resampling an identity matrix with the same calls that resample
/// the CAM, so they carry the very float32 weights cv2 / Pillow use. Sums are accumulated in Double;
/// the only difference from summing the float32 map is that map's own float32 rounding.
struct SeparableBoxSums: Sendable {
    let height: Int
    let width: Int
    let sourceRows: Int
    /// `(height + 1) × sourceRows`: Σ_{r' < r} A_y[r', i].
    let rowPrefix: [Double]
    /// `sourceRows × (width + 1)`: Σ_{c' < c} (M · A_xᵀ)[i, c'].
    let columnPrefix: [Double]
    /// Non-zero band of each A_y row: `bandLow[r] ..< bandHigh[r]`.
    let bandLow: [Int]
    let bandHigh: [Int]
    /// Bands never move backwards (true for resampling operators); otherwise every source row is visited.
    let monotoneBands: Bool

    init(source m: FloatMap, rowOperator ay: FloatMap, columnOperator ax: FloatMap) {
        precondition(ay.width == m.height && ax.height == m.width, "operator shapes do not match the source map")
        height = ay.height
        width = ax.width
        sourceRows = m.height
        let n = m.height, mw = m.width, h = ay.height, w = ax.width

        var prefix = [Double](repeating: 0, count: (h + 1) * n)
        var low = [Int](repeating: 0, count: h), high = [Int](repeating: 0, count: h)
        var monotone = true
        ay.values.withUnsafeBufferPointer { a in
            prefix.withUnsafeMutableBufferPointer { p in
                for r in 0..<h {
                    var lo = n, hi = 0
                    for i in 0..<n {
                        let v = a[r * n + i]
                        p[(r + 1) * n + i] = p[r * n + i] + Double(v)
                        if v != 0 { lo = min(lo, i); hi = i + 1 }
                    }
                    if hi == 0 { lo = 0 }
                    low[r] = lo
                    high[r] = hi
                    if r > 0 && (lo < low[r - 1] || hi < high[r - 1]) && hi > 0 && high[r - 1] > 0 { monotone = false }
                }
            }
        }
        rowPrefix = prefix
        bandLow = low
        bandHigh = high
        monotoneBands = monotone

        // Non-zero band of each A_x row (output column c), then prefix sums of M·A_xᵀ along c.
        var cLow = [Int](repeating: mw, count: w), cHigh = [Int](repeating: 0, count: w)
        var colWeights = [Double](repeating: 0, count: w * mw)  // transposed: [c * mw + j]
        ax.values.withUnsafeBufferPointer { a in
            for j in 0..<mw {
                for c in 0..<w {
                    let v = a[j * w + c]
                    if v != 0 {
                        colWeights[c * mw + j] = Double(v)
                        cLow[c] = min(cLow[c], j)
                        cHigh[c] = max(cHigh[c], j + 1)
                    }
                }
            }
        }
        var cols = [Double](repeating: 0, count: n * (w + 1))
        m.values.withUnsafeBufferPointer { src in
            colWeights.withUnsafeBufferPointer { cw in
                cols.withUnsafeMutableBufferPointer { t in
                    for i in 0..<n {
                        var running = 0.0
                        let row = i * mw, out = i * (w + 1)
                        for c in 0..<w {
                            var s = 0.0
                            var j = cLow[c]
                            while j < cHigh[c] {
                                s += Double(src[row + j]) * cw[c * mw + j]
                                j += 1
                            }
                            running += s
                            t[out + c + 1] = running
                        }
                    }
                }
            }
        }
        columnPrefix = cols
    }

    /// Σ of `F` over `rows × columns` (within `F`).
    func sum(rows: Range<Int>, columns: Range<Int>) -> Double {
        guard !rows.isEmpty, !columns.isEmpty else { return 0 }
        precondition(rows.lowerBound >= 0 && rows.upperBound <= height
                     && columns.lowerBound >= 0 && columns.upperBound <= width, "rectangle outside the map")
        let n = sourceRows, stride = width + 1
        let lo = monotoneBands ? bandLow[rows.lowerBound] : 0
        let hi = monotoneBands ? max(bandHigh[rows.upperBound - 1], lo) : n
        let r0 = rows.lowerBound * n, r1 = rows.upperBound * n
        let c0 = columns.lowerBound, c1 = columns.upperBound
        var s = 0.0
        rowPrefix.withUnsafeBufferPointer { p in
            columnPrefix.withUnsafeBufferPointer { t in
                for i in lo..<hi {
                    let u = p[r1 + i] - p[r0 + i]
                    s += u * (t[i * stride + c1] - t[i * stride + c0])
                }
            }
        }
        return s
    }
}
