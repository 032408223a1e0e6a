import Imaging
import Inference

/// Grad-CAM++ (Chattopadhay et al. 2018), as pytorch-grad-cam 1.5:
/// `α = G² / (2G² + (Σ_{ij} A_k)·G³ + 1e-6)` where `G ≠ 0` (else 0), `w_k = Σ_{ij} α·ReLU(G)`,
/// `L = ReLU(Σ_k w_k A_k)`.
public struct GradCAMPlusPlus: CAMMethod {
    public let kind = CAMMethodKind.gradCAMPlusPlus
    public static let epsilon: Float = 1e-6
    public init() {}

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        let g = ctx.gradients(logit: false)
        let a = g.activations, gr = g.gradients
        let c = g.channels, plane = g.height * g.width
        return (0..<ctx.batch).map { n in
            let base = n * c * plane
            var w = [Float](repeating: 0, count: c)
            for k in 0..<c {
                var sumA: Float = 0
                for i in 0..<plane { sumA += a.values[base + k * plane + i] }
                var s: Float = 0
                for i in 0..<plane {
                    let gv = gr.values[base + k * plane + i]
                    guard gv != 0 else { continue }
                    let g2 = gv * gv, g3 = g2 * gv
                    let alpha = g2 / (2 * g2 + sumA * g3 + Self.epsilon)
                    s += alpha * max(gv, 0)
                }
                w[k] = s
            }
            return CAMMap(method: kind, layer: ctx.layer, target: g.targets[n], targetScore: g.scores[n],
                          raw: CAMMath.weightedMap(a, item: n, weights: w), channelWeights: w,
                          warnings: CAMMath.gradientWarnings(gr, item: n))
        }
    }
}
