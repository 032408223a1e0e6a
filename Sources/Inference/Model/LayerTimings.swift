/// Wall-clock time spent per stage of a forward pass, accumulated over calls.
public struct LayerTimings: Sendable {
    /// Seconds per stage name, in first-seen order.
    public private(set) var stages: [(name: String, seconds: Double)] = []

    public init() {}

    public mutating func add(_ name: String, _ seconds: Double) {
        if let i = stages.firstIndex(where: { $0.name == name }) {
            stages[i].seconds += seconds
        } else {
            stages.append((name, seconds))
        }
    }

    public var total: Double { stages.reduce(0) { $0 + $1.seconds } }
}
