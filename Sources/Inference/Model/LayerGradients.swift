/// The gradient of one target score per batch item with respect to a convolution's output
/// (pre-ReLU, bias included — the tensor CAM methods weight), with the activations themselves.
///
/// Layout: `activations` and `gradients` are `[N, C, H, W]` (conv5: 256×13×13).
public struct LayerGradients: Sendable {
    public var layer: EmoNetLayer
    public var activations: Tensor
    public var gradients: Tensor
    /// The targets, and their score values (probability or logit) per item.
    public var targets: [ClassTarget]
    public var scores: [Float]
    /// The forward pass the gradients were taken on (logits, probabilities, kept layers,
    /// pool5 argmax routing).
    public var forward: ForwardResult
    /// `∂score/∂pool5` per item, `[N, 256, 6, 6]` (what the max-unpool routes back to conv5).
    public var pool5Gradients: Tensor

    public var channels: Int { activations.shape[1] }
    public var height: Int { activations.shape[2] }
    public var width: Int { activations.shape[3] }
}
