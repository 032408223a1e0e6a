import Foundation

/// Time spent per stage of a forward pass, accumulated over calls: wall-clock, or the calling
/// thread's CPU time with `threadCPUTime` (steadier on a loaded machine).
public struct LayerTimings: Sendable {
    /// Seconds per stage name, in first-seen order.
    public private(set) var stages: [(name: String, seconds: Double)] = []
    /// Measure with `CLOCK_THREAD_CPUTIME_ID` instead of the wall clock.
    public var threadCPUTime = false

    /// Empty timings; `threadCPUTime` picks the clock.
    public init(threadCPUTime: Bool = false) { self.threadCPUTime = threadCPUTime }

    /// CPU seconds used by the calling thread so far.
    public static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    public mutating func add(_ name: String, _ seconds: Double) {
        if let i = stages.firstIndex(where: { $0.name == name }) {
            stages[i].seconds += seconds
        } else {
            stages.append((name, seconds))
        }
    }

    public var total: Double { stages.reduce(0) { $0 + $1.seconds } }
}
