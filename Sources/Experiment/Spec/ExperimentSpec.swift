import Perturbation

/// A validated experiment spec: what to run (corpus × conditions × CAM methods) and how to analyse it.
///
/// Produced by ``SpecValidator`` from the YAML that ``SpecLoader`` reads; every key, type and default
/// is documented in `docs/spec.md`. Paths are as written in the spec (relative ones are relative to
/// the working directory the spec is run from). Codable so the resolved spec can be written next to
/// the results and compared on a re-run.
public struct ExperimentSpec: Sendable, Hashable, Codable {
    /// Experiment name (`[A-Za-z0-9._-]+`); names the default output folder.
    public var name: String
    /// Master seed (≥ 0); per-item seeds derive from it. Default 0.
    public var seed: UInt64
    public var corpus: CorpusSpec
    public var model: ModelSpec
    public var detect: DetectSpec
    public var explain: ExplainSpec
    /// The conditions as written (before sweeps are expanded).
    public var conditions: [ConditionSpec]
    /// The conditions after sweep expansion, in spec order, each with a stable id.
    public var expandedConditions: [ExpandedCondition]
    public var analysis: AnalysisSpec
    /// Output folder; default `Results/<name>`.
    public var output: String
    /// The spec files read, the main one first, then every `include:`d one.
    public var sourceFiles: [String]

    public init(name: String, seed: UInt64 = 0, corpus: CorpusSpec, model: ModelSpec = ModelSpec(),
                detect: DetectSpec = DetectSpec(), explain: ExplainSpec = ExplainSpec(),
                conditions: [ConditionSpec] = [], expandedConditions: [ExpandedCondition] = [],
                analysis: AnalysisSpec = AnalysisSpec(), output: String? = nil, sourceFiles: [String] = []) {
        self.name = name
        self.seed = seed
        self.corpus = corpus
        self.model = model
        self.detect = detect
        self.explain = explain
        self.conditions = conditions
        self.expandedConditions = expandedConditions
        self.analysis = analysis
        self.output = output ?? "Results/\(name)"
        self.sourceFiles = sourceFiles
    }

    /// The top-level keys a spec may have.
    public static let keys = ["name", "seed", "include", "corpus", "model", "detect", "explain", "conditions",
                              "analysis", "output"]
}
