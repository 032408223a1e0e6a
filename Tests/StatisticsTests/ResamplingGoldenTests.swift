import Foundation
import Testing
@testable import Statistics

/// Sign-flip permutation test and bootstrap CIs against scipy 1.17.1.
@Suite struct ResamplingGoldenTests {
    /// Exact enumeration (2ⁿ ≤ resamples) must reproduce scipy's exact p-value.
    @Test func exactPermutationMatchesScipy() {
        let cases = Goldens.list("permutation").filter { ($0["kind"] as! String) == "exact" }
        #expect(cases.count >= 10)
        for c in cases {
            let id = c["id"] as! String
            let r = Resampling.permutation(Goldens.d(c), resamples: c["resamples"] as! Int, seed: 1, alternative: Goldens.alt(c))
            #expect(r.method == "exact", "\(id)")
            #expect(Tol.stat(r.statistic, Goldens.num(c["statistic"])), "\(id) mean")
            #expect(Tol.p(r.pValue, Goldens.num(c["p"])), "\(id) p \(String(describing: r.pValue)) vs \(String(describing: c["p"]))")
        }
    }

    /// Monte Carlo p̂ = (X + 1)/(B + 1) with X ~ Binomial(B, p). Tolerance: 5 binomial standard
    /// deviations of our estimate (B = 20,000) combined with the reference's own MC spread (0 when
    /// the reference is an exact enumeration, else B_ref = 2·10⁶), plus 2/(B + 1) for the +1
    /// adjustment; for two-sided p = 2·min(one-sided), the SD is 2·√(q(1−q)/B) with q = p/2.
    @Test func monteCarloPermutationWithinBinomialTolerance() {
        let cases = Goldens.list("permutation").filter { ($0["kind"] as! String) == "monte-carlo" }
        #expect(cases.count >= 10)
        let B = 20_000
        for c in cases {
            let id = c["id"] as! String
            let alt = Goldens.alt(c)
            let r = Resampling.permutation(Goldens.d(c), resamples: B, seed: 2026, alternative: alt)
            #expect(r.method == "monte-carlo", "\(id)")
            let ref = Goldens.num(c["p"])!
            let refB = Double(c["reference_resamples"] as! Int)
            let refExact = (c["reference_kind"] as! String) == "exact"
            func sd(_ b: Double) -> Double {
                if alt == .twoSided { let q = ref / 2; return 2 * (q * (1 - q) / b).squareRoot() }
                return (ref * (1 - ref) / b).squareRoot()
            }
            let combined = (pow(sd(Double(B)), 2) + (refExact ? 0 : pow(sd(refB), 2))).squareRoot()
            let tol = 5 * combined + 2 / Double(B + 1)
            #expect(abs(r.pValue! - ref) <= tol, "\(id) p \(r.pValue!) vs \(ref) (tol \(tol))")
            #expect(Tol.stat(r.statistic, Goldens.num(c["statistic"])), "\(id) mean")
        }
    }

    /// Bootstrap CI bounds vs scipy.stats.bootstrap with 200,000 resamples (rng 11); ours uses
    /// 20,000 (seed 5). Both are Monte Carlo estimates of the same quantiles. The SD of a sample
    /// quantile at level p from B draws is ≈ σ_b·√(p(1−p))/φ(z_p) (σ_b = bootstrap SE, normal
    /// density approximation); at p = 0.01 — conservative for the 2.5 % / 97.5 % levels and for BCa
    /// levels ≥ 1 % — that factor is 3.73. BCa adds the spread of ẑ₀ (SD ≈ 1.25/√B in z units,
    /// moving the quantile by ≈ 2·that·σ_b). Tolerance = 5·σ_b·√(1/B + 1/B_ref)·√(3.73² + [BCa] 2.5²),
    /// plus, for the median (a discrete bootstrap distribution), the largest gap between adjacent
    /// sorted data values inside the reference CI widened by σ_b (one atom of the distribution).
    @Test func bootstrapWithinMonteCarloTolerance() {
        let cases = Goldens.list("bootstrap")
        #expect(cases.count >= 10)
        let B = 20_000
        for c in cases {
            let id = c["id"] as! String
            let d = Goldens.d(c)
            let statistic = BootstrapStatistic(rawValue: c["statistic"] as! String)!
            let method = BootstrapMethod(rawValue: c["method"] as! String)!
            let ci = Resampling.bootstrap(d, statistic: statistic, method: method, resamples: B, seed: 5,
                                          confidence: Goldens.num(c["confidence"])!)
            #expect(Tol.stat(ci.estimate, Goldens.num(c["estimate"])), "\(id) estimate")
            guard let lo = Goldens.num(c["lower"]), let hi = Goldens.num(c["upper"]),
                  let ourLo = ci.lower, let ourHi = ci.upper else {
                Issue.record("\(id): missing bound (ours \(String(describing: ci.lower)), \(String(describing: ci.upper)))")
                continue
            }
            let se = Goldens.num(c["standard_error"])!
            let refB = Double(c["reference_resamples"] as! Int)
            let factor = (3.73 * 3.73 + (method == .bca ? 2.5 * 2.5 : 0)).squareRoot()
            var tol = 5 * se * (1 / Double(B) + 1 / refB).squareRoot() * factor
            if statistic == .median {
                let s = d.sorted().filter { $0 >= lo - se && $0 <= hi + se }
                var gap = 0.0
                for i in s.indices.dropFirst() { gap = max(gap, s[i] - s[i - 1]) }
                tol += gap
            }
            #expect(abs(ourLo - lo) <= tol, "\(id) lower \(ourLo) vs \(lo) (tol \(tol))")
            #expect(abs(ourHi - hi) <= tol, "\(id) upper \(ourHi) vs \(hi) (tol \(tol))")
        }
    }

    /// The histogram-based resampler gives the same mean/median as computing them directly from
    /// the same index draws (replayed from the same seed).
    @Test func bootstrapDistributionMatchesDirectComputation() {
        for sorted in [[-1.5, -0.2, 0.0, 0.3, 0.3, 0.9, 2.0], (0..<300).map { Double(($0 * 37) % 101) / 7 }.sorted()] {
            let n = sorted.count
            let draws = Resampling.bootstrapDistributions(sorted: sorted, mean: true, median: true, resamples: 40, seed: 9)
            let rng = GSLRandom(seed: 9)
            var idx = [Int32](repeating: 0, count: n)
            for b in 0..<40 {
                idx.withUnsafeMutableBufferPointer { rng.fillIndices($0, bound: n) }
                let sample = idx.map { sorted[Int($0)] }.sorted()
                #expect(abs(draws.mean[b] - Descriptive.mean(sample)) <= 1e-12 * max(1, abs(draws.mean[b])), "n \(n) mean \(b)")
                #expect(draws.median[b] == Descriptive.median(sample), "n \(n) median \(b)")
            }
        }
    }

    /// Batched index generation is uniform: counts over 0..<n for several n (1, 2, 3, 10, 1625,
    /// 1626, 10,000 — covering 8, 8, 8, 8, 3, 2 and 2 indices per word) pass a χ² test at
    /// p > 1e-6 (a fixed seed, so the check is deterministic; a biased generator fails it).
    @Test func fillIndicesIsUniformAndInRange() {
        for n in [1, 2, 3, 10, 1625, 1626, 10_000] {
            let rng = GSLRandom(seed: 77)
            let perBin = 60
            var out = [Int32](repeating: -1, count: n * perBin + 3)  // not a multiple of k: exercises the tail
            out.withUnsafeMutableBufferPointer { rng.fillIndices($0, bound: n) }
            #expect(out.allSatisfy { $0 >= 0 && Int($0) < n }, "n \(n) range")
            guard n > 1 else { continue }
            var counts = [Double](repeating: 0, count: n)
            for v in out { counts[Int(v)] += 1 }
            let expected = Double(out.count) / Double(n)
            let chi2 = counts.reduce(0) { $0 + ($1 - expected) * ($1 - expected) / expected }
            #expect(Dist.chi2SF(chi2, df: Double(n - 1)) > 1e-6, "n \(n) χ² \(chi2)")
        }
    }

    /// `bootstrapAll` equals four separate `bootstrap` calls with the same seed.
    @Test func bootstrapAllEqualsSeparateCalls() {
        for d in [Goldens.differences["skew40"]!, Goldens.differences["ties8"]!, [1.0], [2.0, 2.0, 2.0]] {
            let all = Resampling.bootstrapAll(d, resamples: 300, seed: 12)
            #expect(all.meanPercentile == Resampling.bootstrap(d, statistic: .mean, method: .percentile, resamples: 300, seed: 12))
            #expect(all.meanBCa == Resampling.bootstrap(d, statistic: .mean, method: .bca, resamples: 300, seed: 12))
            #expect(all.medianPercentile == Resampling.bootstrap(d, statistic: .median, method: .percentile, resamples: 300, seed: 12))
            #expect(all.medianBCa == Resampling.bootstrap(d, statistic: .median, method: .bca, resamples: 300, seed: 12))
        }
    }

    /// The O(n) leave-one-out medians equal brute-force jackknife medians (odd and even n, ties).
    @Test func jackknifeMedianShortcutMatchesBruteForce() {
        for data in [[3.0, 1, 4, 1, 5, 9, 2, 6], [3.0, 1, 4, 1, 5, 9, 2], [2.0, 2, 2, 1], [0.5, -0.5]] {
            let sorted = data.sorted()
            var jack: [Double] = []
            for i in sorted.indices {
                var rest = sorted; rest.remove(at: i)
                jack.append(Descriptive.median(rest))
            }
            let dot = Descriptive.mean(jack)
            let n = Double(sorted.count)
            var s2 = 0.0, s3 = 0.0
            for v in jack { let u = (n - 1) * (dot - v); s2 += u * u; s3 += u * u * u }
            let expected: Double? = s2 > 0 ? (s3 / (n * n * n)) / (6 * pow(s2 / (n * n), 1.5)) : nil
            let got = Resampling.acceleration(sorted: sorted, statistic: .median)
            if let expected, let got { #expect(abs(got - expected) <= 1e-12 * max(1, abs(expected)), "\(data)") }
            else { #expect(got == nil && expected == nil, "\(data)") }
        }
    }

    /// scipy's +1 for randomized tests: with 30 positive differences no random sign pattern (chance
    /// 2⁻³⁰ each) reaches the observed mean, so p = (0 + 1)/(B + 1) exactly; enumeration has no +1.
    @Test func monteCarloPValueCountsTheObservedArrangement() {
        let d = (1...30).map { Double($0) / 10 }
        #expect(Resampling.permutation(d, resamples: 999, seed: 4, alternative: .greater).pValue == 1.0 / 1000)
        #expect(Resampling.permutation(d, resamples: 999, seed: 4).pValue == 2.0 / 1000)
        #expect(Resampling.permutation(d, resamples: 999, seed: 4, alternative: .less).pValue == 1)
        let small = [0.1, 0.2, 0.3, 0.4, 0.5]
        #expect(Resampling.permutation(small, resamples: 32, alternative: .greater).pValue == 1.0 / 32)
    }

    @Test func seededRunsAreReproducible() {
        let d = Goldens.differences["large200"]!
        #expect(Resampling.permutation(d, resamples: 999, seed: 3) == Resampling.permutation(d, resamples: 999, seed: 3))
        #expect(Resampling.bootstrap(d, statistic: .median, resamples: 500, seed: 3) == Resampling.bootstrap(d, statistic: .median, resamples: 500, seed: 3))
        #expect(Resampling.bootstrap(d, resamples: 500, seed: 3).lower != Resampling.bootstrap(d, resamples: 500, seed: 4).lower)
    }
}
