extension PairedTests {
    /// McNemar's test on the discordant counts of a paired 2×2 table (b = pairs correct only under
    /// the first condition, c = correct only under the second), as
    /// `statsmodels.stats.contingency_tables.mcnemar([[a, b], [c, d]], exact=, correction=True)`
    /// (statsmodels 0.15).
    ///
    /// `exact: true` (method "exact"): statistic min(b, c), p = min(1, 2·P(X ≤ min(b, c))),
    /// X ~ Binomial(b + c, ½). `exact: false` (method "chi2-cc"): χ² = (|b − c| − 1)² / (b + c)
    /// with 1 df, p = P(χ²₁ ≥ χ²) (statsmodels applies the −1 even when |b − c| = 0, giving
    /// χ² = 1/(b + c); kept for parity). Always two-sided; `n` = b + c.
    ///
    /// n/a: b + c = 0 ("no discordant pairs") or a negative count.
    public static func mcnemar(b: Int, c: Int, exact: Bool = true) -> TestResult {
        let method = exact ? "exact" : "chi2-cc"
        guard b >= 0, c >= 0 else {
            return .notAvailable(test: "mcnemar", method: method, n: 0, symbol: exact ? "k" : "χ²", alternative: .twoSided, reason: "negative count")
        }
        let n = b + c
        guard n > 0 else {
            return .notAvailable(test: "mcnemar", method: method, n: 0, symbol: exact ? "k" : "χ²", alternative: .twoSided, reason: "no discordant pairs (b + c = 0)")
        }
        if exact {
            let k = min(b, c)
            let p = min(1, 2 * Dist.binomCDF(k, n: n, p: 0.5))
            return TestResult(test: "mcnemar", method: method, n: n, statistic: Double(k), statisticSymbol: "k",
                              pValue: p, alternative: .twoSided)
        }
        let d = Double(abs(b - c)) - 1
        let chi2 = d * d / Double(n)
        return TestResult(test: "mcnemar", method: method, n: n, statistic: chi2, statisticSymbol: "χ²", df: 1,
                          pValue: Dist.chi2SF(chi2, df: 1), alternative: .twoSided)
    }
}
