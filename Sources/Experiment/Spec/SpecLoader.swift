import Foundation
import Yams

/// Reads a spec file with Yams (`compose`, so every node keeps its line and column) and resolves
/// `include:`. Scalars follow YAML 1.2: only `true`/`false` are booleans (`on`, `yes`, … are strings).
///
/// `include:` takes a path or a list of paths, relative to the **including** file's folder. The
/// included specs are read first (in order) and the including spec is laid over them:
/// mappings merge key by key (recursively), `conditions` lists are concatenated (included first),
/// and any other value of the including file replaces the included one. Include cycles, missing
/// files and YAML syntax errors are reported as ``SpecProblem``s at the `include` entry or the
/// offending position; loading never throws.
public struct SpecLoader: Sendable {
    /// A loaded document: the merged root node (nil when nothing usable was read), the files read,
    /// and the problems found while reading.
    public struct Document: Sendable {
        public var root: SpecNode?
        public var files: [String]
        public var problems: [SpecProblem]
    }

    public init() {}

    /// Loads the spec at `path` and everything it includes.
    public func load(path: String) -> Document {
        var files: [String] = [], problems: [SpecProblem] = []
        let root = load(path: path, stack: [], includedFrom: nil, files: &files, problems: &problems)
        return Document(root: root, files: files, problems: problems)
    }

    /// Loads a spec from text; `file` names it in problems, and includes are resolved from
    /// `directory` (default: the current directory).
    public func load(yaml: String, file: String = "<spec>", directory: String? = nil) -> Document {
        var files: [String] = [], problems: [SpecProblem] = []
        let dir = directory ?? FileManager.default.currentDirectoryPath
        var root = parse(yaml, file: file, problems: &problems)
        if let r = root {
            root = resolveIncludes(r, directory: dir, stack: [Self.canonical(file, relativeTo: dir)],
                                   files: &files, problems: &problems)
        }
        return Document(root: root, files: [file] + files, problems: problems)
    }

    // MARK: - Internals

    static func canonical(_ path: String, relativeTo dir: String) -> String {
        let abs = path.hasPrefix("/") ? path : (dir as NSString).appendingPathComponent(path)
        return ((abs as NSString).standardizingPath as NSString).resolvingSymlinksInPath
    }

    private func load(path: String, stack: [String], includedFrom: (SpecNode, String)?,
                      files: inout [String], problems: inout [SpecProblem]) -> SpecNode? {
        let cwd = FileManager.default.currentDirectoryPath
        let canonical = Self.canonical(path, relativeTo: cwd)
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            if let (node, p) = includedFrom {
                problems.append(SpecProblem(path: p, file: node.file, line: node.line, column: node.column,
                                            message: "included spec \"\(path)\" cannot be read (no such file, or not UTF-8 text)"))
            } else {
                problems.append(SpecProblem(path: "", file: path, line: 0, column: 0,
                                            message: "cannot read the spec file \"\(path)\" (no such file, or not UTF-8 text)"))
            }
            return nil
        }
        files.append(path)
        guard let root = parse(text, file: path, problems: &problems) else { return nil }
        return resolveIncludes(root, directory: (path as NSString).deletingLastPathComponent,
                               stack: stack + [canonical], files: &files, problems: &problems)
    }

    private func parse(_ text: String, file: String, problems: inout [SpecProblem]) -> SpecNode? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                problems.append(SpecProblem(path: "", file: file, line: 0, column: 0, message: "the spec is empty"))
                return nil
            }
            return SpecNode(yams: node, file: file)
        } catch let error as YamlError {
            var line = 0, column = 0, message = "\(error)"
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                line = mark.line; column = mark.column
                message = "YAML syntax error: \(problem)" + (context.map { " \($0.text)" } ?? "")
            case .duplicatedKeysInMapping(let duplicates, let context):
                line = context.mark.line; column = context.mark.column
                message = "duplicate key(s) \(duplicates.joined(separator: ", ")) in one mapping"
            default:
                message = "YAML error: \(error)"
            }
            problems.append(SpecProblem(path: "", file: file, line: line, column: column, message: message))
            return nil
        } catch {
            problems.append(SpecProblem(path: "", file: file, line: 0, column: 0, message: "YAML error: \(error)"))
            return nil
        }
    }

    private func resolveIncludes(_ root: SpecNode, directory: String, stack: [String],
                                 files: inout [String], problems: inout [SpecProblem]) -> SpecNode {
        guard let entries = root.entries, let include = root["include"] else { return root }
        var targets: [(String, SpecNode, String)] = []
        if case .scalar(.string(let s)) = include.value {
            targets = [(s, include, "include")]
        } else if let list = include.elements {
            for (i, n) in list.enumerated() {
                if case .scalar(.string(let s)) = n.value { targets.append((s, n, "include[\(i)]")) }
                else {
                    problems.append(SpecProblem(path: "include[\(i)]", file: n.file, line: n.line, column: n.column,
                                                message: "must be a spec file path, got \(n.kindDescription)"))
                }
            }
        } else {
            problems.append(SpecProblem(path: "include", file: include.file, line: include.line, column: include.column,
                                        message: "must be a spec file path or a list of paths, got \(include.kindDescription)"))
        }
        var base: SpecNode?
        for (target, node, p) in targets {
            let full = target.hasPrefix("/") || directory.isEmpty ? target : (directory as NSString).appendingPathComponent(target)
            let canonical = Self.canonical(full, relativeTo: FileManager.default.currentDirectoryPath)
            if let at = stack.firstIndex(of: canonical) {
                let chain = (stack[at...] + [canonical]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
                problems.append(SpecProblem(path: p, file: node.file, line: node.line, column: node.column,
                                            message: "include cycle: \(chain); a spec cannot include itself"))
                continue
            }
            guard let included = load(path: full, stack: stack, includedFrom: (node, p), files: &files, problems: &problems) else { continue }
            guard included.entries != nil else {
                problems.append(SpecProblem(path: p, file: included.file, line: included.line, column: included.column,
                                            message: "included spec \"\(target)\" must be a mapping, got \(included.kindDescription)"))
                continue
            }
            base = base.map { Self.merge($0, over: included, topLevel: true) } ?? included
        }
        var own = root
        own.value = .mapping(entries.filter { $0.key != "include" })
        return base.map { Self.merge(own, over: $0, topLevel: true) } ?? own
    }

    /// `top` laid over `base`: mappings merge, top-level `conditions` concatenate, else `top` wins.
    static func merge(_ top: SpecNode, over base: SpecNode, topLevel: Bool) -> SpecNode {
        guard let t = top.entries, let b = base.entries else { return top }
        var out = b
        for e in t {
            if let i = out.firstIndex(where: { $0.key == e.key }) {
                let old = out[i].value
                if topLevel, e.key == "conditions", let oe = old.elements, let ne = e.value.elements {
                    var merged = e.value
                    merged.value = .sequence(oe + ne)
                    out[i] = SpecNode.Entry(key: e.key, keyNode: e.keyNode, value: merged)
                } else {
                    out[i] = SpecNode.Entry(key: e.key, keyNode: e.keyNode, value: merge(e.value, over: old, topLevel: false))
                }
            } else {
                out.append(e)
            }
        }
        var result = top
        result.value = .mapping(out)
        return result
    }
}
