/// How results are compared (`analysis:`); used by `emoshift report` (docs/statistics.md, docs/metrics.md).
public struct AnalysisSpec: Sendable, Hashable, Codable {
    /// Multiple-comparison correction within a family.
    public enum Correction: String, Sendable, Hashable, Codable, CaseIterable {
        case holm, bh, bonferroni, none
    }

    /// Paired tests the analysis may run.
    public static let testNames = ["paired-t", "wilcoxon", "sign", "mcnemar", "permutation", "bootstrap"]
    /// What one correction family groups together.
    public static let familyNames = ["all", "condition", "method", "metric"]
    public static let keys = ["baseline", "tests", "correction", "alpha", "family", "resamples", "corpus"]

    /// "original" (the unmodified image, default) or a condition's name / expanded id.
    public var baseline: String
    /// Default `[paired-t, wilcoxon]`.
    public var tests: [String]
    /// Default `.holm`.
    public var correction: Correction
    /// Significance level in (0, 1); default 0.05.
    public var alpha: Double
    /// Default "all": every condition × CAM method × primary metric of the run is one family (secondary metrics form a second).
    public var family: String
    /// Bootstrap resamples for BCa CIs (and sign-flip permutation draws when 2ⁿ exceeds them); default 2000.
    public var resamples: Int
    /// The EmoCAM corpus analysis.
    public var corpus: CorpusAnalysisSpec

    public init(baseline: String = "original", tests: [String] = ["paired-t", "wilcoxon"],
                correction: Correction = .holm, alpha: Double = 0.05, family: String = "all", resamples: Int = 2_000,
                corpus: CorpusAnalysisSpec = CorpusAnalysisSpec()) {
        self.baseline = baseline
        self.tests = tests
        self.correction = correction
        self.alpha = alpha
        self.family = family
        self.resamples = resamples
        self.corpus = corpus
    }
}

extension AnalysisSpec {
    enum CodingKeys: String, CodingKey { case baseline, tests, correction, alpha, family, resamples, corpus }

    /// Tolerant decoding: keys added after a store was written take their defaults, so the specs
    /// stored by older runs still decode (`emoshift report` on old results).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = AnalysisSpec()
        self.init(baseline: try c.decodeIfPresent(String.self, forKey: .baseline) ?? d.baseline,
                  tests: try c.decodeIfPresent([String].self, forKey: .tests) ?? d.tests,
                  correction: try c.decodeIfPresent(Correction.self, forKey: .correction) ?? d.correction,
                  alpha: try c.decodeIfPresent(Double.self, forKey: .alpha) ?? d.alpha,
                  family: try c.decodeIfPresent(String.self, forKey: .family) ?? d.family,
                  resamples: try c.decodeIfPresent(Int.self, forKey: .resamples) ?? d.resamples,
                  corpus: try c.decodeIfPresent(CorpusAnalysisSpec.self, forKey: .corpus) ?? d.corpus)
    }
}
