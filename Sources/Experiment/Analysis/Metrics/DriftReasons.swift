/// Why each drift metric of a ``HeatmapDrift`` is n/a (nil = computed), keyed like the metric keys
/// without the `cam_` prefix: `pearson`, `spearman`, `cosine`, `centre_shift`, `top_iou`, `mass`,
/// `pointing`, `magnitude_ratio`. A fixed struct rather than a dictionary: one is made per pair,
/// hundreds of thousands per report.
public struct DriftReasons: Sendable, Equatable {
    var pearson, spearman, cosine, centreShift, topIoU, mass, pointing, magnitudeRatio: String?

    public init() {}

    public subscript(key: String) -> String? {
        get {
            switch key {
            case "pearson": return pearson
            case "spearman": return spearman
            case "cosine": return cosine
            case "centre_shift": return centreShift
            case "top_iou": return topIoU
            case "mass": return mass
            case "pointing": return pointing
            case "magnitude_ratio": return magnitudeRatio
            default: return nil
            }
        }
        set {
            switch key {
            case "pearson": pearson = newValue
            case "spearman": spearman = newValue
            case "cosine": cosine = newValue
            case "centre_shift": centreShift = newValue
            case "top_iou": topIoU = newValue
            case "mass": mass = newValue
            case "pointing": pointing = newValue
            case "magnitude_ratio": magnitudeRatio = newValue
            default: preconditionFailure("unknown drift metric key \(key)")
            }
        }
    }
}
