/// A (condition, CAM method) cell of the analysis.
public struct PairKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var condition: String
    public var method: String

    public init(condition: String, method: String) {
        self.condition = condition
        self.method = method
    }

    public static func < (a: PairKey, b: PairKey) -> Bool { (a.condition, a.method) < (b.condition, b.method) }
    public var description: String { "\(condition)/\(method)" }
}
