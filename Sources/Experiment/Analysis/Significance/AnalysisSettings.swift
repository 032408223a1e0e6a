/// Knobs of the significance analysis; defaults come from the spec's `analysis:` section.
public struct AnalysisSettings: Sendable, Equatable {
    /// Continuous-metric tests, any of `paired-t`, `wilcoxon`, `sign`, `permutation`; `bootstrap`
    /// switches the mean-Δ CI from Student's t to BCa bootstrap. Binary metrics always use McNemar.
    public var tests: [String]
    public var correction: CorrectionName
    public var alpha: Double
    /// `all` (one family of primary rows per test; secondary metrics form a second family),
    /// `condition`, `method` or `metric` (one family per value of that column, primary and
    /// secondary still kept apart).
    public var family: String
    public var metrics: [AnalysisMetric]
    /// CI level for mean Δ (default 0.95).
    public var confidence: Double
    public var bootstrapResamples: Int
    public var permutationResamples: Int
    /// Share of cells in the top-k IoU.
    public var topFraction: Double
    /// Root seed for permutation and bootstrap draws; each row derives its own seed from it and
    /// the row's (condition, method, metric), so adding a condition changes no other row.
    public var seed: UInt64

    /// The spec's correction names (`holm`, `bh`, `bonferroni`, `none`).
    public typealias CorrectionName = String

    public init(tests: [String] = ["paired-t", "wilcoxon"], correction: CorrectionName = "holm", alpha: Double = 0.05,
                family: String = "all", metrics: [AnalysisMetric] = MetricCatalogue.primary, confidence: Double = 0.95,
                bootstrapResamples: Int = 2_000, permutationResamples: Int = 9_999, topFraction: Double = 0.2, seed: UInt64 = 0) {
        self.tests = tests
        self.correction = correction
        self.alpha = alpha
        self.family = family
        self.metrics = metrics
        self.confidence = confidence
        self.bootstrapResamples = bootstrapResamples
        self.permutationResamples = permutationResamples
        self.topFraction = topFraction
        self.seed = seed
    }

    /// Tests run on continuous metrics, in spec order (`bootstrap` and `mcnemar` are not row tests).
    public var continuousTests: [String] {
        let known = ["paired-t", "wilcoxon", "sign", "permutation"]
        let chosen = tests.filter { known.contains($0) }
        return chosen.isEmpty ? ["wilcoxon"] : chosen
    }

    public var bootstrapCI: Bool { tests.contains("bootstrap") }
}
