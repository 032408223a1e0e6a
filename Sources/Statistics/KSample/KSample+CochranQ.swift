extension KSample {
    /// Cochran's Q test for k related binary outcomes, as
    /// `statsmodels.stats.contingency_tables.cochrans_q(x)` (statsmodels 0.15), success = `true`.
    ///
    /// With column totals Cⱼ, row totals Rᵢ and N = ΣRᵢ:
    /// Q = (k − 1)(k ΣCⱼ² − N²) / (k N − ΣRᵢ²), df = k − 1, p = P(χ²_{k−1} ≥ Q). `n` = rows.
    ///
    /// n/a: no rows, ragged rows, k < 2, or a zero denominator (every row all-true or all-false,
    /// i.e. no row discriminates between treatments; statsmodels returns NaN).
    public static func cochranQ(_ rows: [[Bool]]) -> TestResult {
        func na(_ reason: String) -> TestResult {
            .notAvailable(test: "cochran-q", method: "chi2", n: rows.count, symbol: "Q", alternative: .greater, reason: reason)
        }
        if let problem = shapeProblem(rows) { return na(problem) }
        let k = rows[0].count
        guard k >= 2 else { return na("k < 2 treatments") }
        var col = [Double](repeating: 0, count: k)
        var rowSquares = 0.0, total = 0.0
        for row in rows {
            var r = 0.0
            for (j, v) in row.enumerated() where v { col[j] += 1; r += 1 }
            rowSquares += r * r
            total += r
        }
        let kk = Double(k)
        let denominator = kk * total - rowSquares
        guard denominator > 0 else { return na("no row has both outcomes: Q undefined (0/0)") }
        let q = (kk - 1) * (kk * col.reduce(0) { $0 + $1 * $1 } - total * total) / denominator
        return TestResult(test: "cochran-q", method: "chi2", n: rows.count, statistic: q, statisticSymbol: "Q", df: kk - 1,
                          pValue: Dist.chi2SF(q, df: kk - 1), alternative: .greater)
    }
}
