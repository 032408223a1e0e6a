/// The spec identity a store is stamped with (`store_meta`) and checked against on re-open.
///
/// `hash` must cover everything that changes record values or the set of record keys (corpus
/// selection, model/weights choice, conditions, methods, targets, seed); keys that do not
/// (output directory, analysis options) may be left out so that changing them keeps the store.
/// `resolved` is the resolved spec text (YAML or JSON); it is stored and used to explain a
/// mismatch line by line.
public struct StoreSpec: Sendable, Equatable {
    public var name: String
    public var hash: String
    public var resolved: String

    public init(name: String, hash: String, resolved: String) {
        self.name = name
        self.hash = hash
        self.resolved = resolved
    }
}
