import Imaging
import Inference

/// Score-CAM (Wang et al. 2020), as pytorch-grad-cam 1.5: each activation channel `A_k` is
/// upsampled to the input size with aligned-corner bilinear interpolation, scaled to [0, 1]
/// (`(M − min)/(max − min + 1e-8)`), multiplied into the (mean-subtracted) input, and the masked
/// inputs go through the whole network in batches. `w = softmax_k(score_k)` where `score_k` is the
/// target's probability on the k-th masked input; `L = ReLU(Σ_k w_k A_k)`.
public struct ScoreCAM: CAMMethod {
    public let kind = CAMMethodKind.scoreCAM
    /// Masked inputs per forward pass.
    public var batchSize: Int = 32
    public init(batchSize: Int = 32) { self.batchSize = batchSize }

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        let a = ctx.activations
        let c = a.shape[1], h = a.shape[2], w = a.shape[3]
        let side = EmoNet.inputSize, plane = side * side, item = 3 * plane
        return (0..<ctx.batch).map { n in
            let inputItem = Array(ctx.input.item(n))
            // Masks, one per channel.
            var masks = [[Float]]()
            masks.reserveCapacity(c)
            for k in 0..<c {
                let start = (n * c + k) * h * w
                let channel = try! FloatMap(width: w, height: h, values: Array(a.values[start..<(start + h * w)]))
                var up = try! channel.bilinearResizedAlignCorners(width: side, height: side).values
                let lo = up.min()!, hi = up.max()!
                let d = hi - lo + 1e-8
                for i in up.indices { up[i] = (up[i] - lo) / d }
                masks.append(up)
            }
            var scores = [Float](repeating: 0, count: c)
            var k0 = 0
            while k0 < c {
                let m = min(batchSize, c - k0)
                var values = [Float](repeating: 0, count: m * item)
                for j in 0..<m {
                    let mask = masks[k0 + j]
                    for ch in 0..<3 {
                        for i in 0..<plane { values[j * item + ch * plane + i] = inputItem[ch * plane + i] * mask[i] }
                    }
                }
                let out = ctx.net.forward(Tensor(shape: [m, 3, side, side], values: values))
                for j in 0..<m { scores[k0 + j] = out.probabilities.item(j)[out.probabilities.item(j).startIndex + ctx.classes[n]] }
                k0 += m
            }
            let top = scores.max()!
            let e = scores.map { Double(expf($0 - top)) }
            let total = e.reduce(0, +)
            let weights = e.map { Float($0 / total) }
            return CAMMap(method: kind, layer: ctx.layer, target: ctx.target(n, logit: false), targetScore: ctx.score(n, logit: false),
                          raw: CAMMath.weightedMap(a, item: n, weights: weights), channelWeights: weights)
        }
    }
}

import Foundation
