import Foundation
import Inference
import Testing

/// Unit tests of the layers against direct Double-precision definitions.
@Suite("Layers")
struct LayerTests {
    /// Deterministic pseudo-random floats in [−1, 1).
    static func values(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in Float(rng.uniform() * 2 - 1) }
    }

    @Test("MATLAB flatten: a one-hot at pool5[c, h, w] lands at 36c + 6w + h")
    func flattenOneHot() {
        for (c, h, w) in [(0, 0, 0), (0, 1, 0), (0, 0, 1), (5, 2, 4), (255, 5, 5), (17, 0, 5), (130, 4, 1)] {
            var pool = [Float](repeating: 0, count: 256 * 36)
            pool[c * 36 + h * 6 + w] = 1
            var flat = [Float](repeating: 0, count: 9216)
            MATLABFlatten.forward(batch: 1, channels: 256, height: 6, width: 6, input: pool, output: &flat)
            #expect(flat.firstIndex(of: 1) == 36 * c + 6 * w + h)
            var back = [Float](repeating: 0, count: 9216)
            MATLABFlatten.backward(batch: 1, channels: 256, height: 6, width: 6, gradient: flat, output: &back)
            #expect(back == pool)
        }
    }

    @Test("LRN equals the Double formula at channels 0, 1, C−2, C−1 and inside")
    func lrnEdges() {
        let c = 12, plane = 7
        let x = Self.values(c * plane, seed: 3).map { abs($0) * 40 }  // post-ReLU scale
        var y = [Float](repeating: 0, count: x.count)
        let lrn = LocalResponseNorm()
        lrn.forward(batch: 1, channels: c, plane: plane, input: x, output: &y)
        for ch in [0, 1, 5, c - 2, c - 1] {
            for p in 0..<plane {
                var s = 0.0
                for j in max(0, ch - 2)...min(c - 1, ch + 2) { s += Double(x[j * plane + p]) * Double(x[j * plane + p]) }
                let want = Double(x[ch * plane + p]) / pow(1 + 1e-4 / 5 * s, 0.75)
                #expect(abs(Double(y[ch * plane + p]) - want) <= 2e-6 * abs(want) + 1e-7, "channel \(ch)")
            }
        }
    }

    /// Direct six-loop convolution in Double.
    static func naiveConv(_ g: ConvolutionGeometry, batch: Int, _ x: [Float], _ w: [Float], _ b: [Float]) -> [Double] {
        var out = [Double](repeating: 0, count: batch * g.outChannels * g.outPixels)
        let cg = g.inChannelsPerGroup, og = g.outChannelsPerGroup
        for n in 0..<batch {
            for o in 0..<g.outChannels {
                let group = o / og
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        var s = Double(b[o])
                        for i in 0..<cg {
                            let ic = group * cg + i
                            for r in 0..<g.kernel {
                                for q in 0..<g.kernel {
                                    let iy = oy * g.stride + r - g.padding, ix = ox * g.stride + q - g.padding
                                    guard iy >= 0, iy < g.inHeight, ix >= 0, ix < g.inWidth else { continue }
                                    s += Double(w[((o * cg + i) * g.kernel + r) * g.kernel + q])
                                        * Double(x[((n * g.inChannels + ic) * g.inHeight + iy) * g.inWidth + ix])
                                }
                            }
                        }
                        out[((n * g.outChannels + o) * g.outHeight + oy) * g.outWidth + ox] = s
                    }
                }
            }
        }
        return out
    }

    @Test("grouped, strided and padded convolution equals a naive loop",
          arguments: [
              ConvolutionGeometry(inChannels: 4, outChannels: 6, kernel: 3, stride: 1, padding: 1, groups: 2, inHeight: 9, inWidth: 7),
              ConvolutionGeometry(inChannels: 3, outChannels: 5, kernel: 5, stride: 4, padding: 0, groups: 1, inHeight: 23, inWidth: 19),
              ConvolutionGeometry(inChannels: 6, outChannels: 4, kernel: 5, stride: 1, padding: 2, groups: 2, inHeight: 8, inWidth: 8),
              ConvolutionGeometry(inChannels: 8, outChannels: 8, kernel: 3, stride: 2, padding: 1, groups: 4, inHeight: 11, inWidth: 10),
          ])
    func convolution(_ g: ConvolutionGeometry) {
        for batch in [1, 3] {
            let x = Self.values(batch * g.inChannels * g.inPlane, seed: 11)
            let w = Self.values(g.weightShape.reduce(1, *), seed: 12)
            let b = Self.values(g.outChannels, seed: 13)
            var y = [Float](repeating: .nan, count: batch * g.outChannels * g.outPixels)
            Convolution.forward(g, batch: batch, input: x, weights: w, bias: b, output: &y)
            let want = Self.naiveConv(g, batch: batch, x, w, b)
            let worst = zip(y, want).map { abs(Double($0) - $1) }.max()!
            // Direct sums: 1e-5 absolute. Winograd (the AVX-512 path's 3×3/5×5 stride-1 layers) rounds
            // its transformed sums differently: 4e-6 of the largest output (F(2×2,5×5) measured ~2e-6).
            let scale = want.map(abs).max()!
            let limit = GEMM.preferred == .avx512 && Convolution.usesWinograd(g) ? 4e-6 * max(1, scale) : 1e-5
            #expect(worst < limit, "batch \(batch): worst \(worst), largest output \(scale)")
        }
    }

    @Test("EmoNet's conv shapes: batched GEMM path equals per-image path")
    func batchedConvolutionPath() {
        let g = EmoNet.conv4
        let batch = Convolution.chunkSize(g, batch: 64) + 2  // forces a full chunk plus a remainder
        let x = Self.values(batch * g.inChannels * g.inPlane, seed: 21)
        let w = Self.values(g.weightShape.reduce(1, *), seed: 22)
        let b = Self.values(g.outChannels, seed: 23)
        var together = [Float](repeating: 0, count: batch * g.outChannels * g.outPixels)
        Convolution.forward(g, batch: batch, input: x, weights: w, bias: b, output: &together)
        let item = g.inChannels * g.inPlane, outItem = g.outChannels * g.outPixels
        for n in [0, batch / 2, batch - 1] {
            var single = [Float](repeating: 0, count: outItem)
            Array(x[(n * item)..<((n + 1) * item)]).withUnsafeBufferPointer {
                Convolution.forward(g, batch: 1, input: $0.baseAddress!, weights: w, bias: b, output: &single)
            }
            let worst = zip(single, together[(n * outItem)..<((n + 1) * outItem)]).map { abs($0 - $1) }.max()!
            #expect(worst < 1e-4)
        }
    }

    @Test("max pool: values, floor size and first-maximum argmax")
    func maxPool() {
        let pool = MaxPool()
        #expect(pool.outSize(55) == 27 && pool.outSize(27) == 13 && pool.outSize(13) == 6)
        let x: [Float] = [1, 5, 5, 0, 0,
                          2, 3, 4, 9, 0,
                          0, 0, 0, 0, 0,
                          7, 0, 0, 0, 8,
                          0, 0, 0, 0, 0]
        var y = [Float](repeating: 0, count: 4), idx = [Int32](repeating: -1, count: 4)
        pool.forward(planes: 1, height: 5, width: 5, input: x, output: &y, argmax: &idx)
        #expect(y == [5, 9, 7, 8])
        #expect(idx == [1, 8, 15, 19])  // ties: the first 5 (index 1) wins
        var fast = [Float](repeating: 0, count: 4)
        pool.forward(planes: 1, height: 5, width: 5, input: x, output: &fast, argmax: nil)
        #expect(fast == y)
    }

    @Test("linear: batch GEMM path equals single-item GEMV path and a Double reference")
    func linear() {
        let inF = 37, outF = 11, batch = 5
        let x = Self.values(batch * inF, seed: 31), w = Self.values(outF * inF, seed: 32), b = Self.values(outF, seed: 33)
        var batched = [Float](repeating: 0, count: batch * outF)
        Linear.forward(batch: batch, inFeatures: inF, outFeatures: outF, input: x, weights: w, bias: b, output: &batched)
        for n in 0..<batch {
            var single = [Float](repeating: 0, count: outF)
            Array(x[(n * inF)..<((n + 1) * inF)]).withUnsafeBufferPointer {
                Linear.forward(batch: 1, inFeatures: inF, outFeatures: outF, input: $0.baseAddress!, weights: w, bias: b, output: &single)
            }
            for o in 0..<outF {
                var s = Double(b[o])
                for i in 0..<inF { s += Double(w[o * inF + i]) * Double(x[n * inF + i]) }
                #expect(abs(Double(single[o]) - s) < 1e-5 && abs(Double(batched[n * outF + o]) - s) < 1e-5)
            }
        }
    }

    @Test("softmax sums to one and survives large logits")
    func softmax() {
        let z: [Float] = [1000, 999, -1000, 0, 1000]
        var p = [Float](repeating: 0, count: 5)
        Activations.softmax(rows: 1, columns: 5, input: z, output: &p)
        #expect(abs(p.reduce(0, +) - 1) < 1e-6)
        #expect(p[2] == 0 && abs(p[0] - p[4]) == 0 && p[0] > p[1])
    }

    @Test("ReLU keeps NaN and zeroes negatives")
    func relu() {
        var x: [Float] = [-1, 0, 2, .nan, -0.0, .infinity, -.infinity]
        Activations.relu(&x, count: x.count)
        #expect(x[0] == 0 && x[1] == 0 && x[2] == 2 && x[3].isNaN && x[5] == .infinity && x[6] == 0)
    }
}
