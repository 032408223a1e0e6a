/// The 16 parameter tensors of EmoNet (emonet-py `AlexNetBigEmoNet` state_dict), in state_dict
/// order, with their PyTorch shapes. Every loader's output is checked against this table.
///
/// | key | shape | key | shape |
/// |---|---|---|---|
/// | conv1.weight | 96×3×11×11 | conv1.bias | 96 |
/// | conv2.weight | 256×48×5×5 | conv2.bias | 256 |
/// | conv3.weight | 384×256×3×3 | conv3.bias | 384 |
/// | conv4.weight | 384×192×3×3 | conv4.bias | 384 |
/// | conv5.weight | 256×192×3×3 | conv5.bias | 256 |
/// | fc1.weight | 4096×9216 | fc1.bias | 4096 |
/// | fc2.weight | 4096×4096 | fc2.bias | 4096 |
/// | fc3.weight | 20×4096 | fc3.bias | 20 |
public enum EmoNetParameterLayout {
    public static let tensors: [(name: String, shape: [Int])] = [
        ("conv1.weight", [96, 3, 11, 11]), ("conv1.bias", [96]),
        ("conv2.weight", [256, 48, 5, 5]), ("conv2.bias", [256]),
        ("conv3.weight", [384, 256, 3, 3]), ("conv3.bias", [384]),
        ("conv4.weight", [384, 192, 3, 3]), ("conv4.bias", [384]),
        ("conv5.weight", [256, 192, 3, 3]), ("conv5.bias", [256]),
        ("fc1.weight", [4096, 9216]), ("fc1.bias", [4096]),
        ("fc2.weight", [4096, 4096]), ("fc2.bias", [4096]),
        ("fc3.weight", [20, 4096]), ("fc3.bias", [20]),
    ]

    public static let names: [String] = tensors.map(\.name)

    public static func shape(of name: String) -> [Int]? {
        tensors.first { $0.name == name }?.shape
    }

    /// Total parameter count (56,950,164).
    public static var parameterCount: Int { tensors.reduce(0) { $0 + $1.shape.reduce(1, *) } }

    /// The mean image: 3×227×227 (channel-major R, G, B planes), 0–255 scale.
    public static let meanImageShape = [3, 227, 227]
}
