import Foundation

/// Failures of the perturbation library; `description` is a complete sentence for a terminal.
public enum PerturbationError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// No transform of that name; `valid` lists the known names.
    case unknownTransform(String, valid: [String])
    /// A parameter the transform does not take; `valid` lists the ones it does.
    case unknownParameter(transform: String, parameter: String, valid: [String])
    /// A parameter of the wrong type or out of range.
    case invalidParameter(transform: String, parameter: String, message: String)
    /// A required parameter is missing.
    case missingParameter(transform: String, parameter: String)
    /// The image cannot be processed (format, size).
    case unsupportedImage(String)
    /// An underlying imaging failure (encode/decode/resize).
    case imaging(String)

    public var description: String {
        switch self {
        case .unknownTransform(let name, let valid):
            "unknown transform '\(name)'; valid transforms: \(valid.joined(separator: ", "))"
        case .unknownParameter(let t, let p, let valid):
            "\(t): unknown parameter '\(p)'; valid parameters: \(valid.isEmpty ? "(none)" : valid.joined(separator: ", "))"
        case .invalidParameter(let t, let p, let message):
            "\(t): parameter '\(p)' \(message)"
        case .missingParameter(let t, let p):
            "\(t): missing required parameter '\(p)'"
        case .unsupportedImage(let message):
            message
        case .imaging(let message):
            message
        }
    }

    public var errorDescription: String? { description }
}
