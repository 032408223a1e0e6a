import Foundation

/// Every failure while finding, reading, converting or checking model weights: which file (and
/// which tensor, when known) and what is wrong with it.
public struct WeightError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    public enum Kind: String, Sendable, Hashable {
        case fileNotFound = "file not found"
        case unreadable = "unreadable"
        case malformed = "malformed"
        case truncated = "truncated"
        case wrongShape = "wrong shape"
        case missingTensor = "missing tensor"
        case unexpectedTensor = "unexpected tensor"
        case unsafePickle = "unsafe pickle"
        case unsupported = "unsupported"
        case cacheMismatch = "cache mismatch"
        case writeFailed = "write failed"
    }

    public var kind: Kind
    public var path: String?
    /// The tensor involved (e.g. "conv2.weight"), when known.
    public var tensor: String?
    public var message: String

    public init(_ kind: Kind, _ message: String, path: String? = nil, tensor: String? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
        self.tensor = tensor
    }

    public func at(_ path: String) -> WeightError {
        var copy = self
        if copy.path == nil { copy.path = path }
        return copy
    }

    public var description: String {
        var prefix = ""
        if let path { prefix += path + ": " }
        if let tensor { prefix += tensor + ": " }
        return prefix + message
    }

    public var errorDescription: String? { description }
}
