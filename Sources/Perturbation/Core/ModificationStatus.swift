/// Whether a modification changed the image, or why it could not.
///
/// JSON: `{"kind": "applied"}` or `{"kind": "notApplicable", "reason": "…"}`.
public enum ModificationStatus: Sendable, Hashable, Codable {
    /// The modification ran (it may still have changed zero pixels, e.g. identity).
    case applied
    /// The modification needs something the input lacks (e.g. no region); the image is returned unchanged.
    case notApplicable(reason: String)

    private enum CodingKeys: String, CodingKey { case kind, reason }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "applied": self = .applied
        case "notApplicable": self = .notApplicable(reason: try c.decode(String.self, forKey: .reason))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown status '\(other)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .applied: try c.encode("applied", forKey: .kind)
        case .notApplicable(let reason):
            try c.encode("notApplicable", forKey: .kind)
            try c.encode(reason, forKey: .reason)
        }
    }

    public var isApplied: Bool { if case .applied = self { true } else { false } }
}
