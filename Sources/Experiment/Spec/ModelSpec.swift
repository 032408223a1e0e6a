/// The network (`model:`): where the EmoNet weights come from and whether the affect heads run.
public struct ModelSpec: Sendable, Hashable, Codable {
    /// `auto` (find an installed emonet-py data folder or the native cache, else the demo model),
    /// `demo` (the labelled deterministic demo model), or a path to a weights folder or file.
    public enum Weights: Sendable, Hashable, Codable {
        case auto
        case demo
        case path(String)
    }

    /// What the valence/arousal heads read.
    public enum AffectInput: String, Sendable, Hashable, Codable, CaseIterable {
        case probabilities, logits
    }

    /// Default `.auto`.
    public var weights: Weights
    /// Whether valence and arousal are computed (`affect: true|false`). Default true.
    public var affect: Bool
    /// Input of the affect heads. Default `.probabilities`.
    public var affectInput: AffectInput

    public static let keys = ["weights", "affect", "affectInput"]

    public init(weights: Weights = .auto, affect: Bool = true, affectInput: AffectInput = .probabilities) {
        self.weights = weights
        self.affect = affect
        self.affectInput = affectInput
    }
}
