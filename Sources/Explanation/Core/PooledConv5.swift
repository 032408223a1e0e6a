import Inference

/// One image's conv5 output taken through ReLU, pool5 and the MATLAB flatten, with fc6 on top:
/// the shared starting point of the methods that switch conv5 channels off (Ablation-, LIME-CAM).
/// Channel k owns flat indices `36k … 36k+35`, so switching it off removes exactly those fc6 inputs.
struct PooledConv5 {
    let net: EmoNet
    /// The 9216-vector fed to fc6 (MATLAB order).
    let flat: [Float]
    /// fc6 pre-activation for the unmodified input.
    let fc6: [Float]

    init(net: EmoNet, conv5: Tensor) {
        self.net = net
        var relu = conv5.values
        relu.withUnsafeMutableBufferPointer { Activations.relu($0.baseAddress!, count: $0.count) }
        var pooled = [Float](repeating: 0, count: 9216)
        relu.withUnsafeBufferPointer { src in
            pooled.withUnsafeMutableBufferPointer { dst in
                EmoNet.pool.forward(planes: 256, height: 13, width: 13, input: src.baseAddress!, output: dst.baseAddress!, argmax: nil)
            }
        }
        var flat = [Float](repeating: 0, count: 9216)
        pooled.withUnsafeBufferPointer { src in
            flat.withUnsafeMutableBufferPointer { dst in
                MATLABFlatten.forward(batch: 1, channels: 256, height: 6, width: 6, input: src.baseAddress!, output: dst.baseAddress!)
            }
        }
        self.flat = flat
        let p = net.weights.parameters
        var z = [Float](repeating: 0, count: 4096)
        flat.withUnsafeBufferPointer { x in
            z.withUnsafeMutableBufferPointer { y in
                Linear.forward(batch: 1, inFeatures: 9216, outFeatures: 4096, input: x.baseAddress!,
                               weights: p.pointer("fc1.weight"), bias: p.pointer("fc1.bias"), output: y.baseAddress!)
            }
        }
        self.fc6 = z
    }

    /// Row k of `out` (`[256 × 4096]`) = fc6 pre-activation with channel k switched off:
    /// `fc6 − W₆[:, 36k…36k+35] · flat[36k…36k+35]`.
    func fc6WithEachChannelRemoved(into out: inout [Float]) {
        let w = net.weights.parameters.pointer("fc1.weight")
        var delta = [Float](repeating: 0, count: 4096)
        out.withUnsafeMutableBufferPointer { o in
            flat.withUnsafeBufferPointer { f in
                delta.withUnsafeMutableBufferPointer { d in
                    for k in 0..<256 {
                        BLAS.sgemvStrided(m: 4096, n: 36, a: w + 36 * k, lda: 9216, x: f.baseAddress! + 36 * k, y: d.baseAddress!)
                        for i in 0..<4096 { o[k * 4096 + i] = fc6[i] - d[i] }
                    }
                }
            }
        }
    }
}
