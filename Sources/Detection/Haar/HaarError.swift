/// Errors from loading cascades and running the Haar detector; `message` names the file when there is one.
public struct HaarError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The cascade file (or the opencv-data directory) does not exist.
        case missingFile
        /// The file exists but could not be read.
        case unreadable
        /// Not well-formed XML, or XML without the expected cascade structure.
        case malformedCascade
        /// A cascade kind this implementation does not evaluate (LBP, HOG, old-style `opencv-haar-classifier`).
        case unsupportedCascade
        /// Bad detector parameters (e.g. `scaleFactor <= 1`).
        case invalidParameter
        /// An image with bad dimensions or sample count.
        case invalidImage
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
