import Foundation
import CGSL

/// Descriptive helpers for table cells; empty input gives nil (printed n/a), never NaN.
enum Summary {
    static func mean(_ v: [Double]) -> Double? { v.isEmpty ? nil : v.reduce(0, +) / Double(v.count) }

    /// Median (mean of the two middle values for even n), as numpy.median.
    static func median(_ v: [Double]) -> Double? {
        guard !v.isEmpty else { return nil }
        let s = v.sorted(), m = s.count / 2
        return s.count % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m])
    }

    /// Standard normal quantile (GSL).
    static func normalQuantile(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(p) }
}
