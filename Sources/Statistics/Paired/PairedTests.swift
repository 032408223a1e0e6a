/// Tests on paired differences `d = x − y` (one value per pair). See `docs/statistics.md`.
public enum PairedTests {
    /// Paired (one-sample) t-test on `differences`, as `scipy.stats.ttest_1samp(d, 0)` /
    /// `scipy.stats.ttest_rel(x, y)` 1.17, with the CI of `TtestResult.confidence_interval`.
    ///
    /// t = d̄ / (s/√n), s the sample SD (n − 1), df = n − 1; p from Student's t (GSL
    /// `gsl_cdf_tdist_*`): less = F(t), greater = 1 − F(t), two-sided = 2·(1 − F(|t|)).
    /// CI for the mean difference at `confidence` c: two-sided d̄ ± t_{(1+c)/2, df}·s/√n;
    /// `.less` → (−∞, d̄ + t_{c, df}·s/√n] (lower `nil`); `.greater` → [d̄ − t_{c, df}·s/√n, ∞).
    ///
    /// Degenerate input: n = 0 → everything n/a; n = 1 → estimate d̄ and df = 0, t/p/CI n/a ("n < 2");
    /// s = 0 (all differences equal) → t and p n/a ("zero variance"), CI collapses to
    /// [d̄, d̄] (scipy returns t = ±inf or NaN there). Non-finite values → n/a ("non-finite input");
    /// `confidence` outside (0, 1) → n/a.
    public static func t(
        _ differences: [Double], alternative: Alternative = .twoSided, confidence: Double = 0.95
    ) -> (TestResult, Interval) {
        let n = differences.count
        let ciMethod = "t"
        func na(_ reason: String, estimate: Double? = nil) -> (TestResult, Interval) {
            (.notAvailable(test: "paired-t", method: "t", n: n, symbol: "t", alternative: alternative, reason: reason),
             Interval(estimate: estimate, lower: nil, upper: nil, level: confidence, method: ciMethod, reason: reason))
        }
        guard differences.allSatisfy(\.isFinite) else { return na("non-finite input") }
        guard n > 0 else { return na("no pairs") }
        guard confidence > 0, confidence < 1 else { return na("confidence outside (0, 1)") }
        let m = Descriptive.mean(differences)
        guard n > 1 else {
            var (r, ci) = na("n < 2: no variance estimate", estimate: m)
            r.df = 0  // scipy reports df = n − 1 = 0
            return (r, ci)
        }
        let df = Double(n - 1)
        let sd = Descriptive.variance(differences, mean: m).squareRoot()
        let se = sd / Double(n).squareRoot()
        guard se > 0 else {
            let reason = "zero variance: all differences equal"
            return (TestResult(test: "paired-t", method: "t", n: n, statistic: nil, statisticSymbol: "t", df: df,
                               pValue: nil, alternative: alternative, reason: reason),
                    Interval(estimate: m, lower: m, upper: m, level: confidence, method: ciMethod, reason: reason))
        }
        let t = m / se
        let p = Dist.symmetricP(t, alternative, cdf: { Dist.tCDF($0, df: df) }, sf: { Dist.tSF($0, df: df) })
        let interval: Interval
        switch alternative {
        case .twoSided:
            let q = Dist.tQuantile((1 + confidence) / 2, df: df)
            interval = Interval(estimate: m, lower: m - q * se, upper: m + q * se, level: confidence, method: ciMethod)
        case .less:
            let q = Dist.tQuantile(confidence, df: df)
            interval = Interval(estimate: m, lower: nil, upper: m + q * se, level: confidence, method: ciMethod,
                                reason: "one-sided: lower bound is −∞")
        case .greater:
            let q = Dist.tQuantile(confidence, df: df)
            interval = Interval(estimate: m, lower: m - q * se, upper: nil, level: confidence, method: ciMethod,
                                reason: "one-sided: upper bound is +∞")
        }
        return (TestResult(test: "paired-t", method: "t", n: n, statistic: t, statisticSymbol: "t", df: df,
                           pValue: p, alternative: alternative), interval)
    }
}
