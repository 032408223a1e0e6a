import Foundation

/// EmoNet (Kragel et al. 2019) as ported by emonet-py: the two-tower AlexNet with grouped
/// convolutions and LRN, MATLAB flatten before fc6, 20 emotion classes.
///
/// conv1 11×11/4 → ReLU → LRN → pool 3/2 → conv2 5×5 p2 g2 → ReLU → LRN → pool → conv3 3×3 p1 →
/// ReLU → conv4 3×3 p1 g2 → ReLU → conv5 3×3 p1 g2 → ReLU → pool → flatten (36c + 6w + h) →
/// fc6 → ReLU → fc7 → ReLU → fc8 → softmax. float32 throughout; convolutions and batched FC layers
/// on `gemm` (EmoShift's AVX-512 sgemm where available, else OpenBLAS), single-item FC on OpenBLAS sgemv.
public struct EmoNet: Sendable {
    public let weights: EmoNetWeights
    /// The GEMM the forward pass uses (default `GEMM.preferred`; set `.openblas` to force OpenBLAS).
    public var gemm: GEMM.Backend = GEMM.preferred
    /// conv1–conv5 weights packed once for the AVX-512 GEMM (empty without AVX-512).
    let packedConvolutions: [String: Convolution.PackedWeights]

    public static let conv1 = ConvolutionGeometry(inChannels: 3, outChannels: 96, kernel: 11, stride: 4, inHeight: 227, inWidth: 227)
    public static let conv2 = ConvolutionGeometry(inChannels: 96, outChannels: 256, kernel: 5, padding: 2, groups: 2, inHeight: 27, inWidth: 27)
    public static let conv3 = ConvolutionGeometry(inChannels: 256, outChannels: 384, kernel: 3, padding: 1, inHeight: 13, inWidth: 13)
    public static let conv4 = ConvolutionGeometry(inChannels: 384, outChannels: 384, kernel: 3, padding: 1, groups: 2, inHeight: 13, inWidth: 13)
    public static let conv5 = ConvolutionGeometry(inChannels: 384, outChannels: 256, kernel: 3, padding: 1, groups: 2, inHeight: 13, inWidth: 13)
    public static let lrn = LocalResponseNorm(size: 5, alpha: 1e-4, beta: 0.75, k: 1)
    public static let pool = MaxPool(kernel: 3, stride: 2)
    public static let inputSize = 227

    public init(weights: EmoNetWeights) {
        _ = AllocatorTuning.applied
        self.weights = weights
        var packed: [String: Convolution.PackedWeights] = [:]
        if GEMM.isAVX512Available {
            for (name, g) in [("conv1", Self.conv1), ("conv2", Self.conv2), ("conv3", Self.conv3), ("conv4", Self.conv4),
                              ("conv5", Self.conv5)] {
                packed[name] = Convolution.PackedWeights(g, weights: weights.parameters.pointer(name + ".weight"))
            }
        }
        packedConvolutions = packed
    }

    /// Runs a batch. `input` is `[N, 3, 227, 227]`, already preprocessed (mean subtracted).
    /// `keep` lists intermediate layers to return; `timings` accumulates per-stage seconds.
    public func forward(_ input: Tensor, keep: Set<EmoNetLayer> = [], keepPool5Argmax: Bool = false,
                        keepAllPoolArgmax: Bool = false,
                        timings: UnsafeMutablePointer<LayerTimings>? = nil) -> ForwardResult {
        precondition(input.shape.count == 4 && Array(input.shape.dropFirst()) == [3, 227, 227],
                     "EmoNet input must be [N, 3, 227, 227], got \(input.shape)")
        let n = input.batch
        let p = weights.parameters
        var kept: [EmoNetLayer: Tensor] = [:]
        let clock = ContinuousClock()
        var mark = clock.now
        var cpuMark = timings?.pointee.threadCPUTime == true ? LayerTimings.threadCPUSeconds() : 0
        func lap(_ name: String) {
            guard let timings else { return }
            if timings.pointee.threadCPUTime {
                let now = LayerTimings.threadCPUSeconds()
                timings.pointee.add(name, now - cpuMark)
                cpuMark = now
                return
            }
            let now = clock.now
            let d = (now - mark).components
            timings.pointee.add(name, Double(d.seconds) + Double(d.attoseconds) * 1e-18)
            mark = now
        }
        func keepIfAsked(_ layer: EmoNetLayer, _ values: [Float]) {
            if keep.contains(layer) { kept[layer] = Tensor(shape: [n] + layer.itemShape, values: values) }
        }
        keepIfAsked(.input, input.values)

        // Block 1
        var a = convolve(Self.conv1, n, input.values, "conv1",
                         fuseReLU: !keep.contains(.conv1))
        lap("conv1")
        if keep.contains(.conv1) { keepIfAsked(.conv1, a); relu(&a) }
        keepIfAsked(.relu1, a)
        var b = normalise(a, n, channels: 96, plane: 55 * 55)
        keepIfAsked(.norm1, b)
        lap("relu1+norm1")
        var argmax1: [Int32]? = keepAllPoolArgmax ? [Int32](repeating: 0, count: n * 96 * 27 * 27) : nil
        a = maxPool(b, planes: n * 96, size: 55, argmax: &argmax1)
        keepIfAsked(.pool1, a)
        lap("pool1")

        // Block 2
        b = convolve(Self.conv2, n, a, "conv2", fuseReLU: !keep.contains(.conv2))
        lap("conv2")
        if keep.contains(.conv2) { keepIfAsked(.conv2, b); relu(&b) }
        keepIfAsked(.relu2, b)
        a = normalise(b, n, channels: 256, plane: 27 * 27)
        keepIfAsked(.norm2, a)
        lap("relu2+norm2")
        var argmax2: [Int32]? = keepAllPoolArgmax ? [Int32](repeating: 0, count: n * 256 * 13 * 13) : nil
        b = maxPool(a, planes: n * 256, size: 27, argmax: &argmax2)
        keepIfAsked(.pool2, b)
        lap("pool2")

        // conv3–conv5
        a = convolve(Self.conv3, n, b, "conv3", fuseReLU: !keep.contains(.conv3))
        if keep.contains(.conv3) { keepIfAsked(.conv3, a); relu(&a) }
        keepIfAsked(.relu3, a)
        lap("conv3")
        b = convolve(Self.conv4, n, a, "conv4", fuseReLU: !keep.contains(.conv4))
        if keep.contains(.conv4) { keepIfAsked(.conv4, b); relu(&b) }
        keepIfAsked(.relu4, b)
        lap("conv4")
        a = convolve(Self.conv5, n, b, "conv5", fuseReLU: !keep.contains(.conv5))
        if keep.contains(.conv5) { keepIfAsked(.conv5, a); relu(&a) }
        keepIfAsked(.relu5, a)
        lap("conv5")
        var argmax: [Int32]? = (keepPool5Argmax || keepAllPoolArgmax) ? [Int32](repeating: 0, count: n * 256 * 36) : nil
        b = maxPool(a, planes: n * 256, size: 13, argmax: &argmax)
        keepIfAsked(.pool5, b)
        var flat = [Float](repeating: 0, count: n * 9216)
        b.withUnsafeBufferPointer { src in
            flat.withUnsafeMutableBufferPointer { dst in
                MATLABFlatten.forward(batch: n, channels: 256, height: 6, width: 6, input: src.baseAddress!, output: dst.baseAddress!)
            }
        }
        keepIfAsked(.flat, flat)
        lap("pool5+flatten")

        // Classifier
        var h = linear(flat, n, 9216, 4096, p.pointer("fc1.weight"), p.pointer("fc1.bias"))
        keepIfAsked(.fc6, h); relu(&h); keepIfAsked(.relu6, h)
        lap("fc6")
        var h2 = linear(h, n, 4096, 4096, p.pointer("fc2.weight"), p.pointer("fc2.bias"))
        keepIfAsked(.fc7, h2); relu(&h2); keepIfAsked(.relu7, h2)
        lap("fc7")
        let logits = linear(h2, n, 4096, 20, p.pointer("fc3.weight"), p.pointer("fc3.bias"))
        var probs = [Float](repeating: 0, count: n * 20)
        logits.withUnsafeBufferPointer { z in
            probs.withUnsafeMutableBufferPointer { pr in
                Activations.softmax(rows: n, columns: 20, input: z.baseAddress!, output: pr.baseAddress!)
            }
        }
        lap("fc8+softmax")
        keepIfAsked(.logits, logits)
        keepIfAsked(.probabilities, probs)
        return ForwardResult(batch: n, logits: Tensor(shape: [n, 20], values: logits),
                             probabilities: Tensor(shape: [n, 20], values: probs), layers: kept, pool5Argmax: argmax,
                             pool1Argmax: argmax1, pool2Argmax: argmax2)
    }

    // MARK: - Stage helpers (allocate the output, call the kernel)

    /// An array whose every element the kernel overwrites: skips zero-filling.
    @inline(__always)
    private func uninitialized(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            body(buffer.baseAddress!)
            initialized = count
        }
    }

    private func convolve(_ g: ConvolutionGeometry, _ n: Int, _ input: [Float], _ name: String,
                          fuseReLU: Bool) -> [Float] {
        let w = weights.parameters.pointer(name + ".weight"), bias = weights.parameters.pointer(name + ".bias")
        return input.withUnsafeBufferPointer { x in
            uninitialized(n * g.outChannels * g.outPixels) { y in
                Convolution.forward(g, batch: n, input: x.baseAddress!, weights: w, bias: bias, output: y, relu: fuseReLU,
                                    gemm: gemm, packed: packedConvolutions[name])
            }
        }
    }

    private func relu(_ x: inout [Float]) {
        let count = x.count
        x.withUnsafeMutableBufferPointer { Activations.relu($0.baseAddress!, count: count) }
    }

    private func normalise(_ x: [Float], _ n: Int, channels: Int, plane: Int) -> [Float] {
        x.withUnsafeBufferPointer { src in
            uninitialized(x.count) { dst in
                Self.lrn.forward(batch: n, channels: channels, plane: plane, input: src.baseAddress!, output: dst)
            }
        }
    }

    private func maxPool(_ x: [Float], planes: Int, size: Int, argmax: UnsafeMutablePointer<[Int32]?>?) -> [Float] {
        let o = Self.pool.outSize(size)
        return x.withUnsafeBufferPointer { src in
            uninitialized(planes * o * o) { dst in
                if let argmax, argmax.pointee != nil {
                    argmax.pointee!.withUnsafeMutableBufferPointer { idx in
                        Self.pool.forward(planes: planes, height: size, width: size, input: src.baseAddress!,
                                          output: dst, argmax: idx.baseAddress!)
                    }
                } else {
                    Self.pool.forward(planes: planes, height: size, width: size, input: src.baseAddress!,
                                      output: dst, argmax: nil)
                }
            }
        }
    }

    private func linear(_ x: [Float], _ n: Int, _ inF: Int, _ outF: Int, _ w: UnsafePointer<Float>,
                        _ bias: UnsafePointer<Float>) -> [Float] {
        x.withUnsafeBufferPointer { src in
            uninitialized(n * outF) { dst in
                Linear.forward(batch: n, inFeatures: inF, outFeatures: outF, input: src.baseAddress!, weights: w,
                               bias: bias, output: dst, gemm: gemm)
            }
        }
    }
}
