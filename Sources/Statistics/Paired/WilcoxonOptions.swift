/// How the Wilcoxon signed-rank test treats zero differences (scipy's `zero_method`).
public enum ZeroMethod: String, Sendable, Codable, CaseIterable {
    /// Drop zeros, rank the remaining |d| (Wilcoxon 1945). scipy's default.
    case wilcox
    /// Rank all |d| including zeros, then give zeros to neither sum; the normal approximation's
    /// mean/variance are adjusted for the n₀ zeros (Pratt 1959, Cureton 1967).
    case pratt
    /// Rank all |d| including zeros and split the zeros' ranks half to T⁺, half to T⁻.
    case zsplit
}

/// How the Wilcoxon p-value is computed (scipy's `method`).
public enum WilcoxonMethod: String, Sendable, Codable, CaseIterable {
    /// scipy 1.17's `method='auto'` rule, see `PairedTests.wilcoxon`.
    case auto
    /// Exact null distribution of T⁺ for n ranks 1…n (no ties assumed; with ties/zeros the
    /// statistic is rounded conservatively: up for the CDF, down for the SF).
    case exact
    /// Normal approximation with tie correction (and optional continuity correction).
    case asymptotic
}

/// The signed-rank sums of a set of paired differences under one zero method.
public struct SignedRankSums: Sendable, Equatable {
    /// T⁺: sum of the ranks of positive differences (plus half the zeros' ranks for `zsplit`).
    public var plus: Double
    /// T⁻: sum of the ranks of negative differences (plus half the zeros' ranks for `zsplit`).
    public var minus: Double
    /// Number of ranked values (non-zero differences for `wilcox`, all for `pratt`/`zsplit`).
    public var count: Int
    /// Number of zero differences in the input.
    public var zeros: Int
    /// Ranks of |d| for the ranked values, in input order of those values.
    var ranks: [Double]
    /// Signs (−1, 0, +1) matching `ranks`.
    var signs: [Int8]
    /// Tie-group sizes among the ranked |d| (≥ 2 only); for `pratt` the zeros' group is excluded.
    var tieGroups: [Int]
    /// Whether any |d| among the ranked values is tied (the zeros' group included).
    var hasTies: Bool
}
