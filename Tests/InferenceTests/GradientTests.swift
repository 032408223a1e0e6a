import Foundation
import Inference
import Testing

/// Backward pass vs central finite differences of an independent Double-precision tail.
@Suite("Gradients")
struct GradientTests {
    @Test("∂target/∂layer matches central differences in Double",
          arguments: [(EmoNetLayer.conv5, true), (.conv5, false), (.conv3, true), (.conv2, true)])
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
            // float32 engine vs Double reference: ~1e-3 of the largest gradient, more below the LRNs.
            let tolerance = (layer == .conv2 ? 5e-3 : 2e-3) * maxGrad + 1e-9
            #expect(abs(fd - Double(g[i])) <= tolerance, "\(layer) index \(i): fd \(fd) vs \(g[i])")
        }
        #expect(maxGrad > 0)
    }
}

@Suite("LRN backward")
struct LRNBackwardTests {
    @Test("LRN backward equals central differences of a Double LRN")
    func lrnBackward() {
        let c = 9, plane = 5
        var rng = SplitMix64(seed: 77)
        let x = (0..<(c * plane)).map { _ in Float(rng.uniform() * 60) }
        let g = (0..<(c * plane)).map { _ in Float(rng.uniform() * 2 - 1) }
        let lrn = LocalResponseNorm()
        let grad = lrn.backward(batch: 1, channels: c, plane: plane, input: x, gradient: g)
        func loss(_ v: [Double]) -> Double {
            var total = 0.0
            for ch in 0..<c {
                for p in 0..<plane {
                    var s = 0.0
                    for j in max(0, ch - 2)...min(c - 1, ch + 2) { s += v[j * plane + p] * v[j * plane + p] }
                    total += Double(g[ch * plane + p]) * v[ch * plane + p] / pow(1 + 1e-4 / 5 * s, 0.75)
                }
            }
            return total
        }
        let xd = x.map(Double.init)
        for i in [0, 7, 22, c * plane - 1] {
            var plus = xd, minus = xd
            plus[i] += 1e-4
            minus[i] -= 1e-4
            let fd = (loss(plus) - loss(minus)) / 2e-4
            #expect(abs(fd - Double(grad[i])) < 1e-5 * max(1, abs(fd)), "index \(i): \(fd) vs \(grad[i])")
        }
    }
}
