import CGSL

/// Thin wrappers over GSL's CDFs (GSL 2.7, `gsl_cdf.h`). Every function calls
/// `GSLRuntime.prepare()` first and returns `nil` instead of NaN.
enum Dist {
    static func normalCDF(_ z: Double) -> Double { GSLRuntime.prepare(); return gsl_cdf_ugaussian_P(z) }
    static func normalSF(_ z: Double) -> Double { GSLRuntime.prepare(); return gsl_cdf_ugaussian_Q(z) }
    static func normalQuantile(_ p: Double) -> Double { GSLRuntime.prepare(); return gsl_cdf_ugaussian_Pinv(p) }
    static func tCDF(_ t: Double, df: Double) -> Double { GSLRuntime.prepare(); return gsl_cdf_tdist_P(t, df) }
    static func tSF(_ t: Double, df: Double) -> Double { GSLRuntime.prepare(); return gsl_cdf_tdist_Q(t, df) }
    static func tQuantile(_ p: Double, df: Double) -> Double { GSLRuntime.prepare(); return gsl_cdf_tdist_Pinv(p, df) }
    static func chi2SF(_ x: Double, df: Double) -> Double { GSLRuntime.prepare(); return gsl_cdf_chisq_Q(x, df) }
    /// P(X ≤ k), X ~ Binomial(n, p).
    static func binomCDF(_ k: Int, n: Int, p: Double) -> Double {
        GSLRuntime.prepare()
        if k < 0 { return 0 }
        if k >= n { return 1 }
        return gsl_cdf_binomial_P(UInt32(k), p, UInt32(n))
    }
    /// P(X ≥ k), X ~ Binomial(n, p).
    static func binomSFge(_ k: Int, n: Int, p: Double) -> Double {
        GSLRuntime.prepare()
        if k <= 0 { return 1 }
        if k > n { return 0 }
        return gsl_cdf_binomial_Q(UInt32(k - 1), p, UInt32(n))
    }

    /// p-value from a statistic with a symmetric continuous null (normal or t), as scipy's
    /// `_get_pvalue`: less = CDF(z), greater = SF(z), two-sided = 2·SF(|z|).
    static func symmetricP(_ z: Double, _ alternative: Alternative, cdf: (Double) -> Double, sf: (Double) -> Double) -> Double {
        switch alternative {
        case .less: return cdf(z)
        case .greater: return sf(z)
        case .twoSided: return min(1, 2 * sf(abs(z)))
        }
    }
}

extension Dist {
    /// P(X ≤ x), X ~ Beta(a, b) (GSL `gsl_cdf_beta_P`).
    static func betaCDF(_ x: Double, a: Double, b: Double) -> Double { GSLRuntime.prepare(); return gsl_cdf_beta_P(x, a, b) }
    /// P(X > x), X ~ Beta(a, b) (GSL `gsl_cdf_beta_Q`).
    static func betaSF(_ x: Double, a: Double, b: Double) -> Double { GSLRuntime.prepare(); return gsl_cdf_beta_Q(x, a, b) }
}
