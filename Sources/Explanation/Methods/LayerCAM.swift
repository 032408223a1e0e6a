import Imaging
import Inference

/// LayerCAM (Jiang et al. 2021): `L = ReLU(Σ_k ReLU(G_k) ⊙ A_k)`.
public struct LayerCAM: CAMMethod {
    public let kind = CAMMethodKind.layerCAM
    public init() {}

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        let g = ctx.gradients(logit: false)
        return (0..<ctx.batch).map { n in
            CAMMap(method: kind, layer: ctx.layer, target: g.targets[n], targetScore: g.scores[n],
                   raw: CAMMath.elementwiseMap(g.activations, g.gradients, item: n) { a, grad in max(grad, 0) * a },
                   warnings: CAMMath.gradientWarnings(g.gradients, item: n))
        }
    }
}
