/// Correlation coefficients with p-values for H₀: no association.
public enum Correlation {
    /// Average ranks (ties get the mean rank), as `scipy.stats.rankdata(method='average')`.
    public static func averageRanks(_ values: [Double]) -> [Double] { Ranking.averageRanks(values).ranks }

    /// Pearson's r with the exact p-value under bivariate normality, as `scipy.stats.pearsonr`
    /// 1.17 (default method).
    ///
    /// r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²), clipped to [−1, 1]. Under H₀, (r+1)/2 ~
    /// Beta(n/2 − 1, n/2 − 1), so less = B((r+1)/2), greater = 1 − B((r+1)/2), two-sided =
    /// 2·(1 − B((|r|+1)/2)) — identical to the t-test t = r√((n−2)/(1−r²)) on n − 2 df. GSL
    /// `gsl_cdf_beta_*`. `df` reports n − 2.
    ///
    /// n/a: lengths differ, non-finite values, n < 2, or either input constant (zero variance;
    /// scipy returns NaN). n = 2: r = ±1 and p = 1 (scipy's convention), with a reason.
    public static func pearson(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided) -> TestResult {
        let n = x.count
        func na(_ reason: String) -> TestResult {
            .notAvailable(test: "pearson", method: "beta", n: n, symbol: "r", alternative: alternative, reason: reason)
        }
        guard x.count == y.count else { return na("x and y differ in length") }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { return na("non-finite input") }
        guard n >= 2 else { return na("n < 2") }
        guard let r = correlation(x, y) else { return na("constant input: correlation undefined") }
        if n == 2 {
            return TestResult(test: "pearson", method: "beta", n: n, statistic: r.rounded(), statisticSymbol: "r",
                              df: 0, pValue: 1, alternative: alternative, reason: "n = 2: r = ±1 and p = 1 by convention (scipy)")
        }
        let ab = Double(n) / 2 - 1
        let p: Double
        switch alternative {
        case .less: p = Dist.betaCDF((r + 1) / 2, a: ab, b: ab)
        case .greater: p = Dist.betaSF((r + 1) / 2, a: ab, b: ab)
        case .twoSided: p = min(1, 2 * Dist.betaSF((abs(r) + 1) / 2, a: ab, b: ab))
        }
        return TestResult(test: "pearson", method: "beta", n: n, statistic: r, statisticSymbol: "r", df: Double(n - 2),
                          pValue: p, alternative: alternative)
    }

    /// Spearman's ρ = Pearson's r of the average ranks, with scipy 1.17 `spearmanr`'s p-value:
    /// t = ρ·√((n−2)/((1+ρ)(1−ρ))) on n − 2 df (less = F(t), greater = 1 − F(t), two-sided =
    /// 2·(1 − F(|t|)); |ρ| = 1 gives t = ±∞).
    ///
    /// n/a: lengths differ, non-finite values, n < 2, or either input constant. n = 2: ρ = ±1 but
    /// p n/a ("0 degrees of freedom"; scipy returns NaN).
    public static func spearman(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided) -> TestResult {
        let n = x.count
        func na(_ reason: String) -> TestResult {
            .notAvailable(test: "spearman", method: "t", n: n, symbol: "ρ", alternative: alternative, reason: reason)
        }
        guard x.count == y.count else { return na("x and y differ in length") }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { return na("non-finite input") }
        guard n >= 2 else { return na("n < 2") }
        guard let rho = correlation(averageRanks(x), averageRanks(y)) else { return na("constant input: correlation undefined") }
        let dof = Double(n - 2)
        guard n > 2 else {
            return TestResult(test: "spearman", method: "t", n: n, statistic: rho, statisticSymbol: "ρ", df: 0,
                              pValue: nil, alternative: alternative, reason: "n = 2: 0 degrees of freedom, p undefined")
        }
        let p: Double
        if abs(rho) >= 1 {
            let positive = rho > 0
            switch alternative {
            case .twoSided: p = 0
            case .greater: p = positive ? 0 : 1
            case .less: p = positive ? 1 : 0
            }
        } else {
            let t = rho * max(0, dof / ((rho + 1) * (1 - rho))).squareRoot()
            p = Dist.symmetricP(t, alternative, cdf: { Dist.tCDF($0, df: dof) }, sf: { Dist.tSF($0, df: dof) })
        }
        return TestResult(test: "spearman", method: "t", n: n, statistic: rho, statisticSymbol: "ρ", df: dof,
                          pValue: p, alternative: alternative)
    }

    /// Product-moment correlation (centred, scaled by the largest |deviation| first, as scipy);
    /// `nil` if either variable has zero spread.
    static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        let mx = Descriptive.mean(x), my = Descriptive.mean(y)
        let xm = x.map { $0 - mx }, ym = y.map { $0 - my }
        let xmax = xm.reduce(0) { max($0, abs($1)) }, ymax = ym.reduce(0) { max($0, abs($1)) }
        guard xmax > 0, ymax > 0 else { return nil }
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for i in 0..<x.count {
            let a = xm[i] / xmax, b = ym[i] / ymax
            sxx += a * a; syy += b * b; sxy += a * b
        }
        let r = sxy / (sxx * syy).squareRoot()  // exact ±1 for a perfect (rank) association
        guard r.isFinite else { return nil }
        return min(1, max(-1, r))
    }
}
