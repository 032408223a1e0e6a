import Foundation

/// Expands a ``CorpusSpec`` into image paths: globs, folders and list files, filtered by type.
///
/// Glob syntax: `*` (any characters but `/`), `?` (one character but `/`), `**` (any number of
/// folders, including none), `{a,b}` (alternatives), `[abc]` (a character class). Relative patterns
/// and folders are taken from `workingDirectory` and the resulting paths stay relative to it.
/// Results are deduplicated and sorted, so the order never depends on the file system.
public struct CorpusResolver: Sendable {
    public var workingDirectory: String

    public init(workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.workingDirectory = workingDirectory
    }

    /// Every image file of the corpus, sorted.
    public func files(for corpus: CorpusSpec) -> [String] {
        var all = Set<String>()
        for p in corpus.images { all.formUnion(glob(p, types: corpus.types)) }
        for f in corpus.folders { all.formUnion(folder(f, recursive: corpus.recursive, types: corpus.types)) }
        for l in corpus.lists { all.formUnion((try? list(l, types: corpus.types).existing) ?? []) }
        return all.sorted()
    }

    /// Absolute form of a spec path.
    public func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return (workingDirectory as NSString).appendingPathComponent(expanded)
    }

    /// Whether `path` (relative to the working directory) exists; `directory` tells what it is.
    public func exists(_ path: String) -> (exists: Bool, directory: Bool) {
        var isDir: ObjCBool = false
        let e = FileManager.default.fileExists(atPath: absolute(path), isDirectory: &isDir)
        return (e, isDir.boolValue)
    }

    func hasType(_ path: String, _ types: [String]) -> Bool {
        types.contains((path as NSString).pathExtension.lowercased())
    }

    /// Files matching a glob pattern (a pattern without wildcards naming a folder takes the folder).
    public func glob(_ pattern: String, types: [String]) -> [String] {
        let wildcard = CharacterSet(charactersIn: "*?[{")
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let first = components.firstIndex(where: { $0.rangeOfCharacter(from: wildcard) != nil }) else {
            let (e, dir) = exists(pattern)
            if !e { return [] }
            return dir ? folder(pattern, recursive: true, types: types) : (hasType(pattern, types) ? [pattern] : [])
        }
        let prefix = components[..<first].joined(separator: "/")
        let root = prefix.isEmpty ? (pattern.hasPrefix("/") ? "/" : ".") : prefix
        guard exists(root).directory, let regex = try? NSRegularExpression(pattern: "^" + Self.regex(for: pattern) + "$")
        else { return [] }
        let recursive = components[first...].count > 1 || pattern.contains("**")
        var out: [String] = []
        for rel in walk(root, recursive: recursive) {
            let path = prefix.isEmpty ? (pattern.hasPrefix("/") ? "/" + rel : rel) : prefix + "/" + rel
            let range = NSRange(path.startIndex..., in: path)
            if regex.firstMatch(in: path, range: range) != nil, hasType(path, types) { out.append(path) }
        }
        return out
    }

    /// Image files in a folder.
    public func folder(_ path: String, recursive: Bool, types: [String]) -> [String] {
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        return walk(base, recursive: recursive).filter { hasType($0, types) }.map { base + "/" + $0 }
    }

    /// The paths a list file names (relative to the list file's folder), split into existing and missing.
    public func list(_ path: String, types: [String]) throws -> (existing: [String], missing: [String]) {
        let text = try String(contentsOfFile: absolute(path), encoding: .utf8)
        let dir = (path as NSString).deletingLastPathComponent
        var existing: [String] = [], missing: [String] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let p = line.hasPrefix("/") || dir.isEmpty ? line : dir + "/" + line
            if exists(p).exists && !exists(p).directory { if hasType(p, types) { existing.append(p) } } else { missing.append(line) }
        }
        return (existing, missing)
    }

    /// Regular files under `dir`, relative to it, hidden files skipped.
    func walk(_ dir: String, recursive: Bool) -> [String] {
        let abs = absolute(dir)
        let fm = FileManager.default
        var out: [String] = []
        if recursive {
            guard let e = fm.enumerator(atPath: abs) else { return [] }
            while let rel = e.nextObject() as? String {
                if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: abs + "/" + rel, isDirectory: &isDir), !isDir.boolValue { out.append(rel) }
            }
        } else {
            for rel in (try? fm.contentsOfDirectory(atPath: abs)) ?? [] where !rel.hasPrefix(".") {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: abs + "/" + rel, isDirectory: &isDir), !isDir.boolValue { out.append(rel) }
            }
        }
        return out
    }

    /// The regular expression (without anchors) for a glob pattern.
    static func regex(for pattern: String) -> String {
        var out = ""
        let chars = Array(pattern)
        var i = 0, braces = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "*":
                if i + 1 < chars.count, chars[i + 1] == "*" {
                    if i + 2 < chars.count, chars[i + 2] == "/" { out += "(?:.*/)?"; i += 3; continue }
                    out += ".*"; i += 2; continue
                }
                out += "[^/]*"
            case "?": out += "[^/]"
            case "{": braces += 1; out += "(?:"
            case "}" where braces > 0: braces -= 1; out += ")"
            case "," where braces > 0: out += "|"
            case "[":
                if let close = chars[(i + 1)...].firstIndex(of: "]") {
                    var body = String(chars[(i + 1)..<close])
                    if body.hasPrefix("!") { body = "^" + body.dropFirst() }
                    out += "[" + body + "]"; i = close + 1; continue
                }
                out += "\\["
            default:
                out += NSRegularExpression.escapedPattern(for: String(c))
            }
            i += 1
        }
        return out
    }
}
