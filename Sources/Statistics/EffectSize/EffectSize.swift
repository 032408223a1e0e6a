/// Effect sizes for paired comparisons. Each returns `(value, reason)`; `value == nil` is n/a.
public enum EffectSize {
    /// Cohen's d_z = mean(d) / sd(d), sd with n − 1 (Cohen 1988; Lakens 2013, eq. 6).
    /// n/a: n < 2, non-finite input, or sd = 0 (all differences equal).
    public static func cohensDz(_ differences: [Double]) -> (value: Double?, reason: String?) {
        guard differences.allSatisfy(\.isFinite) else { return (nil, "non-finite input") }
        guard differences.count >= 2 else { return (nil, "n < 2") }
        let m = Descriptive.mean(differences)
        let sd = Descriptive.variance(differences, mean: m).squareRoot()
        guard sd > 0 else { return (nil, "zero variance: all differences equal") }
        return (m / sd, nil)
    }

    /// Matched-pairs rank-biserial correlation r = (T⁺ − T⁻)/(T⁺ + T⁻) (Kerby 2014), with T± the
    /// signed-rank sums of `PairedTests.signedRankSums` under the same `zeroMethod` as the
    /// Wilcoxon call (wilcox: zeros dropped; pratt: zeros ranked but in neither sum; zsplit:
    /// zeros' ranks split, so they add equally to both sums). Range [−1, 1].
    /// n/a: non-finite input, no pairs, or T⁺ + T⁻ = 0 (all differences zero).
    public static func rankBiserial(_ differences: [Double], zeroMethod: ZeroMethod = .wilcox) -> (value: Double?, reason: String?) {
        guard differences.allSatisfy(\.isFinite) else { return (nil, "non-finite input") }
        guard !differences.isEmpty else { return (nil, "no pairs") }
        let s = PairedTests.signedRankSums(differences, zeroMethod: zeroMethod)
        guard s.plus + s.minus > 0, s.zeros < differences.count else { return (nil, "all differences are zero") }
        return ((s.plus - s.minus) / (s.plus + s.minus), nil)
    }

    /// McNemar odds ratio b / c of the discordant counts (conditional MLE of the paired odds ratio).
    /// c = 0 and b > 0 → `infinite: true` and `value == nil` (reason "c = 0: odds ratio is
    /// +∞"); b = c = 0 → n/a ("no discordant pairs"); negative counts → n/a.
    public static func mcnemarOddsRatio(b: Int, c: Int) -> (value: Double?, infinite: Bool, reason: String?) {
        guard b >= 0, c >= 0 else { return (nil, false, "negative count") }
        if b == 0 && c == 0 { return (nil, false, "no discordant pairs (b + c = 0)") }
        if c == 0 { return (nil, true, "c = 0: odds ratio is +∞") }
        return (Double(b) / Double(c), false, nil)
    }
}
