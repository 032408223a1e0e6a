import Foundation

/// Every metric `emoshift report` knows, in table order. Definitions: ``EmotionShift``,
/// ``HeatmapDrift`` and docs/metrics.md.
public enum MetricCatalogue {
    public static let all: [AnalysisMetric] = [
        .init(key: "delta_p_top1", label: "Δ p(original top-1)", kind: .paired, scope: .emotion, primary: true, unit: "probability"),
        .init(key: "flip", label: "top-1 flip", kind: .binary, scope: .emotion, primary: true),
        .init(key: "jsd", label: "Jensen–Shannon divergence", kind: .deviation(reference: 0), scope: .emotion, primary: true, unit: "bits"),
        .init(key: "total_variation", label: "total variation", kind: .deviation(reference: 0), scope: .emotion, primary: false),
        .init(key: "delta_entropy", label: "Δ entropy", kind: .paired, scope: .emotion, primary: false, unit: "bits"),
        .init(key: "delta_valence", label: "Δ valence", kind: .paired, scope: .emotion, primary: true),
        .init(key: "delta_arousal", label: "Δ arousal", kind: .paired, scope: .emotion, primary: true),
        .init(key: "cam_pearson", label: "CAM Pearson r", kind: .deviation(reference: 1), scope: .heatmap, primary: false),
        .init(key: "cam_spearman", label: "CAM Spearman ρ", kind: .deviation(reference: 1), scope: .heatmap, primary: true),
        .init(key: "cam_cosine", label: "CAM cosine", kind: .deviation(reference: 1), scope: .heatmap, primary: false),
        .init(key: "cam_centre_shift", label: "CAM centre-of-mass shift", kind: .deviation(reference: 0), scope: .heatmap,
              primary: true, unit: "px"),
        .init(key: "cam_top_iou", label: "CAM top-20 % IoU", kind: .deviation(reference: 1), scope: .heatmap, primary: true),
        .init(key: "cam_region_mass", label: "CAM mass in region", kind: .paired, scope: .heatmap, primary: true),
        .init(key: "cam_pointing", label: "CAM peak in region", kind: .binary, scope: .heatmap, primary: false),
        .init(key: "cam_log_magnitude", label: "log CAM magnitude ratio", kind: .deviation(reference: 0), scope: .heatmap,
              primary: false),
    ]

    public static var primary: [AnalysisMetric] { all.filter(\.primary) }

    public static func metric(_ key: String) -> AnalysisMetric? { all.first { $0.key == key } }

    /// Resolves `--metric` values: keys, `primary` (default) or `all`; comma-separated lists allowed.
    public static func resolve(_ names: [String]) throws -> [AnalysisMetric] {
        let parts = names.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        if parts.isEmpty || parts == ["primary"] { return primary }
        if parts.contains("all") { return all }
        var keys = Set<String>()
        for p in parts {
            if p == "primary" { keys.formUnion(primary.map(\.key)); continue }
            guard metric(p) != nil else { throw AnalysisError.unknownMetric(p, available: all.map(\.key)) }
            keys.insert(p)
        }
        return all.filter { keys.contains($0.key) }
    }
}
