import Imaging
import Inference

/// Grad-CAM (Selvaraju et al. 2017), as pytorch-grad-cam 1.5: `w_k = mean_{ij} ∂y/∂A_k[i,j]`,
/// `L = ReLU(Σ_k w_k A_k)`, y = the target's softmax probability.
public struct GradCAM: CAMMethod {
    public let kind = CAMMethodKind.gradCAM
    public init() {}

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        let g = ctx.gradients(logit: false)
        let plane = Float(g.height * g.width)
        return (0..<ctx.batch).map { n in
            let w = CAMMath.channelSums(g.activations, g.gradients, item: n) { _, grad in grad }.map { $0 / plane }
            return CAMMap(method: kind, layer: ctx.layer, target: g.targets[n], targetScore: g.scores[n],
                          raw: CAMMath.weightedMap(g.activations, item: n, weights: w), channelWeights: w,
                          warnings: CAMMath.gradientWarnings(g.gradients, item: n))
        }
    }
}
