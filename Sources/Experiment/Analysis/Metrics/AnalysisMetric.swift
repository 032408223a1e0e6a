/// One outcome the significance table tests, and how its paired difference is formed.
///
/// - `.paired`: a before and an after value per image; Δ = after − before
///   (e.g. the original top-1 probability before and after the modification).
/// - `.deviation(reference)`: one value per pair that equals `reference` when nothing changed
///   (Pearson between the maps is 1 for identical maps); Δ = value − reference, the "baseline"
///   column shows the reference.
/// - `.binary`: a yes/no outcome before and after (top-1 unchanged; CAM peak inside the region);
///   tested with McNemar on the discordant pairs.
public struct AnalysisMetric: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case paired
        case deviation(reference: Double)
        case binary
    }

    /// Whether the metric is a property of EmoNet's output (one value per image and condition)
    /// or of a CAM map (one per image, condition and method).
    public enum Scope: String, Sendable, Hashable { case emotion, heatmap }

    /// Stable key (CSV/JSON, `--metric`).
    public var key: String
    /// Human label for tables.
    public var label: String
    public var kind: Kind
    public var scope: Scope
    /// Primary metrics form the default correction family (and the default `--metric` set).
    public var primary: Bool
    /// Unit of Δ, e.g. "probability", "bits", "px"; empty when dimensionless.
    public var unit: String

    public init(key: String, label: String, kind: Kind, scope: Scope, primary: Bool, unit: String = "") {
        self.key = key
        self.label = label
        self.kind = kind
        self.scope = scope
        self.primary = primary
        self.unit = unit
    }
}
