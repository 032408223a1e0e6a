import Explanation
import Inference

/// Which CAMs are computed (`explain:`).
public struct ExplainSpec: Sendable, Hashable, Codable {
    /// The class a CAM explains.
    public enum Target: Sendable, Hashable, Codable {
        /// The top-1 class of the unmodified image, for every variant (default).
        case originalTop1
        /// Each variant's own top-1 class.
        case perVariantTop1
        /// These classes (``EmoNetClasses`` names, canonical spelling), one CAM each.
        case classes([String])
    }

    /// Default `[grad-cam]`.
    public var methods: [CAMMethodKind]
    /// conv1…conv5 (pre-ReLU); default conv5. Ablation-, LIFT-, LRP- and LIME-CAM need conv5.
    public var layer: EmoNetLayer
    public var target: Target
    /// Seed of the random methods (random-cam, lime-cam); nil = derived from the spec seed.
    public var seed: UInt64?

    public static let keys = ["methods", "layer", "target", "seed"]
    /// Layers a CAM can be computed at.
    public static let layers: [EmoNetLayer] = [.conv1, .conv2, .conv3, .conv4, .conv5]
    /// Methods defined only on the conv5 tail.
    public static let conv5Only: Set<CAMMethodKind> = [.ablationCAM, .liftCAM, .lrpCAM, .limeCAM]

    public init(methods: [CAMMethodKind] = [.gradCAM], layer: EmoNetLayer = .conv5,
                target: Target = .originalTop1, seed: UInt64? = nil) {
        self.methods = methods
        self.layer = layer
        self.target = target
        self.seed = seed
    }
}
