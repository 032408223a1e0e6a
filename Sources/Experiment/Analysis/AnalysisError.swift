/// Errors of the analysis stage; each names what is wrong and what would be valid.
public enum AnalysisError: Error, CustomStringConvertible, Equatable {
    case unknownBaseline(String, available: [String])
    case unknownMetric(String, available: [String])
    case emptyStore(String)
    case figure(String, String)
    case annotations(String)

    public var description: String {
        switch self {
        case .unknownBaseline(let name, let available):
            return "baseline condition '\(name)' is not in the store; conditions: \(available.joined(separator: ", "))"
        case .unknownMetric(let name, let available):
            return "unknown metric '\(name)'; valid: \(available.joined(separator: ", ")), or 'primary' / 'all'"
        case .annotations(let reason):
            return "annotations: \(reason)"
        case .figure(let id, let reason):
            return "figure \(id) could not be written: \(reason)"
        case .emptyStore(let path):
            return "\(path): the store holds no records (run `emoshift run SPEC` first)"
        }
    }
}
