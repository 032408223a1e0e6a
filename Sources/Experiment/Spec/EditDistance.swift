/// Levenshtein distance and did-you-mean suggestions for unknown names in a spec.
public enum EditDistance {
    /// The Levenshtein distance between `a` and `b`, case-insensitively.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The candidate closest to `name`, if it is within `max(2, name.count / 3)` edits (ties: first in order).
    /// A candidate that starts with `name` (or the reverse) also qualifies when nothing is closer.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        var best: (String, Int)?
        let candidates = candidates.filter { $0.lowercased() != name.lowercased() }
        for c in candidates {
            let d = distance(name, c)
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        if let best { return best.0 }
        let lower = name.lowercased()
        if lower.count >= 3 {
            return candidates.first { $0.lowercased().hasPrefix(lower) || lower.hasPrefix($0.lowercased()) }
        }
        return nil
    }
}
