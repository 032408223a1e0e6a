/// Average ranks (1-based; ties get the mean of the ranks they span), as
/// `scipy.stats.rankdata(method='average')`.
public enum Ranking {
    /// Ranks and the sizes of the tie groups (only groups of size ≥ 2 are listed).
    /// Cost: one sort, O(n log n). NaN inputs are not allowed (callers filter them).
    public static func averageRanks(_ values: [Double]) -> (ranks: [Double], tieGroups: [Int]) {
        let n = values.count
        var ranks = [Double](repeating: 0, count: n)
        var ties: [Int] = []
        let order = values.indices.sorted { values[$0] < values[$1] }
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && values[order[j + 1]] == values[order[i]] { j += 1 }
            let r = Double(i + j + 2) / 2  // mean of 1-based ranks i+1 … j+1
            for t in i...j { ranks[order[t]] = r }
            if j > i { ties.append(j - i + 1) }
            i = j + 1
        }
        return (ranks, ties)
    }

    /// Σ (t³ − t) over tie groups.
    static func tieSum(_ groups: [Int]) -> Double {
        groups.reduce(0) { $0 + Double($1 * $1 * $1 - $1) }
    }
}
