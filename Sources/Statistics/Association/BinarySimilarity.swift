/// Similarity between two binary indicator vectors, defined exactly as the paper computes it:
/// `1 − scipy.spatial.distance.pdist(M.T, metric)` (scipy 1.17), made square with `squareform`
/// and the diagonal set to 1 (spec §4.7 step 5).
///
/// With n11 = both 1, n10 / n01 = only one of them, n00 = neither:
///
/// * `.dice` (the paper's): d = (n10 + n01) / (2·n11 + n10 + n01), so
///   S = 1 − d = 2·n11 / (2·n11 + n10 + n01). **0/0 = NaN**: S is n/a when both columns are all
///   zero (e.g. "Personal Care", spec §6 A6, against any absent emotion), and for every pair when
///   the image set is empty.
/// * `.jaccard`: d = (n10 + n01) / (n11 + n10 + n01), and scipy defines **d = 0 when the
///   denominator is 0**, so two all-zero columns get S = 1 (never n/a). S = n11 / (n11 + n10 + n01).
/// * `.yule`: scipy's Yule *dissimilarity* is d = R / (n11·n00 + R/2) with R = 2·n10·n01, i.e.
///   d = 2·n10·n01 / (n11·n00 + n10·n01), and scipy returns **d = 0 whenever n10·n01 = 0** (which
///   also covers the only 0/0 case). So S = 1 − d = (n11·n00 − n10·n01) / (n11·n00 + n10·n01) =
///   Yule's Q, and S = 1 when n10·n01 = 0. Never n/a; S ∈ [−1, 1].
///
/// S is computed as 1 − d in floating point, as the paper does, so it matches scipy to the last
/// bit or so. The diagonal is always 1 (the paper overwrites it).
public enum BinarySimilarity: String, Sendable, Hashable, Codable, CaseIterable {
    case dice, jaccard, yule

    /// The dissimilarity d of scipy 1.17's `pdist` for these counts (NaN only for Dice 0/0).
    public func distance(_ c: PairCounts) -> Double {
        let n11 = Double(c.n11), n10 = Double(c.n10), n01 = Double(c.n01), n00 = Double(c.n00)
        switch self {
        case .dice:
            return (n10 + n01) / (2 * n11 + n10 + n01)  // 0/0 → NaN, as numpy
        case .jaccard:
            let denominator = n11 + n10 + n01
            return denominator == 0 ? 0 : (n10 + n01) / denominator
        case .yule:
            let halfR = n10 * n01
            return halfR == 0 ? 0 : 2 * halfR / (n11 * n00 + halfR)
        }
    }

    /// S = 1 − d for one pair of columns; `nil` = n/a (Dice of two all-zero columns).
    public func similarity(_ c: PairCounts) -> Double? {
        let s = 1 - distance(c)
        return s.isNaN ? nil : s
    }

    /// The square similarity matrix between all columns of `m`, labelled by its column names,
    /// diagonal 1.
    public func matrix(_ m: IndicatorMatrix) -> LabeledMatrix {
        let k = m.columnCount
        var s = [Double](repeating: 1, count: k * k)
        for i in 0..<k {
            for j in 0..<i {
                let v = 1 - distance(m.pairCounts(i, j))
                s[i * k + j] = v
                s[j * k + i] = v
            }
        }
        return LabeledMatrix(rowLabels: m.columnNames, columnLabels: m.columnNames, storage: s)
    }
}
