/// One problem found in a spec: where it is (YAML path, file, line, column), what is wrong with the
/// offending value and what is allowed, and a did-you-mean suggestion when one is close.
public struct SpecProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// YAML path of the offending node, e.g. `conditions[2].sigma` or `explain.methods[1]`
    /// (empty for the document itself).
    public var path: String
    /// The file the node is in (the included file for problems inside an `include:`d spec).
    public var file: String
    /// 1-based line; 0 when the problem has no position (e.g. a missing top-level key in an empty file).
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int
    /// The offending value and what is allowed.
    public var message: String
    /// A close valid alternative ("did you mean …?"), when one exists.
    public var suggestion: String?

    public init(path: String, file: String, line: Int, column: Int, message: String, suggestion: String? = nil) {
        self.path = path
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.suggestion = suggestion
    }

    /// `file:line:column: path: message (did you mean 'x'?)`, one line for a terminal.
    public var description: String {
        var s = "\(file):\(line):\(column): "
        if !path.isEmpty { s += "\(path): " }
        s += message
        if let suggestion { s += " (did you mean '\(suggestion)'?)" }
        return s
    }
}
