import Foundation
import Testing
import CGSL
@testable import Statistics

/// Paired t, Wilcoxon, sign and McNemar against scipy 1.17.1 / statsmodels 0.15 goldens.
@Suite struct PairedGoldenTests {
    @Test func pairedTMatchesScipy() {
        let cases = Goldens.list("paired_t")
        #expect(cases.count >= 10)
        for c in cases {
            let id = c["id"] as! String
            let (r, ci) = PairedTests.t(Goldens.d(c), alternative: Goldens.alt(c), confidence: Goldens.num(c["confidence"])!)
            #expect(Tol.stat(r.statistic, Goldens.num(c["t"])), "\(id) t \(String(describing: r.statistic))")
            #expect(Tol.stat(r.df, Goldens.num(c["df"])), "\(id) df")
            #expect(Tol.p(r.pValue, Goldens.num(c["p"])), "\(id) p \(String(describing: r.pValue)) vs \(String(describing: c["p"]))")
            #expect(Tol.stat(ci.estimate, Goldens.num(c["mean"])), "\(id) mean")
            #expect(Tol.stat(ci.lower, Goldens.num(c["lower"])), "\(id) lower \(String(describing: ci.lower))")
            #expect(Tol.stat(ci.upper, Goldens.num(c["upper"])), "\(id) upper \(String(describing: ci.upper))")
        }
    }

    @Test func wilcoxonMatchesScipy() {
        let cases = Goldens.list("wilcoxon")
        #expect(cases.count >= 10)
        for c in cases {
            let id = c["id"] as! String
            let r = PairedTests.wilcoxon(
                Goldens.d(c), zeroMethod: ZeroMethod(rawValue: c["zero_method"] as! String)!,
                correction: c["correction"] as! Bool, alternative: Goldens.alt(c),
                method: WilcoxonMethod(rawValue: c["method"] as! String)!)
            #expect(Tol.stat(r.statistic, Goldens.num(c["statistic"])), "\(id) W \(String(describing: r.statistic))")
            #expect(Tol.p(r.pValue, Goldens.num(c["p"])), "\(id) p \(String(describing: r.pValue)) vs \(String(describing: c["p"]))")
            if let z = Goldens.num(c["z"]) {
                #expect(Tol.stat(r.z, z), "\(id) z \(String(describing: r.z)) vs \(z)")
            }
        }
    }

    /// The auto rule picks the documented method (labels are ours; scipy does not report them).
    @Test func wilcoxonAutoRule() {
        let d = Goldens.differences
        #expect(PairedTests.wilcoxon(d["cont50"]!).method == "exact")
        #expect(PairedTests.wilcoxon(d["cont51"]!).method == "approx")
        #expect(PairedTests.wilcoxon(d["ties8"]!).method == "permutation")
        #expect(PairedTests.wilcoxon(d["zeros10"]!).method == "permutation")
        #expect(PairedTests.wilcoxon(d["ties_zeros20"]!).method == "approx")
        #expect(PairedTests.wilcoxon(d["cont30"]!, method: .asymptotic).z != nil)
        #expect(PairedTests.wilcoxon(d["cont30"]!).z == nil)
    }

    @Test func signMatchesBinomtest() {
        let cases = Goldens.list("sign")
        #expect(cases.count >= 10)
        for c in cases {
            let id = c["id"] as! String
            let r = PairedTests.sign(Goldens.d(c), alternative: Goldens.alt(c))
            #expect(r.statistic == Goldens.num(c["k"]), "\(id) k")
            #expect(r.n == (c["n"] as! Int), "\(id) n")
            #expect(Tol.p(r.pValue, Goldens.num(c["p"])), "\(id) p \(String(describing: r.pValue)) vs \(String(describing: c["p"]))")
        }
    }

    @Test func mcnemarMatchesStatsmodels() {
        let cases = Goldens.list("mcnemar")
        #expect(cases.count >= 10)
        for c in cases {
            let id = c["id"] as! String
            let r = PairedTests.mcnemar(b: c["b"] as! Int, c: c["c"] as! Int, exact: c["exact"] as! Bool)
            #expect(Tol.stat(r.statistic, Goldens.num(c["statistic"])), "\(id) statistic \(String(describing: r.statistic))")
            #expect(Tol.p(r.pValue, Goldens.num(c["p"])), "\(id) p \(String(describing: r.pValue)) vs \(String(describing: c["p"]))")
        }
    }

    /// The exact Wilcoxon null distribution: sums to 1, symmetric, and matches hand-counted n = 3.
    @Test func wilcoxonDistributionSmallN() {
        let d3 = WilcoxonDistribution(n: 3)  // subsets of {1,2,3}: sums 0,1,2,3,3,4,5,6
        #expect(d3.pmf == [1, 1, 1, 2, 1, 1, 1].map { $0 / 8 })
        let d20 = WilcoxonDistribution(n: 20)
        #expect(abs(d20.pmf.reduce(0, +) - 1) < 1e-12)
        for k in 0..<d20.pmf.count { #expect(d20.pmf[k] == d20.pmf[d20.pmf.count - 1 - k]) }
        #expect(d20.cdf(0) == 1.0 / 1_048_576)
    }

    /// The DP carries probabilities, so 2ⁿ never overflows: with 1,100 unit weights it is the
    /// Binomial(1100, ½) pmf (checked against GSL's log-binomial coefficients).
    @Test func subsetSumPMFBeyondDoubleRangeOfCounts() {
        let p = WilcoxonDistribution.subsetSumPMF(weights: Array(repeating: 1, count: 1_100))
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        for k in [550, 500, 400] {
            let expected = exp(gsl_sf_lnchoose(1_100, UInt32(k)) - 1_100 * log(2.0))
            #expect(abs(p[k] - expected) <= 1e-9 * expected, "k \(k)")
        }
    }
}
