extension PairedTests {
    /// Exact sign test: k = number of positive differences among the n non-zero ones, tested
    /// against Binomial(n, ½) exactly as `scipy.stats.binomtest(k, n, 0.5, alternative)` 1.17.
    ///
    /// less = P(X ≤ k), greater = P(X ≥ k), two-sided = min(1, 2·min(P(X ≤ k), P(X ≥ k)))
    /// (for p = ½ the pmf is symmetric, so this equals binomtest's "sum of outcomes no more
    /// likely than k"). Statistic k (symbol "k"), `n` = non-zero differences. GSL
    /// `gsl_cdf_binomial_P/Q`.
    ///
    /// n/a: no pairs, non-finite input, or all differences zero (n = 0).
    public static func sign(_ differences: [Double], alternative: Alternative = .twoSided) -> TestResult {
        guard differences.allSatisfy(\.isFinite) else {
            return .notAvailable(test: "sign", method: "exact", n: differences.count, symbol: "k", alternative: alternative, reason: "non-finite input")
        }
        let positive = differences.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        let nonZero = differences.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        guard nonZero > 0 else {
            return .notAvailable(test: "sign", method: "exact", n: 0, symbol: "k", alternative: alternative,
                                 reason: differences.isEmpty ? "no pairs" : "all differences are zero")
        }
        let p = binomialP(positive, n: nonZero, alternative: alternative)
        return TestResult(test: "sign", method: "exact", n: nonZero, statistic: Double(positive), statisticSymbol: "k",
                          pValue: p, alternative: alternative)
    }

    /// Binomial(n, ½) p-value of k (see `sign`).
    static func binomialP(_ k: Int, n: Int, alternative: Alternative) -> Double {
        let lessP = Dist.binomCDF(k, n: n, p: 0.5)
        let greaterP = Dist.binomSFge(k, n: n, p: 0.5)
        switch alternative {
        case .less: return lessP
        case .greater: return greaterP
        case .twoSided: return min(1, 2 * min(lessP, greaterP))
        }
    }
}
