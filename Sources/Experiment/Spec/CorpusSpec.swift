/// Which images an experiment reads (`corpus:`): glob patterns, folders and list files, unioned,
/// filtered by file type, deduplicated and sorted (see ``CorpusResolver``).
public struct CorpusSpec: Sendable, Hashable, Codable {
    /// Glob patterns (`*`, `?`, `**`, `{a,b}`, `[…]`), relative to the working directory.
    public var images: [String]
    /// Folders whose image files are taken (recursively when ``recursive``).
    public var folders: [String]
    /// Text files listing one image path a line (relative to the list file's folder; `#` comments).
    public var lists: [String]
    /// Whether folders are walked recursively. Default true.
    public var recursive: Bool
    /// Accepted file extensions, lower-case without the dot. Default jpg, jpeg, png.
    public var types: [String]

    public static let defaultTypes = ["jpg", "jpeg", "png"]
    public static let keys = ["images", "folders", "list", "recursive", "types"]

    public init(images: [String] = [], folders: [String] = [], lists: [String] = [], recursive: Bool = true,
                types: [String] = CorpusSpec.defaultTypes) {
        self.images = images
        self.folders = folders
        self.lists = lists
        self.recursive = recursive
        self.types = types
    }
}
