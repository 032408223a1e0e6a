/// Mean and sample variance by a two-pass algorithm (as numpy's `mean` / `var(ddof=1)` up to
/// rounding). Internal helpers; callers handle n < 2.
enum Descriptive {
    static func mean(_ x: [Double]) -> Double {
        var s = 0.0
        for v in x { s += v }
        return s / Double(x.count)
    }

    /// Sample variance with n − 1 in the denominator (n ≥ 2).
    static func variance(_ x: [Double], mean m: Double) -> Double {
        var s = 0.0, c = 0.0
        for v in x { let d = v - m; s += d * d; c += d }
        let n = Double(x.count)
        return (s - c * c / n) / (n - 1)
    }

    /// Median (average of the two middle values for even n); n ≥ 1.
    static func median(_ x: [Double]) -> Double {
        let s = x.sorted()
        let n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }
}
