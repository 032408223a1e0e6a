/// 2-D convolution by im2col + `cblas_sgemm`, batched over images.
///
/// `out[n, o, y, x] = bias[o] + Σ_{i,r,s} W[o, i, r, s] · in[n, g·Cin/G + i, y·stride + r − pad, x·stride + s − pad]`
/// with zero padding. Per group, the im2col matrix has `K = Cin/G·k·k` rows (row index `(i·k + r)·k + s`,
/// matching PyTorch's weight layout) and one column per output pixel of every image in the chunk
/// (column `m·HW + y·Wout + x` for the chunk's m-th image), so the GEMM is
/// `[Cout/G × K] · [K × chunk·HW]`. Chunks keep the im2col buffer near 16 MB.
public enum Convolution {
    /// Images per GEMM so that the im2col buffer stays under `maxColumnFloats`.
    public static func chunkSize(_ g: ConvolutionGeometry, batch: Int, maxColumnFloats: Int = 4 << 20) -> Int {
        // Large output planes already make a wide GEMM; batching them only adds a staging copy.
        if g.outPixels >= 2048 { return 1 }
        return max(1, min(batch, maxColumnFloats / max(1, g.patchSize * g.outPixels)))
    }

    /// Runs the convolution. `input` holds `batch` images `[Cin, H, W]`; `output` receives
    /// `batch` images `[Cout, Hout, Wout]`.
    public static func forward(_ g: ConvolutionGeometry, batch: Int,
                               input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                               output: UnsafeMutablePointer<Float>) {
        let chunk = chunkSize(g, batch: batch)
        let hw = g.outPixels
        let k = g.patchSize
        let og = g.outChannelsPerGroup
        // Scratch buffers: im2col writes every element, the staging area is bias-filled before use.
        let col = UnsafeMutableBufferPointer<Float>.allocate(capacity: k * chunk * hw)
        let stage = UnsafeMutableBufferPointer<Float>.allocate(capacity: chunk > 1 ? og * chunk * hw : 1)
        defer { col.deallocate(); stage.deallocate() }
        do {
            do {
                var n0 = 0
                while n0 < batch {
                    let m = min(chunk, batch - n0)
                    for group in 0..<g.groups {
                        for j in 0..<m {
                            let image = input + (n0 + j) * g.inChannels * g.inPlane
                            im2col(g, image: image + group * g.inChannelsPerGroup * g.inPlane,
                                   columns: col.baseAddress!, columnOffset: j * hw, rowLength: m * hw)
                        }
                        let w = weights + group * og * k
                        let b = bias + group * og
                        if m == 1 {
                            let out = output + (n0 * g.outChannels + group * og) * hw
                            for o in 0..<og { (out + o * hw).update(repeating: b[o], count: hw) }
                            BLAS.sgemm(m: og, n: hw, k: k, a: w, lda: k, b: col.baseAddress!, ldb: hw,
                                       beta: 1, c: out, ldc: hw)
                        } else {
                            let s = stage.baseAddress!
                            for o in 0..<og { (s + o * m * hw).update(repeating: b[o], count: m * hw) }
                            BLAS.sgemm(m: og, n: m * hw, k: k, a: w, lda: k, b: col.baseAddress!, ldb: m * hw,
                                       beta: 1, c: s, ldc: m * hw)
                            for j in 0..<m {
                                let out = output + ((n0 + j) * g.outChannels + group * og) * hw
                                for o in 0..<og {
                                    (out + o * hw).update(from: s + o * m * hw + j * hw, count: hw)
                                }
                            }
                        }
                    }
                    n0 += m
                }
            }
        }
    }

    /// Writes one image's patches (channels of one group) into columns
    /// `[columnOffset, columnOffset + HW)` of a `K × rowLength` matrix.
    static func im2col(_ g: ConvolutionGeometry, image: UnsafePointer<Float>,
                       columns: UnsafeMutablePointer<Float>, columnOffset: Int, rowLength: Int) {
        let kk = g.kernel, s = g.stride, p = g.padding
        let h = g.inHeight, w = g.inWidth, ho = g.outHeight, wo = g.outWidth
        var row = 0
        for c in 0..<g.inChannelsPerGroup {
            let plane = image + c * h * w
            for r in 0..<kk {
                for q in 0..<kk {
                    let dst = columns + row * rowLength + columnOffset
                    // Valid output x range for this kernel column: 0 ≤ x·s + q − p < w.
                    let xLo = max(0, (p - q + s - 1) / s)
                    let xHi = min(wo, (w - 1 + p - q) / s + 1)  // exclusive
                    for y in 0..<ho {
                        let sy = y * s + r - p
                        let d = dst + y * wo
                        if sy < 0 || sy >= h || xHi <= xLo {
                            d.update(repeating: 0, count: wo)
                            continue
                        }
                        if xLo > 0 { d.update(repeating: 0, count: xLo) }
                        if xHi < wo { (d + xHi).update(repeating: 0, count: wo - xHi) }
                        let srcRow = plane + sy * w + q - p
                        if s == 1 {
                            for x in xLo..<xHi { d[x] = srcRow[x] }
                        } else {
                            var x = xLo
                            while x < xHi { d[x] = srcRow[x * s]; x += 1 }
                        }
                    }
                    row += 1
                }
            }
        }
    }
}
