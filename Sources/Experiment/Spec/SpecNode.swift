import Foundation
import Perturbation
import Yams

/// A YAML node of a spec file with its position, detached from Yams (which is not `Sendable`).
///
/// Built by ``SpecLoader`` from `Yams.compose`; every node keeps the file it came from and its
/// 1-based line and column, so that ``SpecValidator`` can point at the offending text.
public struct SpecNode: Sendable, Hashable {
    /// A resolved YAML scalar (plain scalars are typed by the YAML core schema; quoted ones are strings).
    public enum Scalar: Sendable, Hashable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
    }

    /// One `key: value` pair of a mapping.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var keyNode: SpecNode
        public var value: SpecNode
    }

    /// The node's content.
    public indirect enum Value: Sendable, Hashable {
        case scalar(Scalar)
        case mapping([Entry])
        case sequence([SpecNode])
    }

    public var value: Value
    /// The file the node was read from (as given to the loader).
    public var file: String
    /// 1-based line (0 when unknown).
    public var line: Int
    /// 1-based column (0 when unknown).
    public var column: Int

    public init(_ value: Value, file: String, line: Int = 0, column: Int = 0) {
        self.value = value
        self.file = file
        self.line = line
        self.column = column
    }

    /// Converts a composed Yams node (aliases are resolved by Yams' composer).
    init(yams node: Node, file: String) {
        let mark = node.mark
        let line = mark?.line ?? 0, column = mark?.column ?? 0
        switch node {
        case .scalar(let s):
            let v: Scalar = s.style == .plain ? SpecNode.resolve(plain: s.string) : .string(s.string)
            self.init(.scalar(v), file: file, line: line, column: column)
        case .mapping(let m):
            let entries = m.map { pair in
                Entry(key: pair.key.string ?? "\(pair.key.any)", keyNode: SpecNode(yams: pair.key, file: file),
                      value: SpecNode(yams: pair.value, file: file))
            }
            self.init(.mapping(entries), file: file, line: line, column: column)
        case .sequence(let s):
            self.init(.sequence(s.map { SpecNode(yams: $0, file: file) }), file: file, line: line, column: column)
        case .alias:
            self.init(.scalar(.null), file: file, line: line, column: column)
        }
    }

    /// Types a plain scalar by the YAML 1.2 core schema: `null`/`~`/empty, `true`/`false` (so `on`,
    /// `off`, `yes`, `no` stay strings: `placement: on` is insert-object's placement), integers
    /// (decimal, `0x`, `0o`), floats (including `.inf`, `.nan`); anything else is a string.
    static func resolve(plain s: String) -> Scalar {
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        if s.range(of: "^[-+]?[0-9]+$", options: .regularExpression) != nil, let i = Int(s) { return .int(i) }
        if s.hasPrefix("0x"), let i = Int(s.dropFirst(2), radix: 16) { return .int(i) }
        if s.hasPrefix("0o"), let i = Int(s.dropFirst(2), radix: 8) { return .int(i) }
        if s.range(of: "^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$", options: .regularExpression) != nil,
           let d = Double(s) { return .double(d) }
        return .string(s)
    }

    /// The entries of a mapping node (nil for other kinds).
    public var entries: [Entry]? {
        if case .mapping(let e) = value { return e }
        return nil
    }

    /// The elements of a sequence node (nil for other kinds).
    public var elements: [SpecNode]? {
        if case .sequence(let e) = value { return e }
        return nil
    }

    /// The scalar of a scalar node (nil for other kinds).
    public var scalar: Scalar? {
        if case .scalar(let s) = value { return s }
        return nil
    }

    /// The value of `key` in a mapping node.
    public subscript(key: String) -> SpecNode? {
        entries?.first { $0.key == key }?.value
    }

    /// "a mapping", "a list", "a string \"x\"", "the number 3", … for messages.
    public var kindDescription: String {
        switch value {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let s):
            switch s {
            case .null: "an empty value"
            case .bool(let b): "the boolean \(b)"
            case .int(let i): "the number \(i)"
            case .double(let d): "the number \(SpecNode.format(d))"
            case .string(let t): "the string \"\(t)\""
            }
        }
    }

    /// The node as YAML-ish text for messages (`[2, 4, 8]`, `"grey"`, `0.3`).
    public var text: String {
        switch value {
        case .mapping(let e): "{" + e.map { "\($0.key): \($0.value.text)" }.joined(separator: ", ") + "}"
        case .sequence(let e): "[" + e.map(\.text).joined(separator: ", ") + "]"
        case .scalar(let s):
            switch s {
            case .null: "null"
            case .bool(let b): "\(b)"
            case .int(let i): "\(i)"
            case .double(let d): SpecNode.format(d)
            case .string(let t): "\"\(t)\""
            }
        }
    }

    /// The node as a perturbation parameter (nil for mappings and nulls).
    public var parameterValue: ParameterValue? {
        switch value {
        case .mapping: return nil
        case .sequence(let e):
            var out: [ParameterValue] = []
            for n in e { guard let v = n.parameterValue else { return nil }; out.append(v) }
            return .list(out)
        case .scalar(let s):
            switch s {
            case .null: return nil
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .double(let d): return .double(d)
            case .string(let t): return .string(t)
            }
        }
    }

    /// A number without a trailing ".0" when integral.
    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }
}
