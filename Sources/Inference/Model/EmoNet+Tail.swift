extension EmoNet {
    /// The network after conv5: ReLU → pool5 → MATLAB flatten → fc6 → ReLU → fc7 → ReLU → fc8,
    /// for a batch of conv5 pre-ReLU activations `[N, 256, 13, 13]`. Returns `[N, 20]` logits and
    /// probabilities. Ablation-, LIME- and the Captum-style CAMs evaluate many modified conv5 maps
    /// through it without rerunning conv1–conv5.
    public func tail(conv5 activations: Tensor) -> (logits: Tensor, probabilities: Tensor) {
        precondition(Array(activations.shape.dropFirst()) == [256, 13, 13], "tail input must be [N, 256, 13, 13]")
        let n = activations.batch
        var relu = activations.values
        relu.withUnsafeMutableBufferPointer { Activations.relu($0.baseAddress!, count: $0.count) }
        var pooled = [Float](repeating: 0, count: n * 9216)
        relu.withUnsafeBufferPointer { src in
            pooled.withUnsafeMutableBufferPointer { dst in
                Self.pool.forward(planes: n * 256, height: 13, width: 13, input: src.baseAddress!, output: dst.baseAddress!, argmax: nil)
            }
        }
        return tail(pool5: Tensor(shape: [n, 256, 6, 6], values: pooled))
    }

    /// The classifier from pool5 outputs `[N, 256, 6, 6]` (post-ReLU, pooled) to logits and probabilities.
    public func tail(pool5: Tensor) -> (logits: Tensor, probabilities: Tensor) {
        let n = pool5.batch
        var flat = [Float](repeating: 0, count: n * 9216)
        pool5.values.withUnsafeBufferPointer { src in
            flat.withUnsafeMutableBufferPointer { dst in
                MATLABFlatten.forward(batch: n, channels: 256, height: 6, width: 6, input: src.baseAddress!, output: dst.baseAddress!)
            }
        }
        var h6 = dense(flat, n, 9216, 4096, "fc1")
        h6.withUnsafeMutableBufferPointer { Activations.relu($0.baseAddress!, count: $0.count) }
        var h7 = dense(h6, n, 4096, 4096, "fc2")
        h7.withUnsafeMutableBufferPointer { Activations.relu($0.baseAddress!, count: $0.count) }
        let z = dense(h7, n, 4096, 20, "fc3")
        var probs = [Float](repeating: 0, count: n * 20)
        z.withUnsafeBufferPointer { zp in
            probs.withUnsafeMutableBufferPointer { pp in
                Activations.softmax(rows: n, columns: 20, input: zp.baseAddress!, output: pp.baseAddress!)
            }
        }
        return (Tensor(shape: [n, 20], values: z), Tensor(shape: [n, 20], values: probs))
    }

    func dense(_ x: [Float], _ n: Int, _ inF: Int, _ outF: Int, _ name: String) -> [Float] {
        let p = weights.parameters
        var out = [Float](repeating: 0, count: n * outF)
        x.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                Linear.forward(batch: n, inFeatures: inF, outFeatures: outF, input: src.baseAddress!,
                               weights: p.pointer(name + ".weight"), bias: p.pointer(name + ".bias"), output: dst.baseAddress!)
            }
        }
        return out
    }
}
