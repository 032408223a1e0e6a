/// Greedy non-maximum suppression.
///
/// Algorithm: rank the boxes (see "Ordering"), then walk the ranking; a box is kept unless its IoU
/// (`BoxGeometry.iou`) with an already-kept box in the same group is **strictly greater** than
/// `iouThreshold`. With `.perClass` a group is all boxes with the same `label` (exact, case-sensitive
/// comparison; importers return canonical label spellings); with `.global` every box is in one group.
///
/// This is the rule of lightnet's `NMS` that EmoCAM uses (reference §4.4: per class, threshold
/// 0.005, suppressed when IoU exceeds the threshold). IoU never exceeds 1, so a threshold ≥ 1
/// keeps every box; a negative threshold keeps only the top box of each group.
///
/// Ordering (deterministic): score descending; equal scores keep their input order (lower input
/// index first); NaN scores rank after every number, again in input order. The result lists the
/// kept boxes in this ranked order, so it does not depend on the sort algorithm.
public enum NonMaximumSuppression {
    /// Which boxes may suppress each other.
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        /// Only boxes with the same label.
        case perClass = "per-class"
        /// All boxes, whatever their label.
        case global
    }

    /// Input indices in ranked order: score descending, ties (and NaN) in input order, NaN last.
    public static func rankedIndices(_ boxes: [DetectionBox]) -> [Int] {
        boxes.indices.sorted { i, j in
            let a = boxes[i].score, b = boxes[j].score
            switch (a.isNaN, b.isNaN) {
            case (false, false): return a != b ? a > b : i < j
            case (true, true): return i < j
            case (false, true): return true
            case (true, false): return false
            }
        }
    }

    /// Indices into `boxes` of the kept boxes, in ranked order.
    /// - Parameters:
    ///   - iouThreshold: suppress when IoU > this value.
    ///   - maxPerGroup: keep at most this many boxes per group (per label, or overall for `.global`);
    ///     nil = no limit.
    public static func keptIndices(
        _ boxes: [DetectionBox], iouThreshold: Double, scope: Scope = .perClass, maxPerGroup: Int? = nil
    ) -> [Int] {
        var keptByGroup: [String: [Int]] = [:]
        var kept: [Int] = []
        for i in rankedIndices(boxes) {
            let group = scope == .perClass ? boxes[i].label : ""
            let others = keptByGroup[group, default: []]
            if let maxPerGroup, others.count >= maxPerGroup { continue }
            if others.contains(where: { BoxGeometry.iou(boxes[$0], boxes[i]) > iouThreshold }) { continue }
            keptByGroup[group, default: []].append(i)
            kept.append(i)
        }
        return kept
    }

    /// The kept boxes themselves, in ranked order. See the type's documentation for the rule.
    public static func apply(
        _ boxes: [DetectionBox], iouThreshold: Double, scope: Scope = .perClass, maxPerGroup: Int? = nil
    ) -> [DetectionBox] {
        keptIndices(boxes, iouThreshold: iouThreshold, scope: scope, maxPerGroup: maxPerGroup).map { boxes[$0] }
    }
}
