/// What an occluder is painted with.
public enum OcclusionFill: Sendable, Hashable {
    /// (0, 0, 0).
    case black
    /// (128, 128, 128).
    case grey
    /// Each region's own mean colour over its covered pixels of the *input*, rounded half up.
    case mean
    /// The input Gaussian-blurred (Pillow-exact, σ = `sigma`) over the whole image, shown inside the shape.
    case blur(sigma: Double)
    /// The input pixelated (``Pixelate``, tiles aligned to the image origin), shown inside the shape.
    case pixelate(block: Int)
    /// Uniform random samples 0…255 (independent per channel), seeded: one `nextInt(below: 256)`
    /// per covered sample in raster order.
    case noise
    /// A solid colour.
    case solid(r: UInt8, g: UInt8, b: UInt8)

    /// The spec name (`black`, `grey`, `mean`, `blur`, `pixelate`, `noise`, `solid`).
    public var kind: String {
        switch self {
        case .black: "black"
        case .grey: "grey"
        case .mean: "mean"
        case .blur: "blur"
        case .pixelate: "pixelate"
        case .noise: "noise"
        case .solid: "solid"
        }
    }

    public static let kinds = ["black", "grey", "mean", "blur", "pixelate", "noise", "solid"]
}
