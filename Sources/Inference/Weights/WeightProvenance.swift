/// Where a model's weights came from, written next to every output.
public struct WeightProvenance: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The deterministic demo model (not EmoNet).
        case demo
        /// emonet-py data folder of MATLAB `*.txt.bz2` dumps.
        case matlabDumps = "matlab-dumps"
        /// PyTorch `emonet.pth` state_dict.
        case pytorch
        /// EmoShift's native cache (converted from one of the above).
        case nativeCache = "native-cache"
    }

    public var kind: Kind
    /// File or folder the weights were read from ("demo" for the demo model).
    public var path: String
    /// SHA-256 of the original source: the file, or for a folder the hash of its files' hashes in
    /// name order; for the demo model, of the generated parameters.
    public var sha256: String
    /// For a native cache: what it was converted from.
    public var convertedFrom: String?

    public init(kind: Kind, path: String, sha256: String, convertedFrom: String? = nil) {
        self.kind = kind
        self.path = path
        self.sha256 = sha256
        self.convertedFrom = convertedFrom
    }

    public var isDemo: Bool { kind == .demo || (kind == .nativeCache && convertedFrom == "demo") }

    /// One line for terminals and file headers.
    public var summary: String {
        if isDemo { return "DEMO MODEL — not EmoNet (deterministic weights, docs/demo-model.md), sha256 \(sha256.prefix(16))" }
        return "EmoNet weights \(path) (\(kind.rawValue)), sha256 \(sha256.prefix(16))"
    }
}
