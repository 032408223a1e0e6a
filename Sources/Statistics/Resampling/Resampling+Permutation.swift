extension Resampling {
    /// Sign-flip permutation test of "the paired differences are symmetric about 0" with the mean
    /// as statistic, as `scipy.stats.permutation_test((d,), np.mean, permutation_type='samples',
    /// n_resamples=resamples, alternative=)` 1.17.
    ///
    /// - Exact (method "exact") when 2ⁿ ≤ `resamples`: all 2ⁿ sign patterns are enumerated
    ///   (the identity included); p = #{null ⪯ obs}/2ⁿ. Cost O(n·2ⁿ).
    /// - Otherwise Monte Carlo (method "monte-carlo"): `resamples` random sign patterns from
    ///   gsl mt19937 seeded with `seed` (one bit per sign); p = (#{null ⪯ obs} + 1)/(B + 1)
    ///   (the +1 counts the observed arrangement, so p is never 0). Cost O(n·B/4): signed sums of
    ///   blocks of 4 differences are tabulated for all 16 sign patterns once.
    /// Comparisons use scipy's tie tolerance γ = 100·ε·|obs|: less counts null ≤ obs + γ, greater
    /// counts null ≥ obs − γ, two-sided = min(1, 2·min(less, greater)).
    ///
    /// Statistic: the observed mean difference (symbol "mean"). n/a: n < 2 (scipy refuses) or
    /// non-finite input. All differences zero → statistic 0, p = 1 (every sign pattern ties), with a reason.
    public static func permutation(
        _ differences: [Double], resamples: Int = 9_999, seed: UInt64 = 0, alternative: Alternative = .twoSided
    ) -> TestResult {
        let n = differences.count
        guard differences.allSatisfy(\.isFinite) else {
            return .notAvailable(test: "permutation", method: "exact", n: n, symbol: "mean", alternative: alternative, reason: "non-finite input")
        }
        guard n >= 2 else {
            return .notAvailable(test: "permutation", method: "exact", n: n, symbol: "mean", alternative: alternative,
                                 reason: n == 0 ? "no pairs" : "n < 2 (scipy refuses a one-observation sample)")
        }
        let nn = Double(n)
        var total = 0.0
        for v in differences { total += v }
        let observed = total / nn
        let gamma = tieTolerance(observed)
        let exact = n < 62 && (1 << n) <= max(resamples, 0)
        var countLess = 0, countGreater = 0, draws = 0
        if exact {
            draws = 1 << n
            for pattern in 0..<draws {
                var s = 0.0
                for i in 0..<n { s += (pattern >> i) & 1 == 1 ? -differences[i] : differences[i] }
                let m = s / nn
                if m <= observed + gamma { countLess += 1 }
                if m >= observed - gamma { countGreater += 1 }
            }
        } else {
            draws = max(resamples, 1)
            // Signed sums of each block of 4 differences for all 16 sign patterns, so one resample is
            // ⌈n/4⌉ table look-ups fed by 4 random bits each (8 per mt19937 word) instead of n
            // multiply-adds. The summation order differs from the observed sum's only by rounding
            // (≪ the data's resolution); ties with the observed value still use γ.
            let blocks = (n + 3) / 4
            var table = [Double](repeating: 0, count: blocks * 16)
            for b in 0..<blocks {
                for mask in 0..<16 {
                    var s = 0.0
                    for j in 0..<4 where b * 4 + j < n {
                        s += (mask >> j) & 1 == 1 ? differences[b * 4 + j] : -differences[b * 4 + j]
                    }
                    table[b * 16 + mask] = s
                }
            }
            let rng = GSLRandom(seed: seed)
            table.withUnsafeBufferPointer { t in
                for _ in 0..<draws {
                    var s = 0.0
                    var b = 0
                    while b < blocks {
                        var word = rng.bits32()
                        let end = min(blocks, b + 8)
                        while b < end {
                            s += t[b &* 16 &+ Int(word & 15)]
                            word >>= 4
                            b &+= 1
                        }
                    }
                    let m = s / nn
                    if m <= observed + gamma { countLess += 1 }
                    if m >= observed - gamma { countGreater += 1 }
                }
            }
        }
        let adjustment = exact ? 0 : 1
        let lessP = Double(countLess + adjustment) / Double(draws + adjustment)
        let greaterP = Double(countGreater + adjustment) / Double(draws + adjustment)
        let p: Double
        switch alternative {
        case .less: p = lessP
        case .greater: p = greaterP
        case .twoSided: p = min(1, 2 * min(lessP, greaterP))
        }
        var reason: String? = exact ? "all \(draws) sign patterns enumerated" : "\(draws) random sign patterns, seed \(seed)"
        if differences.allSatisfy({ $0 == 0 }) { reason = "all differences are zero: every sign pattern ties" }
        return TestResult(test: "permutation", method: exact ? "exact" : "monte-carlo", n: n, statistic: observed,
                          statisticSymbol: "mean", pValue: p, alternative: alternative, reason: reason)
    }
}
