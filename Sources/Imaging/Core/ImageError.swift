import Foundation

/// Every failure of the Imaging module: what went wrong, with which file, and why.
///
/// `description` is a complete sentence fit for a terminal, e.g.
/// `photo.jpg: truncated JPEG: Premature end of JPEG file (pass allowTruncated to accept it)`.
public struct ImageError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    public enum Kind: String, Sendable, Hashable, Codable {
        case fileNotFound = "file not found"
        case notARegularFile = "not a regular file"
        case unreadable = "unreadable"
        case emptyFile = "empty file"
        case unknownFormat = "unknown format"
        case unsupported = "unsupported"
        case corrupt = "corrupt"
        case truncated = "truncated"
        case tooLarge = "too large"
        case invalidDimensions = "invalid dimensions"
        case outOfMemory = "out of memory"
        case encodeFailed = "encode failed"
        case writeFailed = "write failed"
    }

    public var kind: Kind
    /// The file involved, when there is one.
    public var path: String?
    /// What the library or check said.
    public var message: String

    public init(_ kind: Kind, _ message: String, path: String? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
    }

    /// The same error attributed to `path`.
    public func at(_ path: String) -> ImageError {
        var copy = self
        copy.path = path
        return copy
    }

    public var description: String {
        if let path { return "\(path): \(message)" }
        return message
    }

    public var errorDescription: String? { description }
}
