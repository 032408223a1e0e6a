/// What ``ResultStore/merge(into:shards:)`` did.
public struct MergeSummary: Sendable, Equatable {
    public var shards: Int
    public var runsCopied: Int
    public var imagesAdded: Int
    public var recordsAdded: Int
    /// Records present in more than one input with identical values (kept once).
    public var duplicatesSkipped: Int
}
