import Imaging
import Inference

/// Ablation-CAM (Desai & Ramaswamy 2020), as pytorch-grad-cam 1.5 at conv5: channel k of the
/// conv5 output is set to a very negative value (zero after ReLU), the rest of the network is
/// re-evaluated, and `w_k = (y − y_k)/y` with y the target's probability; `L = ReLU(Σ_k w_k A_k)`.
///
/// Only the tail after conv5 runs, and fc6 is not recomputed: zeroing channel k removes exactly
/// the 36 fc6 inputs `36k … 36k+35` (MATLAB flatten), so `fc6_k = fc6 − W₆[:, 36k…36k+35]·pool5_k`.
/// Then fc7 and fc8 run as one 256-row GEMM.
public struct AblationCAM: CAMMethod {
    public let kind = CAMMethodKind.ablationCAM
    public var supportedLayers: [EmoNetLayer] { [.conv5] }
    public init() {}

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        precondition(ctx.layer == .conv5, "Ablation-CAM is implemented at conv5")
        let a = ctx.activations
        let net = ctx.net
        return (0..<ctx.batch).map { n in
            let target = ctx.classes[n]
            let y = ctx.score(n, logit: false)
            let ablated = Self.ablatedScores(net: net, conv5: a, item: n, classIndex: target)
            let w = ablated.map { y == 0 ? 0 : (y - $0) / y }
            var warnings: [String] = []
            if y == 0 { warnings.append("the target's probability is 0: all weights are 0") }
            return CAMMap(method: kind, layer: .conv5, target: .probability(target), targetScore: y,
                          raw: CAMMath.weightedMap(a, item: n, weights: w), channelWeights: w, warnings: warnings)
        }
    }

    /// Probability of `classIndex` with each of the 256 conv5 channels ablated in turn.
    public static func ablatedScores(net: EmoNet, conv5 a: Tensor, item n: Int, classIndex: Int) -> [Float] {
        let one = Tensor(shape: [1, 256, 13, 13], values: Array(a.item(n)))
        let pooled = PooledConv5(net: net, conv5: one)
        var z6 = [Float](repeating: 0, count: 256 * 4096)
        pooled.fc6WithEachChannelRemoved(into: &z6)
        for i in z6.indices where !(z6[i] > 0) { z6[i] = 0 }
        let p = net.weights.parameters
        var h7 = [Float](repeating: 0, count: 256 * 4096)
        z6.withUnsafeBufferPointer { x in
            h7.withUnsafeMutableBufferPointer { y in
                Linear.forward(batch: 256, inFeatures: 4096, outFeatures: 4096, input: x.baseAddress!,
                               weights: p.pointer("fc2.weight"), bias: p.pointer("fc2.bias"), output: y.baseAddress!)
            }
        }
        h7.withUnsafeMutableBufferPointer { Activations.relu($0.baseAddress!, count: $0.count) }
        var z = [Float](repeating: 0, count: 256 * 20)
        h7.withUnsafeBufferPointer { x in
            z.withUnsafeMutableBufferPointer { y in
                Linear.forward(batch: 256, inFeatures: 4096, outFeatures: 20, input: x.baseAddress!,
                               weights: p.pointer("fc3.weight"), bias: p.pointer("fc3.bias"), output: y.baseAddress!)
            }
        }
        var probs = [Float](repeating: 0, count: 256 * 20)
        z.withUnsafeBufferPointer { x in
            probs.withUnsafeMutableBufferPointer { y in Activations.softmax(rows: 256, columns: 20, input: x.baseAddress!, output: y.baseAddress!) }
        }
        return (0..<256).map { probs[$0 * 20 + classIndex] }
    }
}
