import Imaging
import Inference

/// LIFT-CAM (Jung & Oh 2021) exactly as EmoCAM computes it: Captum `DeepLift` on the conv5 →
/// logits tail with an all-zero baseline, channel scores `s_k = Σ_{ij} C_k[i,j]`,
/// `L = ReLU(Σ_k s_k A_k)`.
///
/// In EmoCAM's tail only the max-pool is a registered module; the ReLUs and linear layers pass
/// plain gradients of the target **logit**. With a zero baseline Captum's max-pool rule rebuilds
/// the multiplier with `max_unpool2d`, which **overwrites** rather than adds when a position is
/// the argmax of several overlapping 3×3/2 windows: such a position keeps the pool5 gradient of the
/// **last** window in raster order (oh·6 + ow); positions that are no window's argmax get 0.
/// Hence `s_k = Σ_{ij: A>0} A_k[i,j] · G_k[last window whose argmax is (i,j)]`
/// (measured against Captum 0.9: ≤ 2e-6 relative; see Tests/Fixtures/goldens/cam/README.md).
public struct LiftCAM: CAMMethod {
    public let kind = CAMMethodKind.liftCAM
    public var supportedLayers: [EmoNetLayer] { [.conv5] }
    public init() {}

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        precondition(ctx.layer == .conv5, "LIFT-CAM is implemented at conv5")
        let g = ctx.gradients(logit: true)
        let argmax = g.forward.pool5Argmax!
        return (0..<ctx.batch).map { n in
            var s = [Float](repeating: 0, count: 256)
            for k in 0..<256 {
                let plane = n * 256 + k
                var multiplier = [Float](repeating: 0, count: 169)
                for window in 0..<36 {  // raster order: later windows overwrite earlier ones
                    multiplier[Int(argmax[plane * 36 + window])] = g.pool5Gradients.values[plane * 36 + window]
                }
                var sum: Float = 0
                for i in 0..<169 {
                    let a = g.activations.values[plane * 169 + i]
                    if a > 0 { sum += a * multiplier[i] }
                }
                s[k] = sum
            }
            return CAMMap(method: kind, layer: .conv5, target: g.targets[n], targetScore: g.scores[n],
                          raw: CAMMath.weightedMap(g.activations, item: n, weights: s), channelWeights: s,
                          warnings: CAMMath.gradientWarnings(g.gradients, item: n))
        }
    }
}
