/// Where a table's numbers came from, as ordered key–value pairs (printed in this order under every
/// table and stored in its JSON). Typical keys: `spec`, `spec_sha256`, `weights`, `weights_sha256`,
/// `demo_model`, `seed`, `records`, `emoshift`.
public struct ReportProvenance: Sendable, Equatable {
    public var entries: [(key: String, value: String)]
    /// True when the labelled demo model (not real EmoNet weights) produced the numbers; every
    /// writer then prints a warning line.
    public var demo: Bool

    public init(_ entries: [(key: String, value: String)] = [], demo: Bool = false) {
        self.entries = entries
        self.demo = demo
    }

    public static func == (a: ReportProvenance, b: ReportProvenance) -> Bool {
        a.demo == b.demo && a.entries.map(\.key) == b.entries.map(\.key) && a.entries.map(\.value) == b.entries.map(\.value)
    }

    public subscript(key: String) -> String? { entries.first { $0.key == key }?.value }

    /// The warning every output of the demo model carries.
    public static let demoWarning =
        "DEMO MODEL: numbers come from EmoShift's deterministic demo weights, not from EmoNet. Do not report them."

    /// `key: value; key: value` on one line.
    public var oneLine: String { entries.map { "\($0.key): \($0.value)" }.joined(separator: "; ") }
}
