import CBLAS
import Inference

/// EmoNet from conv3/conv4/conv5 outputs to the 20 logits in Double precision (dgemm), for
/// finite-difference gradient checks independent of the float32 engine.
struct DoubleTail {
    let net: EmoNet
    private let params: [String: [Double]]

    init(net: EmoNet) {
        self.net = net
        var params: [String: [Double]] = [:]
        for name in EmoNetParameterLayout.names where !name.hasPrefix("conv1") {
            params[name] = net.weights.parameters.tensor(name)!.values.map(Double.init)
        }
        self.params = params
    }

    func param(_ name: String) -> [Double] { params[name]! }

    /// Grouped convolution in Double (same geometry rules as the engine), input `[Cin, H, W]`.
    func conv(_ g: ConvolutionGeometry, _ x: [Double], _ w: [Double], _ b: [Double]) -> [Double] {
        let k = g.patchSize, hw = g.outPixels, og = g.outChannelsPerGroup
        var out = [Double](repeating: 0, count: g.outChannels * hw)
        var col = [Double](repeating: 0, count: k * hw)
        for group in 0..<g.groups {
            var row = 0
            for c in 0..<g.inChannelsPerGroup {
                let ic = group * g.inChannelsPerGroup + c
                for r in 0..<g.kernel {
                    for q in 0..<g.kernel {
                        for y in 0..<g.outHeight {
                            for xx in 0..<g.outWidth {
                                let sy = y * g.stride + r - g.padding, sx = xx * g.stride + q - g.padding
                                col[row * hw + y * g.outWidth + xx] = (sy < 0 || sy >= g.inHeight || sx < 0 || sx >= g.inWidth)
                                    ? 0 : x[(ic * g.inHeight + sy) * g.inWidth + sx]
                            }
                        }
                        row += 1
                    }
                }
            }
            w.withUnsafeBufferPointer { wp in
                col.withUnsafeBufferPointer { cp in
                    out.withUnsafeMutableBufferPointer { op in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(og), Int32(hw), Int32(k), 1,
                                    wp.baseAddress! + group * og * k, Int32(k), cp.baseAddress!, Int32(hw), 0,
                                    op.baseAddress! + group * og * hw, Int32(hw))
                    }
                }
            }
        }
        for o in 0..<g.outChannels { for i in 0..<hw { out[o * hw + i] += b[o] } }
        return out
    }

    func linear(_ x: [Double], _ w: [Double], _ b: [Double], out: Int) -> [Double] {
        var y = b
        w.withUnsafeBufferPointer { wp in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(out), Int32(x.count), 1, wp.baseAddress!, Int32(x.count),
                                xp.baseAddress!, 1, 1, yp.baseAddress!, 1)
                }
            }
        }
        return y
    }

    static func relu(_ x: [Double]) -> [Double] { x.map { max($0, 0) } }

    /// ReLU → LRN (n = 5, α = 1e-4, β = 0.75, k = 1) → max-pool 3/2, in Double.
    static func reluNormPool(_ a: [Double], channels: Int, size: Int) -> [Double] {
        let r = relu(a), plane = size * size
        var normed = r
        for c in 0..<channels {
            for p in 0..<plane {
                var s = 0.0
                for j in max(0, c - 2)...min(channels - 1, c + 2) { s += r[j * plane + p] * r[j * plane + p] }
                normed[c * plane + p] = r[c * plane + p] / Foundation.pow(1 + 1e-4 / 5 * s, 0.75)
            }
        }
        let o = (size - 3) / 2 + 1
        var out = [Double](repeating: 0, count: channels * o * o)
        for c in 0..<channels {
            for y in 0..<o {
                for x in 0..<o {
                    var m = -Double.infinity
                    for dy in 0..<3 { for dx in 0..<3 { m = max(m, normed[c * plane + (2 * y + dy) * size + 2 * x + dx]) } }
                    out[(c * o + y) * o + x] = m
                }
            }
        }
        return out
    }

    /// Logits from a pre-ReLU activation of `layer` (conv2 … conv5), one item.
    func logits(from layer: EmoNetLayer, _ a: [Double]) -> [Double] {
        var x = a
        if layer == .conv2 {
            x = conv(EmoNet.conv3, Self.reluNormPool(x, channels: 256, size: 27), param("conv3.weight"), param("conv3.bias"))
        }
        if layer == .conv2 || layer == .conv3 {
            x = conv(EmoNet.conv4, Self.relu(x), param("conv4.weight"), param("conv4.bias"))
            return logits(from: .conv4, x)
        }
        if layer == .conv4 { x = conv(EmoNet.conv5, Self.relu(x), param("conv5.weight"), param("conv5.bias")) }
        let r = Self.relu(x)
        var flat = [Double](repeating: 0, count: 9216)
        for c in 0..<256 {
            for h in 0..<6 {
                for w in 0..<6 {
                    var m = -Double.infinity
                    for dy in 0..<3 { for dx in 0..<3 { m = max(m, r[c * 169 + (2 * h + dy) * 13 + 2 * w + dx]) } }
                    flat[36 * c + 6 * w + h] = m
                }
            }
        }
        let h6 = Self.relu(linear(flat, param("fc1.weight"), param("fc1.bias"), out: 4096))
        let h7 = Self.relu(linear(h6, param("fc2.weight"), param("fc2.bias"), out: 4096))
        return linear(h7, param("fc3.weight"), param("fc3.bias"), out: 20)
    }

    static func score(_ target: ClassTarget, logits z: [Double]) -> Double {
        switch target {
        case .logit(let c): return z[c]
        case .probability(let c):
            let m = z.max()!
            let e = z.map { Foundation.exp($0 - m) }
            return e[c] / e.reduce(0, +)
        }
    }
}

import Foundation
