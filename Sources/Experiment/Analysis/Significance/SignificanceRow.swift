import Statistics

/// One row of the significance table: a (condition, metric, method, test) cell with its summary,
/// test result, corrected p-value and effect size. `nil` numbers are n/a; `reasons` says why.
public struct SignificanceRow: Sendable, Equatable {
    public var condition: String
    /// The condition's `conditions:` entry (sweep group).
    public var group: String
    public var metric: AnalysisMetric
    /// CAM method, nil for emotion metrics.
    public var method: String?
    /// Test key (`paired-t`, `wilcoxon`, `sign`, `permutation`, `mcnemar`).
    public var test: String
    public var n: Int
    /// Median of the baseline values (the reference for deviation metrics; the before-rate for binary ones).
    public var baseline: Double?
    /// Median of the modified values (the after-rate for binary metrics).
    public var modified: Double?
    /// Mean Δ (rate difference for binary metrics).
    public var meanDelta: Double?
    public var ci: Interval
    public var medianDelta: Double?
    public var result: TestResult
    public var adjustedP: Double?
    public var reject: Bool?
    /// `d_z`, `r_rb`, `OR` or empty.
    public var effectName: String
    public var effect: Double?
    /// The effect is +∞ (McNemar OR with c = 0).
    public var effectInfinite: Bool
    public var effectReason: String?
    /// The correction family this row belongs to.
    public var family: String
    /// e.g. "2 × baseline map is constant".
    public var exclusions: String?
    /// Discordant counts for binary metrics (b = no→yes, c = yes→no).
    public var discordant: (b: Int, c: Int)?

    public static func == (a: SignificanceRow, b: SignificanceRow) -> Bool {
        a.condition == b.condition && a.metric == b.metric && a.method == b.method && a.test == b.test && a.n == b.n
            && a.result == b.result && a.adjustedP == b.adjustedP && a.meanDelta == b.meanDelta && a.family == b.family
    }
}
