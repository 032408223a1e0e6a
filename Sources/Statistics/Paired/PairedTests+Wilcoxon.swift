extension PairedTests {
    /// Signed-rank sums T⁺, T⁻ of `differences` under `zeroMethod` (average ranks of |d| for ties),
    /// as computed inside scipy 1.17's `_wilcoxon_statistic`. Input must be finite.
    public static func signedRankSums(_ differences: [Double], zeroMethod: ZeroMethod) -> SignedRankSums {
        let zeros = differences.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        let ranked = zeroMethod == .wilcox ? differences.filter { $0 != 0 } : differences
        let (ranks, groups) = Ranking.averageRanks(ranked.map { abs($0) })
        var plus = 0.0, minus = 0.0, zeroRanks = 0.0
        var signs = [Int8](repeating: 0, count: ranked.count)
        for (i, v) in ranked.enumerated() {
            if v > 0 { plus += ranks[i]; signs[i] = 1 }
            else if v < 0 { minus += ranks[i]; signs[i] = -1 }
            else { zeroRanks += ranks[i] }
        }
        if zeroMethod == .zsplit { plus += zeroRanks / 2; minus += zeroRanks / 2 }
        var tieGroups = groups
        // Pratt: the zeros (smallest |d|, hence the first group) are left out of the tie correction.
        if zeroMethod == .pratt, zeros >= 2, let i = tieGroups.firstIndex(of: zeros) { tieGroups.remove(at: i) }
        return SignedRankSums(plus: plus, minus: minus, count: ranked.count, zeros: zeros, ranks: ranks,
                              signs: signs, tieGroups: tieGroups, hasTies: !groups.isEmpty)
    }

    /// Wilcoxon signed-rank test of "the differences are symmetric about 0", matching
    /// `scipy.stats.wilcoxon(d, zero_method=, correction=, alternative=, method=)` of scipy 1.17.1.
    ///
    /// **Statistic** (scipy's convention): two-sided → W = min(T⁺, T⁻); `.less`/`.greater` → W = T⁺.
    /// Ranks are average ranks of |d| (over the non-zero d for `wilcox`, over all d for
    /// `pratt`/`zsplit`).
    ///
    /// **`method: .auto`** (scipy 1.17 rule, with N = all differences *including zeros*):
    /// N > 50 → normal approximation; otherwise, no ties and no zeros → exact; otherwise N ≤ 13 →
    /// exact sign-flip permutation distribution of T⁺ (scipy runs `permutation_test` with 9,999
    /// resamples, which enumerates all 2^N sign patterns when 2^N ≤ 9,999 — we enumerate the same
    /// distribution by dynamic programming over doubled rank sums; method "permutation");
    /// otherwise → normal approximation.
    ///
    /// **Exact** (method "exact"): null distribution of T⁺ on ranks 1…m (m = ranked count) by
    /// dynamic programming (`WilcoxonDistribution`); less = P(T⁺ ≤ ⌈T⁺_obs⌉), greater =
    /// P(T⁺ ≥ ⌊T⁺_obs⌋), two-sided = min(1, 2·min(both)).
    ///
    /// **Normal approximation** (method "approx"): m = ranked count, μ = m(m+1)/4,
    /// σ² = [m(m+1)(2m+1) − Σ(t³−t)/2]/24 over tie groups t of |d|; Pratt subtracts
    /// n₀(n₀+1)/4 from μ and n₀(n₀+1)(2n₀+1)/24 from σ² and drops the zeros' tie group;
    /// z = (T⁺ − μ)/σ, continuity correction (`correction: true`) z −= sign·0.5/σ with sign = +1
    /// (greater), −1 (less), sign(z) (two-sided); p from Φ. `z` reports scipy's `zstatistic`
    /// (−|z| for two-sided).
    ///
    /// **n/a**: no differences, non-finite input, or no non-zero difference (all zero) →
    /// statistic and p `nil` with a reason.
    public static func wilcoxon(
        _ differences: [Double], zeroMethod: ZeroMethod = .wilcox, correction: Bool = false,
        alternative: Alternative = .twoSided, method: WilcoxonMethod = .auto
    ) -> TestResult {
        let total = differences.count
        func na(_ reason: String, n: Int) -> TestResult {
            .notAvailable(test: "wilcoxon", method: method.rawValue, n: n, symbol: "W", alternative: alternative, reason: reason)
        }
        guard differences.allSatisfy(\.isFinite) else { return na("non-finite input", n: total) }
        guard total > 0 else { return na("no pairs", n: 0) }
        let sums = signedRankSums(differences, zeroMethod: zeroMethod)
        guard sums.zeros < total else { return na("all differences are zero", n: zeroMethod == .wilcox ? 0 : total) }

        enum Path { case exact, normal, signFlip }
        var path: Path
        var reason: String? = nil
        switch method {
        case .exact: path = .exact
        case .asymptotic: path = .normal
        case .auto:
            if total > 50 { path = .normal; reason = "n > 50: normal approximation" }
            else if !(sums.hasTies || sums.zeros > 0) { path = .exact }
            else if total <= 13 { path = .signFlip; reason = "ties or zeros with n ≤ 13: exact sign-flip distribution" }
            else { path = .normal; reason = "ties or zeros with n > 13: normal approximation" }
        }
        let label = path == .exact ? "exact" : path == .normal ? "approx" : "permutation"
        let statistic = alternative == .twoSided ? min(sums.plus, sums.minus) : sums.plus
        let m = Double(sums.count)
        var p: Double
        var z: Double? = nil
        switch path {
        case .exact:
            let dist = WilcoxonDistribution(n: sums.count)
            let lessP = dist.cdf(Int(sums.plus.rounded(.up)))
            let greaterP = dist.sf(Int(sums.plus.rounded(.down)))
            switch alternative {
            case .less: p = lessP
            case .greater: p = greaterP
            case .twoSided: p = min(1, 2 * min(lessP, greaterP))
            }
        case .normal:
            var mean = m * (m + 1) / 4
            var varianceTerm = m * (m + 1) * (2 * m + 1)
            if zeroMethod == .pratt {
                let n0 = Double(sums.zeros)
                mean -= n0 * (n0 + 1) / 4
                varianceTerm -= n0 * (n0 + 1) * (2 * n0 + 1)
            }
            let se = ((varianceTerm - Ranking.tieSum(sums.tieGroups) / 2) / 24).squareRoot()
            guard se > 0, se.isFinite else { return na("zero variance of the rank statistic", n: sums.count) }
            var zz = (sums.plus - mean) / se
            if correction {
                let sign: Double = alternative == .greater ? 1 : alternative == .less ? -1 : (zz > 0 ? 1 : zz < 0 ? -1 : 0)
                zz -= sign * 0.5 / se
            }
            p = Dist.symmetricP(zz, alternative, cdf: Dist.normalCDF, sf: Dist.normalSF)
            z = alternative == .twoSided ? -abs(zz) : zz
            if correction { reason = (reason.map { $0 + "; " } ?? "") + "continuity correction" }
        case .signFlip:
            p = signFlipRankP(sums, alternative: alternative)
        }
        return TestResult(test: "wilcoxon", method: label, n: sums.count, statistic: statistic, statisticSymbol: "W",
                          pValue: p, alternative: alternative, z: z, reason: reason)
    }

    /// Exact sign-flip p-value for T⁺ with the given (possibly tied) ranks: the null distribution of
    /// Σ 2rᵢ·Bᵢ over the non-zero values by dynamic programming (doubled ranks are integers);
    /// zeros never change sign, so they only add a constant (`zsplit`) or nothing.
    /// Comparisons as `scipy.stats.permutation_test` for an exact test (no +1 adjustment).
    static func signFlipRankP(_ sums: SignedRankSums, alternative: Alternative) -> Double {
        var weights: [Int] = []
        var observed = 0
        for (i, s) in sums.signs.enumerated() where s != 0 {
            let w = Int((2 * sums.ranks[i]).rounded())
            weights.append(w)
            if s > 0 { observed += w }
        }
        let pmf = WilcoxonDistribution.subsetSumPMF(weights: weights)
        var lessP = 0.0, greaterP = 0.0
        for k in 0..<pmf.count {
            if k <= observed { lessP += pmf[k] }
            if k >= observed { greaterP += pmf[k] }
        }
        lessP = min(1, lessP); greaterP = min(1, greaterP)
        switch alternative {
        case .less: return lessP
        case .greater: return greaterP
        case .twoSided: return min(1, 2 * min(lessP, greaterP))
        }
    }
}
