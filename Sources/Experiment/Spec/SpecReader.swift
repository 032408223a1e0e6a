/// Typed access to spec nodes that records a ``SpecProblem`` for every mismatch instead of throwing,
/// so that validation can go on and report everything at once.
struct SpecReader {
    var problems: [SpecProblem] = []

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func report(_ node: SpecNode, _ path: String, _ message: String, suggestion: String? = nil) {
        let p = SpecProblem(path: path, file: node.file, line: node.line, column: node.column,
                            message: message, suggestion: suggestion)
        if !problems.contains(p) { problems.append(p) }
    }

    /// The entries of a mapping node; unknown keys are reported (with a did-you-mean among `allowed`).
    mutating func mapping(_ node: SpecNode, _ path: String, allowed: [String]?) -> [SpecNode.Entry]? {
        guard let entries = node.entries else {
            report(node, path, "must be a mapping, got \(node.kindDescription)")
            return nil
        }
        if let allowed {
            for e in entries where !allowed.contains(e.key) {
                report(e.keyNode, Self.join(path, e.key),
                       "unknown key '\(e.key)'; allowed keys: \(allowed.joined(separator: ", "))",
                       suggestion: EditDistance.suggestion(for: e.key, among: allowed))
            }
        }
        return entries
    }

    mutating func string(_ node: SpecNode, _ path: String, what: String = "a string") -> String? {
        if case .scalar(.string(let s)) = node.value {
            if s.trimmingCharacters(in: .whitespaces).isEmpty { report(node, path, "must be \(what), got an empty string"); return nil }
            return s
        }
        report(node, path, "must be \(what), got \(node.kindDescription)")
        return nil
    }

    /// A string or a list of strings (each element's path is `path[i]`); returns (value, node, path) triples.
    mutating func strings(_ node: SpecNode, _ path: String, what: String = "a string or a list of strings") -> [(String, SpecNode, String)]? {
        if case .scalar(.string) = node.value { return string(node, path).map { [($0, node, path)] } }
        guard let list = node.elements else {
            report(node, path, "must be \(what), got \(node.kindDescription)")
            return nil
        }
        if list.isEmpty { report(node, path, "must not be an empty list"); return nil }
        var out: [(String, SpecNode, String)] = []
        for (i, n) in list.enumerated() {
            if let s = string(n, "\(path)[\(i)]") { out.append((s, n, "\(path)[\(i)]")) }
        }
        return out
    }

    mutating func bool(_ node: SpecNode, _ path: String) -> Bool? {
        if case .scalar(.bool(let b)) = node.value { return b }
        report(node, path, "must be true or false, got \(node.kindDescription)")
        return nil
    }

    mutating func int(_ node: SpecNode, _ path: String, min: Int? = nil, max: Int? = nil) -> Int? {
        guard case .scalar(.int(let i)) = node.value else {
            report(node, path, "must be an integer\(Self.range(min, max)), got \(node.kindDescription)")
            return nil
        }
        if let min, i < min { report(node, path, "must be an integer\(Self.range(min, max)), got \(i)"); return nil }
        if let max, i > max { report(node, path, "must be an integer\(Self.range(min, max)), got \(i)"); return nil }
        return i
    }

    static func range(_ min: Int?, _ max: Int?) -> String {
        switch (min, max) {
        case (let a?, let b?): " in \(a)…\(b)"
        case (let a?, nil): " ≥ \(a)"
        case (nil, let b?): " ≤ \(b)"
        default: ""
        }
    }

    /// A number; `allowed` describes the range for messages and `check` tests it.
    mutating func double(_ node: SpecNode, _ path: String, allowed: String, _ check: (Double) -> Bool = { _ in true }) -> Double? {
        let d: Double
        switch node.value {
        case .scalar(.int(let i)): d = Double(i)
        case .scalar(.double(let x)): d = x
        default:
            report(node, path, "must be a number \(allowed), got \(node.kindDescription)")
            return nil
        }
        guard d.isFinite, check(d) else {
            report(node, path, "must be a number \(allowed), got \(SpecNode.format(d))")
            return nil
        }
        return d
    }

    /// A seed: an integer ≥ 0 (up to 2⁶³ − 1, YAML's integer range).
    mutating func seed(_ node: SpecNode, _ path: String) -> UInt64? {
        int(node, path, min: 0).map { UInt64($0) }
    }

    /// One of `allowed` (case-insensitive); reports the value, the allowed list and a suggestion.
    mutating func oneOf(_ node: SpecNode, _ path: String, _ allowed: [String], what: String) -> String? {
        guard let s = string(node, path, what: "one of \(allowed.joined(separator: ", "))") else { return nil }
        if let m = allowed.first(where: { $0.lowercased() == s.lowercased() }) { return m }
        report(node, path, "unknown \(what) \"\(s)\"; allowed: \(allowed.joined(separator: ", "))",
               suggestion: EditDistance.suggestion(for: s, among: allowed))
        return nil
    }
}
