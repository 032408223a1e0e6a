import Imaging
import Inference

/// LRP-CAM as EmoCAM computes it: Captum `LRP` on the conv5 → logits tail, channel relevances
/// `s_k = Σ_{ij} R_k[i,j]`, `L = ReLU(Σ_k s_k A_k)`.
///
/// Captum attaches LRP rules only to registered modules; in EmoCAM's tail that is the max-pool
/// alone (ε-rule, ε = 1e-9), whose relevance ratio at the pooled positions is `x/(x + ε) ≈ 1`.
/// Everything else propagates gradients, so the relevance is gradient × input of the target
/// logit, as for LIFT-CAM (reference §4.3.3; the golden check states the measured difference).
public struct LRPCAM: CAMMethod {
    public let kind = CAMMethodKind.lrpCAM
    public var supportedLayers: [EmoNetLayer] { [.conv5] }
    public init() {}

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        GradientTimesInput.maps(ctx, kind: kind)
    }
}
