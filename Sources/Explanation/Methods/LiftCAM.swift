import Imaging
import Inference

/// LIFT-CAM (Jung & Oh 2021) as EmoCAM computes it: Captum `DeepLift` on the conv5 → logits tail
/// with an all-zero baseline, channel scores `s_k = Σ_{ij} C_k[i,j]`, `L = ReLU(Σ_k s_k A_k)`.
///
/// In EmoCAM's tail only the max-pool is a registered module, so DeepLIFT's rescale rule applies
/// to it alone, and with a zero baseline the max-pool multiplier equals its gradient; the ReLUs
/// and linear layers propagate plain gradients. The contributions are therefore exactly
/// gradient × input of the target **logit**: `C = A ⊙ ∂z_ĉ/∂A` (reference §4.3.3).
public struct LiftCAM: CAMMethod {
    public let kind = CAMMethodKind.liftCAM
    public var supportedLayers: [EmoNetLayer] { [.conv5] }
    public init() {}

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        GradientTimesInput.maps(ctx, kind: kind)
    }
}

/// Channel scores `Σ_{ij} A ⊙ ∂z_ĉ/∂A` of the target logit, shared by LIFT- and LRP-CAM.
enum GradientTimesInput {
    static func maps(_ ctx: ExplanationContext, kind: CAMMethodKind) -> [CAMMap] {
        let g = ctx.gradients(logit: true)
        return (0..<ctx.batch).map { n in
            let s = CAMMath.channelSums(g.activations, g.gradients, item: n) { a, grad in a * grad }
            return CAMMap(method: kind, layer: ctx.layer, target: g.targets[n], targetScore: g.scores[n],
                          raw: CAMMath.weightedMap(g.activations, item: n, weights: s), channelWeights: s,
                          warnings: CAMMath.gradientWarnings(g.gradients, item: n))
        }
    }
}
