/// Resource limits for reading a PyTorch checkpoint. Every limit guards memory or time against a
/// hostile or corrupt file; exceeding one is a `WeightError` of kind `.unsupported` that names the
/// limit, never a crash. The defaults are far above what a real state_dict needs (EmoNet's `data.pkl`
/// is 1.4 KB, ~300 stack pushes, 16 tensors) and bound the worst case to a few hundred MB.
public struct PickleLimits: Sendable, Hashable {
    /// Largest `data.pkl` that is read at all (bytes).
    public var maxPickleBytes: Int
    /// Deepest the unpickler's value stack plus mark stack may grow.
    public var maxStackDepth: Int
    /// Most entries the pickle memo may hold.
    public var maxMemoEntries: Int
    /// Longest single string, bytes object or LONG4 integer (bytes).
    public var maxStringBytes: Int
    /// Most values the pickle may push in total (bounds the memory of every list, tuple and dict).
    public var maxTotalItems: Int
    /// Most tensors (and distinct storages) the pickle may build.
    public var maxTensors: Int
    /// Most dimensions of one tensor (PyTorch itself allows 64).
    public var maxTensorRank: Int
    /// Longest tensor name in the state_dict (bytes).
    public var maxNameBytes: Int
    /// Most entries in the zip archive.
    public var maxArchiveEntries: Int
    /// The float32 values produced, and the bytes decompressed from deflated storages, may each total
    /// at most this many times the file size (plus 1 MiB). Stops zip bombs and many tensors viewing
    /// one large storage. A plain float32 checkpoint needs ratio 1; float16/bfloat16 need 2.
    public var maxExpansionRatio: Int

    public init(
        maxPickleBytes: Int = 64 << 20,
        maxStackDepth: Int = 100_000,
        maxMemoEntries: Int = 1_000_000,
        maxStringBytes: Int = 1 << 20,
        maxTotalItems: Int = 2_000_000,
        maxTensors: Int = 100_000,
        maxTensorRank: Int = 64,
        maxNameBytes: Int = 1024,
        maxArchiveEntries: Int = 200_000,
        maxExpansionRatio: Int = 4
    ) {
        self.maxPickleBytes = maxPickleBytes
        self.maxStackDepth = maxStackDepth
        self.maxMemoEntries = maxMemoEntries
        self.maxStringBytes = maxStringBytes
        self.maxTotalItems = maxTotalItems
        self.maxTensors = maxTensors
        self.maxTensorRank = maxTensorRank
        self.maxNameBytes = maxNameBytes
        self.maxArchiveEntries = maxArchiveEntries
        self.maxExpansionRatio = maxExpansionRatio
    }
}
