import Foundation
import Testing
@testable import Statistics

/// Every degenerate input yields a defined result: `nil` (n/a) with a reason, never NaN, never a
/// crash or a GSL abort.
@Suite struct DegenerateCaseTests {
    static let nan = Double.nan

    @Test func pairedT() {
        let (empty, emptyCI) = PairedTests.t([])
        #expect(empty.statistic == nil && empty.pValue == nil && empty.reason == "no pairs")
        #expect(emptyCI.estimate == nil && emptyCI.lower == nil)
        let (one, oneCI) = PairedTests.t([0.4])
        #expect(one.pValue == nil && one.reason != nil && oneCI.estimate == 0.4 && oneCI.lower == nil)
        let (constant, constantCI) = PairedTests.t([0.5, 0.5, 0.5])
        #expect(constant.statistic == nil && constant.pValue == nil && constant.df == 2)
        #expect(constantCI.lower == 0.5 && constantCI.upper == 0.5)
        let (zero, _) = PairedTests.t([0, 0, 0])
        #expect(zero.pValue == nil && zero.reason?.contains("zero variance") == true)
        let (bad, _) = PairedTests.t([1, Self.nan, 2])
        #expect(bad.pValue == nil && bad.reason == "non-finite input")
        #expect(PairedTests.t([1, 2, 3], confidence: 1).0.reason == "confidence outside (0, 1)")
        let (_, oneSided) = PairedTests.t([1, 2, 3], alternative: .greater)
        #expect(oneSided.upper == nil && oneSided.lower != nil && oneSided.reason != nil)
    }

    @Test func wilcoxon() {
        #expect(PairedTests.wilcoxon([]).pValue == nil)
        for zm in ZeroMethod.allCases {
            for method in WilcoxonMethod.allCases {
                let r = PairedTests.wilcoxon([0, 0, 0], zeroMethod: zm, method: method)
                #expect(r.statistic == nil && r.pValue == nil && r.reason == "all differences are zero", "\(zm) \(method)")
            }
        }
        #expect(PairedTests.wilcoxon([1, .infinity]).reason == "non-finite input")
        // n = 1, one non-zero difference: exact, p = 1 two-sided, ½ one-sided.
        #expect(PairedTests.wilcoxon([2]).pValue == 1)
        #expect(PairedTests.wilcoxon([2], alternative: .greater).pValue == 0.5)
        // Only one non-zero among zeros: defined (permutation branch).
        let r = PairedTests.wilcoxon([0, 0, 3])
        #expect(r.pValue == 1 && r.n == 1)
    }

    @Test func signAndMcNemar() {
        #expect(PairedTests.sign([]).reason == "no pairs")
        #expect(PairedTests.sign([0, 0]).reason == "all differences are zero" && PairedTests.sign([0, 0]).n == 0)
        #expect(PairedTests.sign([1]).pValue == 1)
        for exact in [true, false] {
            let r = PairedTests.mcnemar(b: 0, c: 0, exact: exact)
            #expect(r.statistic == nil && r.pValue == nil && r.reason?.contains("b + c = 0") == true)
            #expect(PairedTests.mcnemar(b: -1, c: 3, exact: exact).pValue == nil)
        }
    }

    @Test func effectSizes() {
        #expect(EffectSize.cohensDz([]).value == nil)
        #expect(EffectSize.cohensDz([1]).reason == "n < 2")
        #expect(EffectSize.cohensDz([2, 2, 2]).value == nil)
        #expect(EffectSize.cohensDz([1, Self.nan]).reason == "non-finite input")
        for zm in ZeroMethod.allCases {
            #expect(EffectSize.rankBiserial([0, 0], zeroMethod: zm).value == nil)
            #expect(EffectSize.rankBiserial([1, 2, 0], zeroMethod: zm).value! > 0)
        }
        #expect(EffectSize.rankBiserial([]).value == nil)
        #expect(EffectSize.rankBiserial([-1, -2]).value == -1)
        let inf = EffectSize.mcnemarOddsRatio(b: 4, c: 0)
        #expect(inf.value == nil && inf.infinite && inf.reason != nil)
        let none = EffectSize.mcnemarOddsRatio(b: 0, c: 0)
        #expect(none.value == nil && !none.infinite && none.reason != nil)
        #expect(EffectSize.mcnemarOddsRatio(b: 0, c: 5).value == 0)
    }

    @Test func wilson() {
        #expect(Proportion.wilson(successes: 0, n: 0).lower == nil)
        #expect(Proportion.wilson(successes: 0, n: 0).reason == "n = 0")
        #expect(Proportion.wilson(successes: 5, n: 3).estimate == nil)
        #expect(Proportion.wilson(successes: 1, n: 3, confidence: 1).lower == nil)
        let zero = Proportion.wilson(successes: 0, n: 20)
        #expect(zero.lower! >= 0 && zero.lower! < 1e-12 && zero.upper! > 0)
    }

    @Test func multiplicity() {
        for method in CorrectionMethod.allCases {
            #expect(Multiplicity.adjust([], method: method).isEmpty)
            let allNA = Multiplicity.adjust([nil, nil], method: method)
            #expect(allNA.allSatisfy { $0.adjusted == nil && $0.reject == nil })
            // NaN and out-of-range p-values are n/a and do not count towards m.
            let mixed = Multiplicity.adjust([0.01, Self.nan, 1.5, 0.02], method: method)
            #expect(mixed[1].adjusted == nil && mixed[2].adjusted == nil && mixed[1].reject == nil)
            if method == .bonferroni { #expect(mixed[0].adjusted == 0.02 && mixed[3].adjusted == 0.04) }
        }
    }

    @Test func correlation() {
        for f in [Correlation.pearson, Correlation.spearman] {
            #expect(f([], [], .twoSided).statistic == nil)
            #expect(f([1], [2], .twoSided).reason == "n < 2")
            #expect(f([1, 2, 3], [1, 2], .twoSided).reason == "x and y differ in length")
            let constant = f([1, 1, 1, 1], [1, 2, 3, 4], .twoSided)
            #expect(constant.statistic == nil && constant.pValue == nil && constant.reason?.contains("constant") == true)
            #expect(f([1, 2, Self.nan], [1, 2, 3], .twoSided).reason == "non-finite input")
        }
        let p2 = Correlation.pearson([1, 2], [3, 1])
        #expect(p2.statistic == -1 && p2.pValue == 1 && p2.reason != nil)
        let s2 = Correlation.spearman([1, 2], [3, 1])
        #expect(s2.statistic == -1 && s2.pValue == nil && s2.reason != nil)
        // Perfect monotone association: ρ = 1, p = 0 (t = ∞), no NaN.
        let s = Correlation.spearman([1, 2, 3, 4, 5], [2, 4, 8, 16, 32])
        #expect(s.statistic == 1 && s.pValue == 0)
        #expect(Correlation.spearman([1, 2, 3, 4, 5], [2, 4, 8, 16, 32], alternative: .less).pValue == 1)
    }

    @Test func resampling() {
        #expect(Resampling.permutation([]).pValue == nil)
        #expect(Resampling.permutation([0.3]).pValue == nil)
        #expect(Resampling.permutation([1, Self.nan, 2]).reason == "non-finite input")
        let zeros = Resampling.permutation([0, 0, 0, 0, 0], resamples: 10)
        #expect(zeros.method == "monte-carlo" && zeros.pValue == 1 && zeros.statistic == 0)
        for method in BootstrapMethod.allCases {
            for statistic in BootstrapStatistic.allCases {
                #expect(Resampling.bootstrap([], statistic: statistic, method: method).estimate == nil)
                let one = Resampling.bootstrap([0.7], statistic: statistic, method: method)
                #expect(one.estimate == 0.7 && one.lower == nil && one.reason == "n < 2")
                #expect(Resampling.bootstrap([1, 2], statistic: statistic, method: method, resamples: 0).lower == nil)
                #expect(Resampling.bootstrap([1, .infinity], statistic: statistic, method: method).reason == "non-finite input")
            }
        }
        let flatPercentile = Resampling.bootstrap([2, 2, 2, 2], method: .percentile, resamples: 100)
        #expect(flatPercentile.lower == 2 && flatPercentile.upper == 2)
        let flatBCa = Resampling.bootstrap([2, 2, 2, 2], method: .bca, resamples: 100)
        #expect(flatBCa.lower == nil && flatBCa.estimate == 2 && flatBCa.reason?.contains("BCa undefined") == true)
    }

    @Test func kSample() {
        #expect(KSample.friedman([]).reason == "no blocks")
        #expect(KSample.friedman([[1, 2, 3], [1, 2]]).reason == "rows differ in length")
        #expect(KSample.friedman([[1, 2], [2, 1]]).reason == "k < 3 treatments")
        #expect(KSample.friedman([[1, 1, 1], [2, 2, 2]]).reason == "every block is entirely tied")
        #expect(KSample.friedman([[1, Self.nan, 2]]).reason == "non-finite input")
        #expect(KSample.cochranQ([]).pValue == nil)
        #expect(KSample.cochranQ([[true, true], [false, false]]).pValue == nil)
        #expect(KSample.cochranQ([[true], [false]]).reason == "k < 2 treatments")
        #expect(KSample.page([[1, 2, 3]]).pValue == nil)
        #expect(KSample.page([[1, 2], [2, 1]]).pValue == nil)
        #expect(KSample.page([[1, 2, 3], [1, 3, 2]], predictedRanks: [1, 1, 2]).pValue == nil)
        // All-tied rows: L at its mean; defined p.
        let tied = KSample.page([[1, 1, 1], [2, 2, 2]], method: .asymptotic)
        #expect(tied.statistic == 24 && tied.pValue == 0.5)
    }

    /// Nothing any function returns on a degenerate input is NaN or infinite.
    @Test func noNonFiniteNumbersEscape() {
        let inputs: [[Double]] = [[], [0], [1], [0, 0], [1, 1], [Self.nan], [.infinity, 1], [1e308, -1e308, 1e308], [5e-324, -5e-324]]
        var results: [TestResult] = []
        var intervals: [Interval] = []
        for d in inputs {
            for alt in Alternative.allCases {
                let (t, ci) = PairedTests.t(d, alternative: alt)
                results += [t, PairedTests.wilcoxon(d, alternative: alt), PairedTests.sign(d, alternative: alt),
                            Resampling.permutation(d, resamples: 50, alternative: alt),
                            Correlation.pearson(d, d.reversed(), alternative: alt), Correlation.spearman(d, d, alternative: alt)]
                intervals.append(ci)
            }
            for method in BootstrapMethod.allCases { intervals.append(Resampling.bootstrap(d, method: method, resamples: 50)) }
        }
        for r in results {
            for v in [r.statistic, r.df, r.pValue, r.z] { #expect(v.map(\.isFinite) ?? true, "\(r)") }
            if r.statistic == nil || r.pValue == nil { #expect(r.reason != nil, "\(r)") }
        }
        for i in intervals {
            for v in [i.estimate, i.lower, i.upper] { #expect(v.map(\.isFinite) ?? true, "\(i)") }
            if i.lower == nil && i.upper == nil { #expect(i.reason != nil, "\(i)") }
        }
    }
}
