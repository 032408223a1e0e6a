import Foundation

/// Turns ``PairedObservations`` into a ``MetricSample`` for one metric and (condition, method).
/// Emotion metrics ignore `method`.
public enum MetricExtractor {
    public static func sample(_ metric: AnalysisMetric, condition: String, method: String,
                              from observations: PairedObservations) -> MetricSample {
        var s = MetricSample()
        switch metric.scope {
        case .emotion:
            for o in observations.emotion[condition] ?? [] { addEmotion(metric.key, o, to: &s) }
        case .heatmap:
            for o in observations.heatmap[PairKey(condition: condition, method: method)] ?? [] { addHeatmap(metric.key, o, to: &s) }
        }
        return s
    }

    static func addEmotion(_ key: String, _ o: PairedObservations.Emotion, to s: inout MetricSample) {
        let e = o.shift
        switch key {
        case "delta_p_top1":
            s.add(o.image, o.ordinal, before: e.baselineTop1Probability, after: e.baselineTop1Probability + e.deltaTop1Probability)
        case "flip": s.add(o.image, o.ordinal, before: false, after: e.flipped)
        case "jsd": s.add(o.image, o.ordinal, before: 0, after: e.jensenShannon)
        case "total_variation": s.add(o.image, o.ordinal, before: 0, after: e.totalVariation)
        case "delta_entropy": s.add(o.image, o.ordinal, before: e.baselineEntropy, after: e.baselineEntropy + e.deltaEntropy)
        case "delta_valence":
            if let b = e.baselineValence, let d = e.deltaValence { s.add(o.image, o.ordinal, before: b, after: b + d) } else { s.exclude("no valence") }
        case "delta_arousal":
            if let b = e.baselineArousal, let d = e.deltaArousal { s.add(o.image, o.ordinal, before: b, after: b + d) } else { s.exclude("no arousal") }
        default: break
        }
    }

    static func addHeatmap(_ key: String, _ o: PairedObservations.Heatmap, to s: inout MetricSample) {
        let d = o.drift
        func deviation(_ value: Double?, reference: Double, reasonKey: String) {
            if let value { s.add(o.image, o.ordinal, before: reference, after: value) } else { s.exclude(d.reasons[reasonKey] ?? "not defined") }
        }
        switch key {
        case "cam_pearson": deviation(d.pearson, reference: 1, reasonKey: "pearson")
        case "cam_spearman": deviation(d.spearman, reference: 1, reasonKey: "spearman")
        case "cam_cosine": deviation(d.cosine, reference: 1, reasonKey: "cosine")
        case "cam_centre_shift": deviation(d.centreShift, reference: 0, reasonKey: "centre_shift")
        case "cam_top_iou": deviation(d.topIoU, reference: 1, reasonKey: "top_iou")
        case "cam_log_magnitude": deviation(d.magnitudeRatio.map { log($0) }, reference: 0, reasonKey: "magnitude_ratio")
        case "cam_region_mass":
            if let b = d.massBefore, let a = d.massAfter { s.add(o.image, o.ordinal, before: b, after: a) } else { s.exclude(d.reasons["mass"] ?? "not defined") }
        case "cam_pointing":
            if let b = d.pointingBefore, let a = d.pointingAfter { s.add(o.image, o.ordinal, before: b, after: a) } else { s.exclude(d.reasons["pointing"] ?? "not defined") }
        default: break
        }
    }
}
