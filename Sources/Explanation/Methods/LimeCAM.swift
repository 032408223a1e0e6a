import Foundation
import Imaging
import Inference

/// LIME-CAM as EmoCAM computes it with Captum `Lime` on the conv5 → logits tail: every conv5
/// channel is one interpretable feature; `samples` random on/off patterns (each channel on with
/// probability 0.5; an off channel is zeroed, i.e. the baseline 0); each pattern is scored by the
/// target **logit**; samples are weighted by `exp(−d²/2)` with `d` the cosine distance between the
/// original and the perturbed conv5 activations; a Lasso (α = 0.01, intercept, sample weights)
/// fits the scores on the patterns; its coefficients are the channel weights `s_k` and
/// `L = ReLU(Σ_k s_k A_k)`.
///
/// Seeded: patterns come from SplitMix64(`context.seed + item`), so runs are reproducible (Captum's
/// own runs are not, and its torch RNG cannot be matched; agreement with it is statistical).
public struct LimeCAM: CAMMethod {
    public let kind = CAMMethodKind.limeCAM
    public var samples: Int = 256
    public var alpha: Double = 0.01
    public var supportedLayers: [EmoNetLayer] { [.conv5] }
    public init(samples: Int = 256, alpha: Double = 0.01) {
        self.samples = samples
        self.alpha = alpha
    }

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        precondition(ctx.layer == .conv5, "LIME-CAM is implemented at conv5")
        let a = ctx.activations
        return (0..<ctx.batch).map { n in
            let seed = ctx.seed &+ UInt64(n)
            let w = coefficients(net: ctx.net, conv5: a, item: n, classIndex: ctx.classes[n], seed: seed)
            return CAMMap(method: kind, layer: .conv5, target: .logit(ctx.classes[n]), targetScore: ctx.score(n, logit: true),
                          raw: CAMMath.weightedMap(a, item: n, weights: w), channelWeights: w,
                          warnings: ["LIME-CAM: \(samples) samples, seed \(seed)"])
        }
    }

    /// Lasso coefficients per channel for item `n`.
    func coefficients(net: EmoNet, conv5 a: Tensor, item n: Int, classIndex: Int, seed: UInt64) -> [Float] {
        let channels = 256, plane = 169
        let original = Array(a.item(n))
        let pooled = PooledConv5(net: net, conv5: Tensor(shape: [1, 256, 13, 13], values: original))
        var rng = SplitMix64(seed: seed)
        var patterns = [[Double]]()
        var flats = [Float](repeating: 0, count: samples * 9216)
        var similarity = [Double](repeating: 0, count: samples)
        // Per-channel norms and self-products for the cosine distance.
        var channelSquares = [Double](repeating: 0, count: channels)
        for k in 0..<channels { for i in 0..<plane { channelSquares[k] += Double(original[k * plane + i]) * Double(original[k * plane + i]) } }
        let total = channelSquares.reduce(0, +)
        for s in 0..<samples {
            var z = [Double](repeating: 0, count: channels)
            var kept = 0.0
            for k in 0..<channels where rng.uniform() < 0.5 {
                z[k] = 1
                kept += channelSquares[k]
                for j in 0..<36 { flats[s * 9216 + 36 * k + j] = pooled.flat[36 * k + j] }
            }
            patterns.append(z)
            // cos(A, A⊙z) = Σ_kept A² / (‖A‖·‖A⊙z‖) = sqrt(kept / total)
            let cosine = (kept > 0 && total > 0) ? (kept / total).squareRoot() : 0
            let d = 1 - cosine
            similarity[s] = exp(-(d * d) / 2)
        }
        let scores = logits(net: net, flats: flats, classIndex: classIndex)
        let fit = WeightedLasso.fit(x: patterns, y: scores, weights: similarity, alpha: alpha)
        return fit.coefficients.map(Float.init)
    }

    /// The target logit for each sample's (channel-masked) fc6 input.
    private func logits(net: EmoNet, flats: [Float], classIndex: Int) -> [Double] {
        let pool5 = Tensor(shape: [samples, 256, 6, 6], values: Self.unflatten(flats, samples))
        let out = net.tail(pool5: pool5)
        return (0..<samples).map { Double(out.logits.values[$0 * 20 + classIndex]) }
    }

    /// MATLAB-order flat vectors back to `[N, 256, 6, 6]` (the tail flattens again).
    private static func unflatten(_ flats: [Float], _ n: Int) -> [Float] {
        var out = [Float](repeating: 0, count: flats.count)
        flats.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                MATLABFlatten.backward(batch: n, channels: 256, height: 6, width: 6, gradient: src.baseAddress!, output: dst.baseAddress!)
            }
        }
        return out
    }
}
