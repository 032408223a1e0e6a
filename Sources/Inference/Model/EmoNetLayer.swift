/// Named outputs of EmoNet's forward pass, in execution order. `conv*` and `fc*` are the
/// pre-activation (pre-ReLU) outputs; `relu*` the post-ReLU ones (what PyTorch's inplace ReLU
/// leaves in the module output).
///
/// Shapes for a batch of N: input 3×227×227 · conv1/relu1/norm1 96×55×55 · pool1 96×27×27 ·
/// conv2/relu2/norm2 256×27×27 · pool2 256×13×13 · conv3/relu3 384×13×13 · conv4/relu4 384×13×13 ·
/// conv5/relu5 256×13×13 · pool5 256×6×6 · flat 9216 (MATLAB order 36c + 6w + h) ·
/// fc6/relu6/fc7/relu7 4096 · logits/probabilities 20.
public enum EmoNetLayer: String, Sendable, Hashable, CaseIterable, Codable {
    case input, conv1, relu1, norm1, pool1, conv2, relu2, norm2, pool2, conv3, relu3, conv4, relu4
    case conv5, relu5, pool5, flat, fc6, relu6, fc7, relu7, logits, probabilities

    /// Per-item shape (without the batch dimension).
    public var itemShape: [Int] {
        switch self {
        case .input: [3, 227, 227]
        case .conv1, .relu1, .norm1: [96, 55, 55]
        case .pool1: [96, 27, 27]
        case .conv2, .relu2, .norm2: [256, 27, 27]
        case .pool2: [256, 13, 13]
        case .conv3, .relu3, .conv4, .relu4: [384, 13, 13]
        case .conv5, .relu5: [256, 13, 13]
        case .pool5: [256, 6, 6]
        case .flat: [9216]
        case .fc6, .relu6, .fc7, .relu7: [4096]
        case .logits, .probabilities: [20]
        }
    }

    /// Accepts "conv5", "conv5-pre", "relu5"/"conv5-post", case-insensitive.
    public init?(name: String) {
        let n = name.lowercased()
        if let layer = EmoNetLayer(rawValue: n) { self = layer; return }
        switch n {
        case "conv1-pre", "conv2-pre", "conv3-pre", "conv4-pre", "conv5-pre":
            self = EmoNetLayer(rawValue: String(n.prefix(5)))!
        case "conv1-post", "conv2-post", "conv3-post", "conv4-post", "conv5-post":
            self = EmoNetLayer(rawValue: "relu" + String(n.dropFirst(4).prefix(1)))!
        case "fc8", "fc3": self = .logits
        case "softmax", "probs": self = .probabilities
        default: return nil
        }
    }
}
