/// Resampling-based inference for paired differences, driven by a seeded GSL mt19937 so results
/// are reproducible bit-for-bit for a given seed.
public enum Resampling {
    /// scipy's tolerance for "equal to the observed statistic": |null − obs| ≤ 100·ε·|obs|
    /// (`permutation_test`, 1.17: `eps = finfo.eps * 100; gamma = abs(eps * observed)`).
    static func tieTolerance(_ observed: Double) -> Double { abs(Double.ulpOfOne * 100 * observed) }
}
