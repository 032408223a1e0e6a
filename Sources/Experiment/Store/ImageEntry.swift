/// One corpus image as stored in `images`.
///
/// Identity is `(content_sha256, path)` (unique): the same bytes under two paths are two images,
/// and an edited file under the same path is a new image. `width`/`height` are `nil` when the image
/// could not be decoded (its records are then `failed`).
public struct ImageEntry: Sendable, Equatable, Hashable {
    /// Path relative to the corpus root (or as the spec named it), with `/` separators.
    public var path: String
    /// Lower-case hex SHA-256 of the file's bytes.
    public var contentSHA256: String
    public var width: Int?
    public var height: Int?
    /// File size in bytes.
    public var byteSize: Int

    public init(path: String, contentSHA256: String, width: Int?, height: Int?, byteSize: Int) {
        self.path = path
        self.contentSHA256 = contentSHA256
        self.width = width
        self.height = height
        self.byteSize = byteSize
    }
}
