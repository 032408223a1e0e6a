import Foundation

/// How a CAM map moved between the baseline record (map `A`) and a modified record (map `B`) of
/// the same image and method. Computed on the raw maps; only the metrics that say so normalise.
///
/// | metric | definition | identical maps |
/// |---|---|---|
/// | `pearson` | Pearson r over the w·h cells | 1 |
/// | `spearman` | Pearson r of the average ranks (ties share their mean rank) | 1 |
/// | `cosine` | A·B / (‖A‖₂‖B‖₂) | 1 |
/// | `centreShift` | distance between the centres of positive mass, original pixels | 0 |
/// | `topIoU` | IoU of the top-k cells, k = ⌈fraction·w·h⌉ (ties: lower index first) | 1 |
/// | `massBefore`/`massAfter` | share of positive mass inside the modified region (``MapGrid/massShare(inside:)``) | equal |
/// | `pointingBefore`/`After` | the peak cell's centre lies inside the region | equal |
/// | `magnitudeRatio` | ‖B‖₂ / ‖A‖₂ (tested as its log) | 1 |
///
/// A metric that cannot be computed is nil, with its reason in `reasons[metricKey]`
/// (e.g. "baseline map is constant" for correlations, "condition has no region" for the region metrics).
public struct HeatmapDrift: Sendable, Equatable {
    public var pearson: Double?
    public var spearman: Double?
    public var cosine: Double?
    public var centreShift: Double?
    public var topIoU: Double?
    public var massBefore: Double?
    public var massAfter: Double?
    public var pointingBefore: Bool?
    public var pointingAfter: Bool?
    public var magnitudeRatio: Double?
    public var reasons = DriftReasons()

    /// - Parameters:
    ///   - topFraction: share of cells in the top-k IoU (default 0.2 = 20 %).
    ///   - regions: the modified region(s) in original pixels; empty = whole-image modification.
    public init(baseline a: MapGrid, modified b: MapGrid, regions: [RegionBox], topFraction: Double = 0.2) {
        self.init(baseline: MapProfile(a, topFraction: topFraction), modified: MapProfile(b, topFraction: topFraction), regions: regions)
    }

    /// The same from profiles computed once per map (both with the same top fraction).
    public init(baseline pa: MapProfile, modified pb: MapProfile, regions: [RegionBox]) {
        let a = pa.grid, b = pb.grid
        guard a.width == b.width, a.height == b.height, !a.values.isEmpty else {
            let reason = "maps have different grids (\(a.width)×\(a.height) vs \(b.width)×\(b.height))"
            for key in ["pearson", "spearman", "cosine", "centre_shift", "top_iou", "mass", "pointing", "magnitude_ratio"] {
                reasons[key] = reason
            }
            return
        }
        let constantA = pa.isConstant, constantB = pb.isConstant
        let constantReason = constantA ? "baseline map is constant" : "modified map is constant"
        if constantA || constantB {
            reasons["pearson"] = constantReason
            reasons["spearman"] = constantReason
        } else {
            pearson = Self.pearson(a.values, b.values)
            spearman = Self.pearson(pa.ranks, pb.ranks)
        }
        let na = pa.norm, nb = pb.norm
        if na > 0, nb > 0 {
            var dot = 0.0
            for i in a.values.indices { dot += a.values[i] * b.values[i] }
            cosine = dot / (na * nb)
            magnitudeRatio = nb / na
        } else {
            let reason = na == 0 ? "baseline map is all zero" : "modified map is all zero"
            reasons["cosine"] = reason
            reasons["magnitude_ratio"] = reason
        }
        if let ca = pa.centreOfMass, let cb = pb.centreOfMass {
            centreShift = hypot(cb.x - ca.x, cb.y - ca.y)
        } else {
            reasons["centre_shift"] = pa.centreOfMass == nil ? "baseline map has no positive mass" : "modified map has no positive mass"
        }
        if constantA || constantB {
            reasons["top_iou"] = constantReason
        } else {
            let shared = pa.sharedTopCells(with: pb)
            topIoU = Double(shared) / Double(pa.topCount + pb.topCount - shared)
        }
        if regions.isEmpty {
            reasons["mass"] = "condition has no region"
            reasons["pointing"] = "condition has no region"
        } else {
            massBefore = a.massShare(inside: regions)
            massAfter = b.massShare(inside: regions)
            if massBefore == nil || massAfter == nil {
                reasons["mass"] = massBefore == nil ? "baseline map has no positive mass" : "modified map has no positive mass"
            }
            if let peakA = pa.peakIndex, let peakB = pb.peakIndex {
                let ca = a.cellCentre(peakA), cb = b.cellCentre(peakB)
                pointingBefore = regions.contains { $0.contains(ca.x, ca.y) }
                pointingAfter = regions.contains { $0.contains(cb.x, cb.y) }
            } else {
                reasons["pointing"] = constantReason
            }
        }
    }

    /// Pearson r by the two-pass formula (centred sums), clamped to [−1, 1].
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        return max(-1, min(1, sxy / sqrt(sxx * syy)))
    }
}
