import Foundation

/// Errors of the result store. Every message says what is wrong and what to do about it.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store holds records of a different spec (hash). `changes` are `- old` / `+ new` lines of
    /// the resolved specs (at most a dozen).
    case specMismatch(store: String, storedName: String, storedHash: String, newName: String, newHash: String,
                      recordCount: Int, changes: [String])
    /// The store holds records computed with other weights than this run's.
    case weightsMismatch(store: String, stored: String, new: String)
    /// A condition name is already registered with different contents.
    case conditionMismatch(store: String, name: String, stored: String, new: String)
    /// A record failed validation before it was written (wrong vector length, bad JSON …).
    case invalidRecord(key: String, reason: String)
    /// Merge: a shard was made from another spec or other weights than the first shard / the output.
    case mergeMismatch(shard: String, what: String, expected: String, found: String)
    /// Merge: the same key carries different values in two stores.
    case conflictingDuplicate(key: String, shard: String, difference: String)
    /// The path does not hold an EmoShift store.
    case notAStore(path: String, reason: String)

    public var description: String {
        switch self {
        case let .specMismatch(store, storedName, storedHash, newName, newHash, count, changes):
            var s = "\(store) holds \(count) record(s) of spec '\(storedName)' (hash \(storedHash.prefix(16))), "
                + "but the spec '\(newName)' now hashes to \(newHash.prefix(16)); "
                + "continuing would mix records of incompatible specs."
            if !changes.isEmpty {
                s += "\nWhat changed in the resolved spec (- stored, + now):\n" + changes.map { "  " + $0 }.joined(separator: "\n")
            }
            s += "\nRe-run with --fresh to move the old store aside (emoshift.sqlite.bak-<timestamp>; nothing is deleted) "
                + "and start over, restore the old spec, or choose another output directory."
            return s
        case let .weightsMismatch(store, stored, new):
            return "\(store) holds records computed with weights \(stored), but this run uses \(new); "
                + "records from different weights cannot be mixed. Use --fresh (the old store is moved aside) or another output directory."
        case let .conditionMismatch(store, name, stored, new):
            return "\(store): condition '\(name)' is stored as \(stored) but the spec now expands it to \(new); "
                + "its records would mean something else. Rename the condition, use --fresh (the old store is moved aside) or another output directory."
        case let .invalidRecord(key, reason):
            return "invalid record \(key): \(reason)"
        case let .mergeMismatch(shard, what, expected, found):
            return "cannot merge \(shard): its \(what) is \(found) but the other stores have \(expected); "
                + "only shards of the same spec and the same weights can be merged."
        case let .conflictingDuplicate(key, shard, difference):
            return "cannot merge \(shard): record \(key) is already present with different values (\(difference)); "
                + "the shards were not produced by the same computation. Nothing was merged."
        case let .notAStore(path, reason):
            return "\(path) is not an EmoShift result store: \(reason)"
        }
    }
}

extension StoreError: LocalizedError {
    public var errorDescription: String? { description }
}
