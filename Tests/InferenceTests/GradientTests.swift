import Foundation
import Inference
import Testing

/// Backward pass vs central finite differences of an independent Double-precision tail.
@Suite("Gradients")
struct GradientTests {
    @Test("∂target/∂layer matches central differences in Double",
          arguments: [(EmoNetLayer.conv5, true), (.conv5, false), (.conv3, true)])
    func finiteDifferences(_ layer: EmoNetLayer, _ probability: Bool) throws {
        let net = InferenceFixtures.demoNet
        let input = try InferenceFixtures.input("Experiments/images/chelsea.png")
        let top = net.forward(input).top1(of: 0)
        let target: ClassTarget = probability ? .probability(top) : .logit(top)
        let grads = net.gradients(input, targets: [target], at: layer)
        let tail = DoubleTail(net: net)
        let a = grads.activations.values.map(Double.init)
        // The Double tail reproduces the engine's score.
        let base = DoubleTail.score(target, logits: tail.logits(from: layer, a))
        #expect(abs(base - Double(grads.scores[0])) <= 1e-4 * max(1, abs(base)))
        // Probe the positions with the largest gradients plus a few fixed ones (some are zero: ReLU off).
        let g = grads.gradients.values
        let largest = g.indices.sorted { abs(g[$0]) > abs(g[$1]) }.prefix(4)
        let probes = Array(largest) + [0, g.count / 3, g.count - 1]
        let maxGrad = Double(g.map { abs($0) }.max()!)
        let h = 1e-3 * max(1, a.map { abs($0) }.max()!) / 100
        for i in probes {
            var plus = a, minus = a
            plus[i] += h
            minus[i] -= h
            let fd = (DoubleTail.score(target, logits: tail.logits(from: layer, plus))
                - DoubleTail.score(target, logits: tail.logits(from: layer, minus))) / (2 * h)
            #expect(abs(fd - Double(g[i])) <= 2e-3 * maxGrad + 1e-9, "\(layer) index \(i): fd \(fd) vs \(g[i])")
        }
        #expect(maxGrad > 0)
    }
}
