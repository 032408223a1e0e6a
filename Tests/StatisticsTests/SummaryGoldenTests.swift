import Testing
@testable import Statistics

/// Wilson CIs, effect sizes and multiple-comparison corrections against statsmodels 0.15 / numpy.
@Suite struct SummaryGoldenTests {
    @Test func wilsonMatchesStatsmodels() {
        let cases = Goldens.list("wilson")
        #expect(cases.count >= 10)
        for c in cases {
            let id = c["id"] as! String
            let ci = Proportion.wilson(successes: c["k"] as! Int, n: c["n"] as! Int, confidence: Goldens.num(c["confidence"])!)
            #expect(Tol.stat(ci.lower, Goldens.num(c["lower"])), "\(id) lower \(String(describing: ci.lower))")
            #expect(Tol.stat(ci.upper, Goldens.num(c["upper"])), "\(id) upper \(String(describing: ci.upper))")
            #expect(ci.estimate == Double(c["k"] as! Int) / Double(c["n"] as! Int))
        }
    }

    @Test func effectSizesMatchReference() {
        let doc = Goldens.cases("effect_sizes") as! [String: Any]
        let paired = doc["paired"] as! [[String: Any]]
        #expect(paired.count >= 10)
        for c in paired {
            let id = c["id"] as! String
            let d = Goldens.d(c)
            #expect(Tol.stat(EffectSize.cohensDz(d).value, Goldens.num(c["cohens_dz"])), "\(id) d_z")
            let rb = c["rank_biserial"] as! [String: Any]
            for zm in ZeroMethod.allCases {
                #expect(Tol.stat(EffectSize.rankBiserial(d, zeroMethod: zm).value, Goldens.num(rb[zm.rawValue])), "\(id) r_rb \(zm)")
            }
        }
        let odds = doc["mcnemar"] as! [[String: Any]]
        #expect(odds.count >= 10)
        for c in odds {
            let r = EffectSize.mcnemarOddsRatio(b: c["b"] as! Int, c: c["c"] as! Int)
            #expect(Tol.stat(r.value, Goldens.num(c["odds_ratio"])))
            #expect(!r.infinite)
        }
    }

    @Test func correctionsMatchMultipletests() {
        let doc = Goldens.cases("multiplicity") as! [String: Any]
        let families = doc["families"] as! [String: [Any]]
        let cases = doc["cases"] as! [[String: Any]]
        #expect(cases.count >= 40)
        for c in cases {
            let id = c["id"] as! String
            let p = families[c["family"] as! String]!.map { Goldens.num($0) }
            let method = CorrectionMethod(rawValue: c["method"] as! String)!
            let out = Multiplicity.adjust(p, method: method, alpha: Goldens.num(c["alpha"])!)
            let adjusted = (c["adjusted"] as! [Any]).map { Goldens.num($0) }
            let reject = (c["reject"] as! [Any]).map { $0 as? Bool }
            #expect(out.count == p.count, "\(id)")
            for i in 0..<out.count {
                #expect(Tol.stat(out[i].adjusted, adjusted[i], rel: 1e-12), "\(id)[\(i)] adjusted \(String(describing: out[i].adjusted))")
                #expect(out[i].reject == reject[i], "\(id)[\(i)] reject")
            }
        }
    }

    @Test func correctionRawValuesAreTheSpecNames() {
        #expect(CorrectionMethod(rawValue: "holm") == .holm)
        #expect(CorrectionMethod(rawValue: "bh") == .benjaminiHochberg)
        #expect(CorrectionMethod(rawValue: "bonferroni") == .bonferroni)
        #expect(CorrectionMethod(rawValue: "none") == CorrectionMethod.none)
    }
}
