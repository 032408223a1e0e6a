import Foundation

/// Wall-clock phase timings of the report, printed to standard error when the environment variable
/// `EMOSHIFT_TIMING` is set (for profiling; silent otherwise).
struct PhaseClock {
    private var last = Date()
    private var phases: [(String, Double)] = []
    private let enabled = ProcessInfo.processInfo.environment["EMOSHIFT_TIMING"] != nil

    mutating func mark(_ name: String) {
        guard enabled else { return }
        let now = Date()
        phases.append((name, now.timeIntervalSince(last)))
        last = now
    }

    func report() {
        guard enabled else { return }
        let text = phases.map { "\($0.0) \(String(format: "%.2f", $0.1)) s" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("report phases: \(text)\n".utf8))
    }
}
