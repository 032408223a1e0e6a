/// The paired values of one metric for one (condition, method), aligned by image.
///
/// Continuous metrics fill `before`/`after` (for a deviation metric `before` is the reference)
/// and `differences` = after − before; binary metrics fill `beforeFlags`/`afterFlags`.
/// Pairs where the metric is not defined are counted in `excluded` by reason (e.g. "baseline map
/// is constant": 2), never silently dropped.
public struct MetricSample: Sendable, Equatable {
    public var images: [String] = []
    /// Store-order positions of `images` (see ``PairedObservations/Emotion/ordinal``): increasing,
    /// so samples of different conditions align without hashing paths.
    public var ordinals: [Int] = []
    public var before: [Double] = []
    public var after: [Double] = []
    public var differences: [Double] = []
    public var beforeFlags: [Bool] = []
    public var afterFlags: [Bool] = []
    public var excluded: [String: Int] = [:]

    public var count: Int { images.count }

    /// e.g. "excluded: 2 baseline map is constant".
    public var exclusionSummary: String? {
        guard !excluded.isEmpty else { return nil }
        return excluded.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }.joined(separator: ", ")
    }

    mutating func add(_ image: String, _ ordinal: Int, before b: Double, after a: Double) {
        guard b.isFinite, a.isFinite else { excluded["non-finite value", default: 0] += 1; return }
        images.append(image); ordinals.append(ordinal); before.append(b); after.append(a); differences.append(a - b)
    }

    mutating func add(_ image: String, _ ordinal: Int, before b: Bool, after a: Bool) {
        images.append(image); ordinals.append(ordinal); beforeFlags.append(b); afterFlags.append(a)
    }

    /// Values by store ordinal: `values[ordinal]` or nil where this sample has no pair (an array of
    /// `count` slots, for aligning conditions or methods image by image).
    public func aligned(_ values: [Double], count: Int) -> [Double?] {
        var out = [Double?](repeating: nil, count: count)
        for (k, o) in ordinals.enumerated() where o < count { out[o] = values[k] }
        return out
    }

    mutating func exclude(_ reason: String) { excluded[reason, default: 0] += 1 }
}
