extension KSample {
    /// Friedman's χ² test (k related samples), as `scipy.stats.friedmanchisquare(*columns)` 1.17
    /// with its tie correction.
    ///
    /// Each row (block) is ranked (average ranks), Rⱼ = column rank sums,
    /// χ² = [12/(n k (k+1)) ΣRⱼ² − 3n(k+1)] / C with C = 1 − Σ(t³ − t)/(n k (k² − 1)) over the
    /// within-row tie groups t; df = k − 1, p = P(χ²_{k−1} ≥ χ²). Symbol "χ²", `n` = blocks.
    ///
    /// n/a: no rows, ragged rows, non-finite values, k < 3 (scipy refuses), or C = 0 (every row
    /// entirely tied).
    public static func friedman(_ rows: [[Double]]) -> TestResult {
        func na(_ reason: String) -> TestResult {
            .notAvailable(test: "friedman", method: "chi2", n: rows.count, symbol: "χ²", alternative: .greater, reason: reason)
        }
        if let problem = shapeProblem(rows) { return na(problem) }
        guard rows.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return na("non-finite input") }
        let n = rows.count, k = rows[0].count
        guard k >= 3 else { return na("k < 3 treatments") }
        var colSums = [Double](repeating: 0, count: k)
        var ties = 0.0
        for row in rows {
            let (ranks, groups) = Ranking.averageRanks(row)
            for j in 0..<k { colSums[j] += ranks[j] }
            ties += Ranking.tieSum(groups)
        }
        let nn = Double(n), kk = Double(k)
        let c = 1 - ties / (kk * (kk * kk - 1) * nn)
        guard c > 0 else { return na("every block is entirely tied") }
        let ssbn = colSums.reduce(0) { $0 + $1 * $1 }
        let chi2 = (12.0 / (kk * nn * (kk + 1)) * ssbn - 3 * nn * (kk + 1)) / c
        return TestResult(test: "friedman", method: "chi2", n: n, statistic: chi2, statisticSymbol: "χ²", df: kk - 1,
                          pValue: Dist.chi2SF(chi2, df: kk - 1), alternative: .greater)
    }
}
