import Imaging
import Inference

/// HiResCAM (Draelos & Carin 2020): `L = ReLU(Σ_k G_k ⊙ A_k)` (element-wise, no spatial averaging).
public struct HiResCAM: CAMMethod {
    public let kind = CAMMethodKind.hiResCAM
    public init() {}

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        let g = ctx.gradients(logit: false)
        return (0..<ctx.batch).map { n in
            CAMMap(method: kind, layer: ctx.layer, target: g.targets[n], targetScore: g.scores[n],
                   raw: CAMMath.elementwiseMap(g.activations, g.gradients, item: n) { a, grad in grad * a },
                   warnings: CAMMath.gradientWarnings(g.gradients, item: n))
        }
    }
}
