import Imaging
import Inference

/// Random-CAM (sanity baseline, as pytorch-grad-cam's RandomCAM): `w_k ~ U(−1, 1)` drawn from
/// SplitMix64 seeded with `context.seed + item`, `L = ReLU(Σ_k w_k A_k)`.
public struct RandomCAM: CAMMethod {
    public let kind = CAMMethodKind.randomCAM
    public init() {}

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        let a = ctx.activations
        return (0..<ctx.batch).map { n in
            var rng = SplitMix64(seed: ctx.seed &+ UInt64(n))
            let w = (0..<a.shape[1]).map { _ in Float(rng.uniform() * 2 - 1) }
            return CAMMap(method: kind, layer: ctx.layer, target: ctx.target(n, logit: false), targetScore: ctx.score(n, logit: false),
                          raw: CAMMath.weightedMap(a, item: n, weights: w), channelWeights: w,
                          warnings: ["random weights (seed \(ctx.seed &+ UInt64(n))): a sanity baseline, not an explanation"])
        }
    }
}
