import Foundation

/// A row of `runs`: one invocation of the runner (or one shard copied in by a merge).
public struct RunEntry: Sendable, Equatable {
    public var id: Int64
    public var specName: String
    public var specHash: String
    public var resolvedSpec: String
    public var provenance: RunProvenance
    public var seed: UInt64
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: RunStatus
    /// For runs copied by ``ResultStore/merge(into:shards:)``: the shard store they came from.
    public var mergedFrom: String?
}
