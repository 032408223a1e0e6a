import Imaging
import Inference

/// XGrad-CAM (Fu et al. 2020), as pytorch-grad-cam 1.5:
/// `w_k = Σ_{ij} G·A / (Σ_{ij} A_k + 1e-7)`, `L = ReLU(Σ_k w_k A_k)`.
public struct XGradCAM: CAMMethod {
    public let kind = CAMMethodKind.xGradCAM
    public static let epsilon: Float = 1e-7
    public init() {}

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        let g = ctx.gradients(logit: false)
        return (0..<ctx.batch).map { n in
            let sums = CAMMath.channelSums(g.activations, g.gradients, item: n) { a, _ in a }
            let products = CAMMath.channelSums(g.activations, g.gradients, item: n) { a, grad in grad * a }
            let w = zip(products, sums).map { $0 / ($1 + Self.epsilon) }
            return CAMMap(method: kind, layer: ctx.layer, target: g.targets[n], targetScore: g.scores[n],
                          raw: CAMMath.weightedMap(g.activations, item: n, weights: w), channelWeights: w,
                          warnings: CAMMath.gradientWarnings(g.gradients, item: n))
        }
    }
}
