/// Everything the statistics need, paired per image against the baseline condition: one
/// ``EmotionShift`` per (image, condition) — EmoNet's output does not depend on the CAM method,
/// so it is taken from the first method's record — and one ``HeatmapDrift`` per
/// (image, condition, method) where both records carry a map.
///
/// Built by ``PairCollector`` from the store alone (no images are read again).
public struct PairedObservations: Sendable {
    public struct Emotion: Sendable {
        public var image: String
        /// The image's position in the store's image order (0-based), the same for every condition.
        public var ordinal: Int
        public var shift: EmotionShift
    }

    public struct Heatmap: Sendable {
        public var image: String
        /// The image's position in the store's image order (0-based).
        public var ordinal: Int
        public var drift: HeatmapDrift
        /// The modified region(s) in original pixels (empty for whole-image modifications).
        public var regions: [RegionBox]
    }

    /// Why a (image, condition) pair did not enter the analysis, and how often.
    public struct Exclusions: Sendable, Equatable {
        public var notApplicable = 0
        public var failed = 0
        public var baselineMissing = 0
        public var noMap = 0

        public var total: Int { notApplicable + failed + baselineMissing }

        /// e.g. "2 not applicable (no region), 1 failed".
        public var summary: String {
            var parts: [String] = []
            if notApplicable > 0 { parts.append("\(notApplicable) not applicable (no region found)") }
            if failed > 0 { parts.append("\(failed) failed") }
            if baselineMissing > 0 { parts.append("\(baselineMissing) without a usable baseline record") }
            return parts.joined(separator: ", ")
        }
    }

    /// The baseline condition's name (`original` unless the spec says otherwise).
    public var baseline: String
    /// Modified conditions in registration order (the baseline excluded).
    public var conditions: [String]
    /// Sweep group of each condition (its `conditions:` entry name) and the swept values.
    public var groups: [String: String]
    public var sweeps: [String: String]
    /// CAM methods present, sorted.
    public var methods: [String]
    public var emotion: [String: [Emotion]]
    public var heatmap: [PairKey: [Heatmap]]
    public var exclusions: [String: Exclusions]
    /// Images in the store.
    public var imageCount: Int
    /// Records read.
    public var recordCount: Int

    public init(baseline: String, conditions: [String], groups: [String: String] = [:], sweeps: [String: String] = [:],
                methods: [String], emotion: [String: [Emotion]], heatmap: [PairKey: [Heatmap]],
                exclusions: [String: Exclusions], imageCount: Int, recordCount: Int) {
        self.baseline = baseline
        self.conditions = conditions
        self.groups = groups
        self.sweeps = sweeps
        self.methods = methods
        self.emotion = emotion
        self.heatmap = heatmap
        self.exclusions = exclusions
        self.imageCount = imageCount
        self.recordCount = recordCount
    }
}
