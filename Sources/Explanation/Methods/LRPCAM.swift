import Imaging
import Inference

/// LRP-CAM exactly as EmoCAM computes it: Captum `LRP` on the conv5 → logits tail, channel
/// relevances `s_k = Σ_{ij} R_k[i,j]`, `L = ReLU(Σ_k s_k A_k)`.
///
/// Captum attaches a rule only to the tail's max-pool (ε-rule, ε = 1e-9); the incoming gradient of
/// the target **logit** is treated as relevance, divided by the pool output, routed to the argmaxes,
/// multiplied by the pool input and rescaled by the output `z_ĉ`. The result is
/// `s_k = z_ĉ · Σ_{ij} ∂z_ĉ/∂A_k[i,j]` up to ε terms — i.e. `z_ĉ` times the weights of a logit
/// Grad-CAM (measured against Captum 0.9: ≤ 4.1e-6 relative).
public struct LRPCAM: CAMMethod {
    public let kind = CAMMethodKind.lrpCAM
    public var supportedLayers: [EmoNetLayer] { [.conv5] }
    public init() {}

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        precondition(ctx.layer == .conv5, "LRP-CAM is implemented at conv5")
        let g = ctx.gradients(logit: true)
        return (0..<ctx.batch).map { n in
            let z = g.scores[n]
            let s = CAMMath.channelSums(g.activations, g.gradients, item: n) { _, grad in grad }.map { z * $0 }
            var warnings = CAMMath.gradientWarnings(g.gradients, item: n)
            if z < 0 { warnings.append("the target logit is negative: LRP-CAM's map keeps the opposite side (as Captum's)") }
            return CAMMap(method: kind, layer: .conv5, target: g.targets[n], targetScore: z,
                          raw: CAMMath.weightedMap(g.activations, item: n, weights: s), channelWeights: s, warnings: warnings)
        }
    }
}
