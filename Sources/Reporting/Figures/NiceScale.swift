import Foundation

/// A linear axis scale with "nice" ticks (1-2-5 rule: steps are 1, 2 or 5 × 10ⁿ).
public struct NiceScale: Sendable, Hashable {
    /// Axis range after rounding out to whole ticks.
    public let lower: Double
    public let upper: Double
    /// Tick step.
    public let step: Double
    /// Tick values from `lower` to `upper` inclusive.
    public let ticks: [Double]

    /// A scale covering `minimum…maximum` with about `maxTicks` ticks (at least 2). A degenerate
    /// range is widened around its value; non-finite inputs give 0…1.
    public init(minimum: Double, maximum: Double, maxTicks: Int = 6) {
        var lo = minimum, hi = maximum
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if lo > hi { swap(&lo, &hi) }
        if hi - lo < 1e-12 * max(1, abs(lo)) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        // The densest 1-2-5 step that puts at most `maxTicks` (and at least 2) ticks inside lo…hi.
        let limit = max(2, maxTicks)
        var step = NiceScale.niceStep((hi - lo) / Double(limit - 1))
        let e0 = Int((log10(hi - lo)).rounded(.down))
        var bestCount = 0
        for e in (e0 - 3)...(e0 + 1) {
            for m in [1.0, 2.0, 5.0] {
                let s = m * pow(10, Double(e))
                let count = Int((hi / s + 1e-9).rounded(.down)) - Int((lo / s - 1e-9).rounded(.up)) + 1
                if count >= 2 && count <= limit && count > bestCount {
                    bestCount = count
                    step = s
                }
            }
        }
        let l = (lo / step + 1e-9).rounded(.down) * step
        let u = (hi / step - 1e-9).rounded(.up) * step
        self.lower = l
        self.upper = u
        self.step = step
        var t: [Double] = []
        var k = 0
        while true {
            let v = l + Double(k) * step
            if v > u + step * 1e-6 { break }
            t.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        ticks = t
    }

    /// An axis range for data spanning `minimum…maximum`: padded by `padding` × span on both sides
    /// (not rounded out to ticks); a degenerate span is widened as in ``init(minimum:maximum:maxTicks:)``.
    public static func paddedRange(minimum: Double, maximum: Double, padding: Double = 0.05) -> (Double, Double) {
        var lo = minimum, hi = maximum
        if !lo.isFinite || !hi.isFinite { return (0, 1) }
        if lo > hi { swap(&lo, &hi) }
        if hi - lo < 1e-12 * max(1, abs(lo)) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            return (lo - pad, hi + pad)
        }
        let p = (hi - lo) * padding
        return (lo - p, hi + p)
    }

    /// Ticks of this scale inside `a…b` (inclusive, with a little tolerance).
    public func ticks(within a: Double, _ b: Double) -> [Double] {
        let eps = step * 1e-6
        return ticks.filter { $0 >= min(a, b) - eps && $0 <= max(a, b) + eps }
    }

    /// The smallest 1, 2 or 5 × 10ⁿ that is ≥ `raw` (positive).
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let e = pow(10, (log10(raw)).rounded(.down))
        let f = raw / e
        let nice: Double = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10
        return nice * e
    }

    /// Decimals needed to tell ticks `step` apart.
    public var decimals: Int { max(0, min(6, Int((-log10(step) + 1 - 1e-9).rounded(.down)))) }

    /// A tick label: fixed decimals, "−" (U+2212) for negatives, no "-0".
    public func label(_ v: Double) -> String { NumberText.fixed(v, decimals: decimals) }

    /// Position of `v` mapped linearly from `lower…upper` onto `a…b`.
    public func map(_ v: Double, _ a: Double, _ b: Double) -> Double {
        a + (v - lower) / (upper - lower) * (b - a)
    }
}

/// Number formatting for figure text (locale-independent, deterministic).
public enum NumberText {
    /// `v` with exactly `decimals` decimals, U+2212 minus for negatives, zero never signed;
    /// "n/a" for NaN and "∞"/"−∞" for infinities.
    public static func fixed(_ v: Double, decimals: Int) -> String {
        if v.isNaN { return "n/a" }
        if v.isInfinite { return v > 0 ? "∞" : "−∞" }
        let d = max(0, min(10, decimals))
        let scale = pow(10, Double(d))
        let r = (abs(v) * scale).rounded()
        if r == 0 { return d == 0 ? "0" : "0." + String(repeating: "0", count: d) }
        var digits = String(format: "%.0f", r)
        if d > 0 {
            while digits.count <= d { digits = "0" + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
        }
        return (v < 0 ? "−" : "") + digits
    }
}
