extension Resampling {
    /// Two-sided bootstrap CI for the mean or median of paired differences, following
    /// `scipy.stats.bootstrap((d,), statistic, paired=True, method='percentile'|'BCa',
    /// n_resamples=resamples, confidence_level=confidence)` 1.17 (paired resampling of the pairs is
    /// resampling of their differences).
    ///
    /// Bootstrap distribution: `resamples` resamples of n indices drawn uniformly with replacement
    /// from gsl mt19937 seeded with `seed` (`GSLRandom.fillIndices`: unbiased, several indices per
    /// 32-bit word), each histogrammed over the sorted data: the mean is Σ countᵢ·valueᵢ / n and the
    /// median is read off the cumulative counts — O(n) per resample for both (no sort per
    /// resample), O(n·B) in all, plus one O(n log n) sort and one O(B log B) sort. Measured (release
    /// build, this project's 2-core CI machine): see `docs/statistics.md` — use `bootstrapAll` to
    /// get mean and median, percentile and BCa, from one set of draws.
    ///
    /// Percentile: [Q(α/2), Q(1 − α/2)], α = 1 − confidence, Q the linear-interpolation quantile
    /// (`scipy.stats.quantile(method='linear')`, Hyndman–Fan type 7).
    ///
    /// BCa: ẑ₀ = Φ⁻¹((#{θ*_b < θ̂} + #{θ*_b ≤ θ̂}) / 2B); jackknife θ̂₍ᵢ₎, Uᵢ = (n−1)(θ̂₍·₎ − θ̂₍ᵢ₎),
    /// â = Σ Uᵢ³ / (6 (Σ Uᵢ²)^{3/2}); αₖ = Φ(ẑ₀ + (ẑ₀ + z_k)/(1 − â(ẑ₀ + z_k))) for z_k = Φ⁻¹(α/2),
    /// Φ⁻¹(1 − α/2); CI = [Q(α₁), Q(α₂)]. The jackknife is O(n) for the mean (θ̂₍ᵢ₎ = (S − dᵢ)/(n−1))
    /// and O(n) after the one sort for the median (a leave-one-out median takes at most 3 values,
    /// decided by the left-out value's sorted position).
    ///
    /// Estimate: the statistic on the data. n/a: no pairs or n = 1 ("n < 2"), non-finite input,
    /// `resamples` < 1, confidence outside (0, 1); BCa also when ẑ₀ is infinite (the observed
    /// statistic lies outside the bootstrap distribution) or â is undefined (all jackknife values
    /// equal, e.g. constant data) — scipy returns NaN with a DegenerateDataWarning there.
    /// Constant data with percentile → [c, c].
    public static func bootstrap(
        _ differences: [Double], statistic: BootstrapStatistic = .mean, method: BootstrapMethod = .bca,
        resamples: Int = 2_000, seed: UInt64 = 0, confidence: Double = 0.95
    ) -> Interval {
        let label = method.rawValue
        func na(_ reason: String, estimate: Double? = nil) -> Interval {
            Interval(estimate: estimate, lower: nil, upper: nil, level: confidence, method: label, reason: reason)
        }
        guard differences.allSatisfy(\.isFinite) else { return na("non-finite input") }
        guard !differences.isEmpty else { return na("no pairs") }
        let sorted = differences.sorted()
        let n = sorted.count
        let estimate = statistic == .mean ? Descriptive.mean(differences) : Descriptive.median(sorted)
        guard n >= 2 else { return na("n < 2", estimate: estimate) }
        guard resamples >= 1 else { return na("resamples < 1", estimate: estimate) }
        guard confidence > 0, confidence < 1 else { return na("confidence outside (0, 1)", estimate: estimate) }

        let draws = bootstrapDistributions(sorted: sorted, mean: statistic == .mean, median: statistic == .median,
                                           resamples: resamples, seed: seed)
        return interval(distribution: statistic == .mean ? draws.mean : draws.median, estimate: estimate, sorted: sorted,
                        statistic: statistic, method: method, resamples: resamples, seed: seed, confidence: confidence)
    }

    /// Percentile and BCa intervals for both the mean and the median from **one** bootstrap
    /// distribution per statistic, drawn from one shared set of resamples — identical to the four
    /// separate `bootstrap` calls with the same `seed` and `resamples`, at about the cost of one.
    /// Same n/a rules as `bootstrap`.
    public static func bootstrapAll(
        _ differences: [Double], resamples: Int = 2_000, seed: UInt64 = 0, confidence: Double = 0.95
    ) -> BootstrapIntervals {
        func each(_ f: (BootstrapStatistic, BootstrapMethod) -> Interval) -> BootstrapIntervals {
            BootstrapIntervals(meanPercentile: f(.mean, .percentile), meanBCa: f(.mean, .bca),
                               medianPercentile: f(.median, .percentile), medianBCa: f(.median, .bca))
        }
        guard differences.count >= 2, differences.allSatisfy(\.isFinite), resamples >= 1, confidence > 0, confidence < 1 else {
            return each { bootstrap(differences, statistic: $0, method: $1, resamples: resamples, seed: seed, confidence: confidence) }
        }
        let sorted = differences.sorted()
        let draws = bootstrapDistributions(sorted: sorted, mean: true, median: true, resamples: resamples, seed: seed)
        let estimates = (mean: Descriptive.mean(differences), median: Descriptive.median(sorted))
        return each { statistic, method in
            interval(distribution: statistic == .mean ? draws.mean : draws.median,
                     estimate: statistic == .mean ? estimates.mean : estimates.median, sorted: sorted,
                     statistic: statistic, method: method, resamples: resamples, seed: seed, confidence: confidence)
        }
    }

    /// The CI from an (unsorted) bootstrap distribution; see `bootstrap`.
    static func interval(
        distribution unsorted: [Double], estimate: Double, sorted: [Double], statistic: BootstrapStatistic,
        method: BootstrapMethod, resamples: Int, seed: UInt64, confidence: Double
    ) -> Interval {
        let label = method.rawValue
        func na(_ reason: String) -> Interval {
            Interval(estimate: estimate, lower: nil, upper: nil, level: confidence, method: label, reason: reason)
        }
        let distribution = unsorted.sorted()
        let alpha = (1 - confidence) / 2
        var levels = (alpha, 1 - alpha)
        if method == .bca {
            var below = 0, atOrBelow = 0
            for v in distribution {
                if v < estimate { below += 1 }
                if v <= estimate { atOrBelow += 1 }
            }
            let fraction = Double(below + atOrBelow) / Double(2 * resamples)
            guard fraction > 0, fraction < 1 else {
                return na("BCa undefined: observed statistic outside the bootstrap distribution")
            }
            let z0 = Dist.normalQuantile(fraction)
            guard let a = acceleration(sorted: sorted, statistic: statistic) else {
                return na("BCa undefined: jackknife values all equal (acceleration 0/0)")
            }
            let zAlpha = Dist.normalQuantile(alpha)
            let num1 = z0 + zAlpha, num2 = z0 - zAlpha
            levels = (Dist.normalCDF(z0 + num1 / (1 - a * num1)), Dist.normalCDF(z0 + num2 / (1 - a * num2)))
            guard levels.0.isFinite, levels.1.isFinite else { return na("BCa undefined: non-finite adjusted levels") }
        }
        return Interval(estimate: estimate, lower: quantile(sortedValues: distribution, levels.0),
                        upper: quantile(sortedValues: distribution, levels.1), level: confidence, method: label,
                        reason: "\(resamples) resamples, seed \(seed)")
    }

    /// Bootstrap distributions of the mean and/or the median from one shared set of draws (unsorted,
    /// in draw order; an unrequested statistic comes back empty). Resample b draws n indices into
    /// the sorted data (`GSLRandom.fillIndices`), histograms them, and reads the mean as
    /// Σ countᵢ·valueᵢ / n and the median from the cumulative counts.
    static func bootstrapDistributions(
        sorted: [Double], mean wantMean: Bool, median wantMedian: Bool, resamples: Int, seed: UInt64
    ) -> (mean: [Double], median: [Double]) {
        let n = sorted.count
        let rng = GSLRandom(seed: seed)
        var means = [Double](repeating: 0, count: wantMean ? resamples : 0)
        var medians = [Double](repeating: 0, count: wantMedian ? resamples : 0)
        var counts = [Int32](repeating: 0, count: n)
        var indices = [Int32](repeating: 0, count: n)
        let nn = Double(n)
        let lowMid = (n - 1) / 2, highMid = n / 2  // 0-based order statistics averaged for the median
        sorted.withUnsafeBufferPointer { s in
            counts.withUnsafeMutableBufferPointer { c in
                indices.withUnsafeMutableBufferPointer { idx in
                    for b in 0..<resamples {
                        rng.fillIndices(idx, bound: n)
                        for i in 0..<n { c[i] = 0 }
                        for j in 0..<n { c[Int(idx[j])] += 1 }
                        if wantMean {
                            var sum = 0.0
                            for i in 0..<n { sum += Double(c[i]) * s[i] }
                            means[b] = sum / nn
                        }
                        if wantMedian {
                            var cumulative = 0
                            var low = 0.0, high = 0.0
                            var i = 0
                            while true {
                                let next = cumulative + Int(c[i])
                                if cumulative <= lowMid && lowMid < next { low = s[i] }
                                if cumulative <= highMid && highMid < next { high = s[i]; break }
                                cumulative = next
                                i += 1
                            }
                            medians[b] = (low + high) / 2
                        }
                    }
                }
            }
        }
        return (means, medians)
    }

    /// BCa acceleration â from the jackknife; `nil` when Σ U² = 0.
    static func acceleration(sorted: [Double], statistic: BootstrapStatistic) -> Double? {
        let n = sorted.count
        var jack = [Double](repeating: 0, count: n)
        switch statistic {
        case .mean:
            var total = 0.0
            for v in sorted { total += v }
            for i in 0..<n { jack[i] = (total - sorted[i]) / Double(n - 1) }
        case .median:
            // Leave out sorted position j; the remaining value of rank r is sorted[r < j ? r : r + 1].
            let m = n - 1
            for j in 0..<n {
                func remaining(_ r: Int) -> Double { sorted[r < j ? r : r + 1] }
                jack[j] = m % 2 == 1 ? remaining(m / 2) : (remaining(m / 2 - 1) + remaining(m / 2)) / 2
            }
        }
        let dot = Descriptive.mean(jack)
        var s2 = 0.0, s3 = 0.0
        let scale = Double(n - 1)
        for v in jack {
            let u = scale * (dot - v)
            s2 += u * u; s3 += u * u * u
        }
        let nn = Double(n)
        let den = s2 / (nn * nn)
        guard den > 0 else { return nil }
        let a = (s3 / (nn * nn * nn)) / (6 * den * den.squareRoot())
        return a.isFinite ? a : nil
    }

    /// Linear-interpolation (type 7) quantile of sorted values at level p ∈ [0, 1].
    static func quantile(sortedValues x: [Double], _ p: Double) -> Double {
        let h = Double(x.count - 1) * min(1, max(0, p))
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }
}
