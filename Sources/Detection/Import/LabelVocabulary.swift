import Foundation

/// A list of class names with case-insensitive lookup and "did you mean" suggestions.
///
/// Matching folds case and trims surrounding whitespace: `"human FACE "` finds `"Human face"`.
/// The canonical spelling is the one in the list (the first one if the list spells a name twice).
/// Suggestions rank known labels by Levenshtein distance between the lower-cased strings; a label
/// qualifies when the distance is at most `max(2, length / 3)` or when one string contains the other
/// (queries of 3+ characters). Ties are broken alphabetically.
public struct LabelVocabulary: Sendable, Hashable {
    /// The labels in list order.
    public let labels: [String]
    private let index: [String: String]

    public init(_ labels: [String]) {
        self.labels = labels
        var index: [String: String] = [:]
        for label in labels where index[Self.fold(label)] == nil { index[Self.fold(label)] = label }
        self.index = index
    }

    static func fold(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The list's spelling of `label`, or nil when it is not in the list.
    public func canonical(_ label: String) -> String? { index[Self.fold(label)] }

    public func contains(_ label: String) -> Bool { canonical(label) != nil }

    /// Up to `limit` known labels that look like `label`, best first.
    public func suggestions(for label: String, limit: Int = 5) -> [String] {
        let query = Array(Self.fold(label))
        guard !query.isEmpty else { return [] }
        let queryString = String(query)
        var scored: [(Int, String)] = []
        for known in index.values {
            let k = Array(Self.fold(known))
            let d = Self.levenshtein(query, k)
            let contains = query.count >= 3 && (String(k).contains(queryString) || queryString.contains(String(k)))
            if d <= max(2, query.count / 3) || contains { scored.append((d, known)) }
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(limit).map(\.1)
    }

    /// The canonical spelling of `label`, or an `.unknownClass` error at `file`/`line` naming the
    /// label, with suggestions, e.g. `unknown class "Human fase" (did you mean "Human face"?)`.
    public func resolve(_ label: String, what: String = "class", file: String? = nil,
                        line: Int? = nil, record: Int? = nil) throws(DetectionImportError) -> String {
        if let c = canonical(label) { return c }
        throw unknown(label, what: what, file: file, line: line, record: record)
    }

    /// The `.unknownClass` error `resolve` throws.
    public func unknown(_ label: String, what: String = "class", file: String? = nil,
                        line: Int? = nil, record: Int? = nil) -> DetectionImportError {
        let s = suggestions(for: label)
        var message = "unknown \(what) \(label.debugDescription)"
        if !s.isEmpty {
            message += " (did you mean " + s.map(\.debugDescription).joined(separator: ", ") + "?)"
        } else {
            message += " (\(labels.count) known)"
        }
        return DetectionImportError(.unknownClass, message, file: file, line: line, record: record, suggestions: s)
    }

    static func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
