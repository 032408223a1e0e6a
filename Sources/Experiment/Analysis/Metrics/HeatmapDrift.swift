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
    public var reasons: [String: String] = [:]

    /// - Parameters:
    ///   - topFraction: share of cells in the top-k IoU (default 0.2 = 20 %).
    ///   - regions: the modified region(s) in original pixels; empty = whole-image modification.
    public init(baseline a: MapGrid, modified b: MapGrid, regions: [RegionBox], topFraction: Double = 0.2) {
        guard a.width == b.width, a.height == b.height, !a.values.isEmpty else {
            let reason = "maps have different grids (\(a.width)×\(a.height) vs \(b.width)×\(b.height))"
            for key in ["pearson", "spearman", "cosine", "centre_shift", "top_iou", "mass", "pointing", "magnitude_ratio"] {
                reasons[key] = reason
            }
            return
        }
        let constantA = Self.isConstant(a.values), constantB = Self.isConstant(b.values)
        let constantReason = constantA ? "baseline map is constant" : "modified map is constant"
        if constantA || constantB {
            reasons["pearson"] = constantReason
            reasons["spearman"] = constantReason
        } else {
            pearson = Self.pearson(a.values, b.values)
            spearman = Self.pearson(Self.averageRanks(a.values), Self.averageRanks(b.values))
        }
        let na = Self.norm(a.values), nb = Self.norm(b.values)
        if na > 0, nb > 0 {
            cosine = zip(a.values, b.values).reduce(0) { $0 + $1.0 * $1.1 } / (na * nb)
            magnitudeRatio = nb / na
        } else {
            let reason = na == 0 ? "baseline map is all zero" : "modified map is all zero"
            reasons["cosine"] = reason
            reasons["magnitude_ratio"] = reason
        }
        if let ca = a.centreOfMass, let cb = b.centreOfMass {
            centreShift = hypot(cb.x - ca.x, cb.y - ca.y)
        } else {
            reasons["centre_shift"] = a.centreOfMass == nil ? "baseline map has no positive mass" : "modified map has no positive mass"
        }
        if constantA || constantB {
            reasons["top_iou"] = constantReason
        } else {
            let k = max(1, Int((topFraction * Double(a.values.count)).rounded(.up)))
            let sa = Self.topCells(a.values, k), sb = Self.topCells(b.values, k)
            topIoU = Double(sa.intersection(sb).count) / Double(sa.union(sb).count)
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
            if let pa = a.peakIndex, let pb = b.peakIndex {
                let ca = a.cellCentre(pa), cb = b.cellCentre(pb)
                pointingBefore = regions.contains { $0.contains(ca.x, ca.y) }
                pointingAfter = regions.contains { $0.contains(cb.x, cb.y) }
            } else {
                reasons["pointing"] = constantReason
            }
        }
    }

    static func isConstant(_ v: [Double]) -> Bool {
        guard let first = v.first else { return true }
        return !v.contains { $0 != first }
    }

    static func norm(_ v: [Double]) -> Double { sqrt(v.reduce(0) { $0 + $1 * $1 }) }

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

    /// 1-based average ranks (ties get the mean of the ranks they span), as scipy's `rankdata`.
    static func averageRanks(_ v: [Double]) -> [Double] {
        let order = v.indices.sorted { v[$0] < v[$1] || (v[$0] == v[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: v.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, v[order[j + 1]] == v[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for t in i...j { ranks[order[t]] = rank }
            i = j + 1
        }
        return ranks
    }

    /// Indices of the k largest values; ties broken by lower index first.
    static func topCells(_ v: [Double], _ k: Int) -> Set<Int> {
        Set(v.indices.sorted { v[$0] > v[$1] || (v[$0] == v[$1] && $0 < $1) }.prefix(k))
    }
}
