import CKernels

extension EmoNet {
    /// Layers `gradients(_:targets:at:)` can differentiate with respect to (pre-ReLU outputs).
    public static let gradientLayers: [EmoNetLayer] = [.conv1, .conv2, .conv3, .conv4, .conv5]

    /// Gradients of `targets[n]` (one per batch item) with respect to `layer`'s output.
    ///
    /// Chain (no weight gradients are formed): `∂score/∂z` (softmax Jacobian row for a probability,
    /// one-hot for a logit) → fc8ᵀ → ReLU7 mask → fc7ᵀ → ReLU6 mask → fc6ᵀ → MATLAB un-flatten →
    /// max-unpool by the forward argmax (first maximum; overlapping windows add) → ReLU5 mask
    /// (`conv5 > 0`) = ∂/∂conv5; below conv5, each step is a transposed grouped convolution
    /// (`Wᵀ·g`, col2im) followed by the previous ReLU's mask; below conv3 also max-unpool (pool2,
    /// pool1) and the LRN backward (``LocalResponseNorm/backward``).
    public func gradients(_ input: Tensor, targets: [ClassTarget], at layer: EmoNetLayer = .conv5) -> LayerGradients {
        precondition(Self.gradientLayers.contains(layer), "gradients are available at \(Self.gradientLayers.map(\.rawValue))")
        precondition(targets.count == input.batch, "one target per batch item")
        let n = input.batch
        let chain: [EmoNetLayer] = [.conv5, .conv4, .conv3, .conv2, .conv1]
        let convLayers = Array(chain.prefix(through: chain.firstIndex(of: layer)!))
        let deep = layer == .conv1 || layer == .conv2
        var kept = Set(convLayers + [.fc6, .fc7])
        if deep { kept.formUnion([.relu1, .relu2]) }
        let fwd = forward(input, keep: kept, keepPool5Argmax: true, keepAllPoolArgmax: deep)
        let p = weights.parameters

        // ∂score/∂logits
        var dz = [Float](repeating: 0, count: n * 20)
        var scores = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let g = targets[i].logitGradient(probabilities: fwd.probabilities.item(i))
            for j in 0..<20 { dz[i * 20 + j] = g[j] }
            scores[i] = targets[i].score(logits: fwd.logits.item(i), probabilities: fwd.probabilities.item(i))
        }
        var g7 = linearBackward(dz, n, out: 20, in: 4096, p.pointer("fc3.weight"))
        mask(&g7, by: fwd.layers[.fc7]!.values)
        var g6 = linearBackward(g7, n, out: 4096, in: 4096, p.pointer("fc2.weight"))
        mask(&g6, by: fwd.layers[.fc6]!.values)
        let gflat = linearBackward(g6, n, out: 4096, in: 9216, p.pointer("fc1.weight"))
        var gpool = [Float](repeating: 0, count: n * 9216)
        gflat.withUnsafeBufferPointer { src in
            gpool.withUnsafeMutableBufferPointer { dst in
                MATLABFlatten.backward(batch: n, channels: 256, height: 6, width: 6, gradient: src.baseAddress!, output: dst.baseAddress!)
            }
        }
        // Max-unpool: each pooled gradient goes to its window's argmax.
        var g = [Float](repeating: 0, count: n * 256 * 169)
        let argmax = fwd.pool5Argmax!
        for plane in 0..<(n * 256) {
            for o in 0..<36 { g[plane * 169 + Int(argmax[plane * 36 + o])] += gpool[plane * 36 + o] }
        }
        var current = EmoNetLayer.conv5
        mask(&g, by: fwd.layers[.conv5]!.values)
        while current != layer {
            switch current {
            case .conv5, .conv4:
                let (geometry, weightName, below): (ConvolutionGeometry, String, EmoNetLayer) =
                    current == .conv5 ? (Self.conv5, "conv5.weight", .conv4) : (Self.conv4, "conv4.weight", .conv3)
                g = convolutionBackwardData(geometry, n, g, p.pointer(weightName))
                mask(&g, by: fwd.layers[below]!.values)
                current = below
            case .conv3, .conv2:
                // conv → pool → LRN → ReLU, backwards.
                let (geometry, weightName, below, channels, size, argmax, relu): (ConvolutionGeometry, String, EmoNetLayer, Int, Int, [Int32], EmoNetLayer) =
                    current == .conv3
                    ? (Self.conv3, "conv3.weight", .conv2, 256, 27, fwd.pool2Argmax!, .relu2)
                    : (Self.conv2, "conv2.weight", .conv1, 96, 55, fwd.pool1Argmax!, .relu1)
                let gPool = convolutionBackwardData(geometry, n, g, p.pointer(weightName))
                let pooled = Self.pool.outSize(size)
                var gNorm = [Float](repeating: 0, count: n * channels * size * size)
                for plane in 0..<(n * channels) {
                    for o in 0..<(pooled * pooled) {
                        gNorm[plane * size * size + Int(argmax[plane * pooled * pooled + o])] += gPool[plane * pooled * pooled + o]
                    }
                }
                g = Self.lrn.backward(batch: n, channels: channels, plane: size * size,
                                      input: fwd.layers[relu]!.values, gradient: gNorm)
                mask(&g, by: fwd.layers[below]!.values)
                current = below
            default:
                preconditionFailure("unreachable")
            }
        }
        let shape = [n] + layer.itemShape
        return LayerGradients(layer: layer, activations: fwd.layers[layer]!, gradients: Tensor(shape: shape, values: g),
                              targets: targets, scores: scores, forward: fwd,
                              pool5Gradients: Tensor(shape: [n, 256, 6, 6], values: gpool))
    }

    /// `g_in[N×in] = g_out[N×out] · W[out×in]`.
    private func linearBackward(_ gOut: [Float], _ n: Int, out: Int, in inF: Int, _ w: UnsafePointer<Float>) -> [Float] {
        var gIn = [Float](repeating: 0, count: n * inF)
        gOut.withUnsafeBufferPointer { go in
            gIn.withUnsafeMutableBufferPointer { gi in
                if n == 1 {
                    // After a ReLU mask about half of g_out is zero: accumulate only the rows of W
                    // whose gradient is non-zero (halves the weight traffic of fc6ᵀ and fc7ᵀ).
                    let nonZero = (0..<out).filter { go[$0] != 0 }
                    if nonZero.count * 4 < out * 3 {
                        for o in nonZero { BLAS.saxpy(n: inF, alpha: go[o], x: w + o * inF, y: gi.baseAddress!) }
                    } else {
                        BLAS.sgemvTransposed(m: out, n: inF, a: w, x: go.baseAddress!, y: gi.baseAddress!)
                    }
                } else {
                    BLAS.sgemm(m: n, n: inF, k: out, a: go.baseAddress!, lda: out, b: w, ldb: inF, c: gi.baseAddress!, ldc: inF)
                }
            }
        }
        return gIn
    }

    /// ReLU backward: keeps gradients where the pre-activation was > 0 (PyTorch's rule).
    private func mask(_ g: inout [Float], by preActivation: [Float]) {
        for i in g.indices where !(preActivation[i] > 0) { g[i] = 0 }
    }

    /// Gradient with respect to a convolution's input: per group `col = W_gᵀ · g_g`, then col2im.
    private func convolutionBackwardData(_ geo: ConvolutionGeometry, _ n: Int, _ gOut: [Float],
                                         _ w: UnsafePointer<Float>) -> [Float] {
        var gIn = [Float](repeating: 0, count: n * geo.inChannels * geo.inPlane)
        let k = geo.patchSize, og = geo.outChannelsPerGroup, hw = geo.outPixels
        let col = UnsafeMutablePointer<Float>.allocate(capacity: k * hw)
        defer { col.deallocate() }
        gOut.withUnsafeBufferPointer { go in
            gIn.withUnsafeMutableBufferPointer { gi in
                for item in 0..<n {
                    for group in 0..<geo.groups {
                        let gy = go.baseAddress! + (item * geo.outChannels + group * og) * hw
                        BLAS.sgemm(transA: true, m: k, n: hw, k: og, a: w + group * og * k, lda: k, b: gy, ldb: hw,
                                   c: col, ldc: hw)
                        let image = gi.baseAddress! + item * geo.inChannels * geo.inPlane + group * geo.inChannelsPerGroup * geo.inPlane
                        ck_col2im(col, Int32(geo.inChannelsPerGroup), Int32(geo.inHeight), Int32(geo.inWidth), Int32(geo.kernel),
                                  Int32(geo.stride), Int32(geo.padding), Int32(geo.outHeight), Int32(geo.outWidth), image)
                    }
                }
            }
        }
        return gIn
    }
}
