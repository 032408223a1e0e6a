/// Confidence intervals for a binomial rate.
public enum Proportion {
    /// Wilson score interval, as `statsmodels.stats.proportion.proportion_confint(k, n,
    /// alpha=1−confidence, method='wilson')` (statsmodels 0.15): with z = Φ⁻¹(1 − α/2), p̂ = k/n,
    /// centre = (p̂ + z²/2n)/(1 + z²/n), half-width = z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n), bounds
    /// clipped to [0, 1]. Estimate p̂.
    /// n/a: n ≤ 0, k < 0 or k > n, or confidence outside (0, 1).
    public static func wilson(successes k: Int, n: Int, confidence: Double = 0.95) -> Interval {
        guard n > 0 else { return Interval(estimate: nil, lower: nil, upper: nil, level: confidence, method: "wilson", reason: "n = 0") }
        guard k >= 0, k <= n else { return Interval(estimate: nil, lower: nil, upper: nil, level: confidence, method: "wilson", reason: "successes outside 0…n") }
        guard confidence > 0, confidence < 1 else { return Interval(estimate: nil, lower: nil, upper: nil, level: confidence, method: "wilson", reason: "confidence outside (0, 1)") }
        let q = Double(k) / Double(n), nn = Double(n)
        let crit = -Dist.normalQuantile((1 - confidence) / 2)
        let crit2 = crit * crit
        let denom = 1 + crit2 / nn
        let center = (q + crit2 / (2 * nn)) / denom
        let dist = crit * (q * (1 - q) / nn + crit2 / (4 * nn * nn)).squareRoot() / denom
        return Interval(estimate: q, lower: min(1, max(0, center - dist)), upper: min(1, max(0, center + dist)),
                        level: confidence, method: "wilson")
    }
}
