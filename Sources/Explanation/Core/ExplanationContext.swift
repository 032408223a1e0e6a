import Imaging
import Inference

/// What the CAM methods share for one batch: the network, the preprocessed input `[N, 3, 227, 227]`,
/// the class explained for each item, the target layer, a seed, and lazily computed gradients
/// (so several gradient methods on the same images cost one backward pass).
public final class ExplanationContext {
    public let net: EmoNet
    public let input: Tensor
    /// Class index explained for each batch item (e.g. the original image's top-1 on every variant).
    public let classes: [Int]
    public let layer: EmoNetLayer
    /// Seed for the random methods (Random-CAM, LIME-CAM); recorded with their outputs.
    public let seed: UInt64
    private var gradientCache: [Bool: LayerGradients] = [:]
    private var forwardCache: ForwardResult?

    public init(net: EmoNet, input: Tensor, classes: [Int], layer: EmoNetLayer = .conv5, seed: UInt64 = 0) {
        precondition(classes.count == input.batch, "one class per batch item")
        self.net = net
        self.input = input
        self.classes = classes
        self.layer = layer
        self.seed = seed
    }

    public var batch: Int { input.batch }

    /// The target for item `n`: its class's probability, or its logit for the Captum-style methods.
    public func target(_ n: Int, logit: Bool) -> ClassTarget {
        logit ? .logit(classes[n]) : .probability(classes[n])
    }

    /// Gradients of every item's target at `layer` (cached per target kind).
    public func gradients(logit: Bool) -> LayerGradients {
        if let g = gradientCache[logit] { return g }
        let g = net.gradients(input, targets: (0..<batch).map { target($0, logit: logit) }, at: layer)
        gradientCache[logit] = g
        return g
    }

    /// The forward pass with `layer` kept (shared with the gradients when they exist).
    public func forward() -> ForwardResult {
        if let g = gradientCache.values.first { return g.forward }
        if let f = forwardCache { return f }
        let f = net.forward(input, keep: [layer])
        forwardCache = f
        return f
    }

    /// The target layer's activations `[N, C, H, W]`.
    public var activations: Tensor { forward().layers[layer]! }

    /// Target score of item `n` on the unmodified input.
    public func score(_ n: Int, logit: Bool) -> Float {
        let f = forward()
        return logit ? f.logits.item(n)[f.logits.item(n).startIndex + classes[n]]
            : f.probabilities.item(n)[f.probabilities.item(n).startIndex + classes[n]]
    }
}
