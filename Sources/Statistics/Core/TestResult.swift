/// The outcome of one hypothesis test.
///
/// n/a convention: every optional is `nil` when the quantity is undefined for the input (n = 0,
/// all differences zero, constant input, …) and `reason` then says why in plain words. A result
/// never carries NaN or ±∞ in `statistic`, `df`, `pValue` or `z`: the initialiser turns them into
/// `nil`, and clamps p-values to [0, 1].
public struct TestResult: Sendable, Equatable, Codable {
    /// "paired-t", "wilcoxon", "sign", "mcnemar", "permutation", "friedman", "cochran-q", "page",
    /// "pearson", "spearman".
    public var test: String
    /// How the p-value was obtained: "exact", "approx", "chi2-cc", "chi2", "monte-carlo", "t", …
    public var method: String
    /// Observations used (e.g. the non-zero differences for Wilcoxon's `wilcox` zero method, the
    /// discordant pairs b + c for McNemar, the blocks for Friedman).
    public var n: Int
    /// The test statistic in the convention documented by the function that made it; `nil` = n/a.
    public var statistic: Double?
    /// "t", "W", "z", "k", "χ²", "Q", "L", "r", "ρ", "mean".
    public var statisticSymbol: String
    /// Degrees of freedom when the reference distribution has them.
    public var df: Double?
    public var pValue: Double?
    public var alternative: Alternative
    /// The standard-normal statistic when a normal approximation was used (Wilcoxon: scipy's
    /// `zstatistic`, i.e. −|z| for two-sided); `nil` otherwise.
    public var z: Double?
    /// Why something is n/a, or which approximation / fallback was used.
    public var reason: String?

    public init(
        test: String, method: String, n: Int, statistic: Double?, statisticSymbol: String,
        df: Double? = nil, pValue: Double?, alternative: Alternative, z: Double? = nil, reason: String? = nil
    ) {
        self.test = test
        self.method = method
        self.n = n
        self.statistic = statistic.finiteOrNil
        self.statisticSymbol = statisticSymbol
        self.df = df.finiteOrNil
        self.pValue = pValue.finiteOrNil.map { min(1, max(0, $0)) }
        self.alternative = alternative
        self.z = z.finiteOrNil
        self.reason = reason
    }

    /// A result where nothing could be computed.
    static func notAvailable(
        test: String, method: String, n: Int, symbol: String, alternative: Alternative, reason: String
    ) -> TestResult {
        TestResult(test: test, method: method, n: n, statistic: nil, statisticSymbol: symbol,
                   pValue: nil, alternative: alternative, reason: reason)
    }
}

extension Optional where Wrapped == Double {
    /// `nil` for `nil`, NaN and ±∞.
    var finiteOrNil: Double? {
        guard let v = self, v.isFinite else { return nil }
        return v
    }
}
