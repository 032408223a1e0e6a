import Testing
@testable import Statistics

/// Friedman, Page (scipy 1.17.1) and Cochran's Q (statsmodels 0.15).
@Suite struct KSampleGoldenTests {
    static func rows(_ c: [String: Any]) -> [[Double]] { (c["rows"] as! [Any]).map { Goldens.doubles($0) } }

    @Test func friedmanMatchesScipy() {
        let cases = Goldens.list("friedman_page")
        #expect(cases.count >= 10)
        for c in cases {
            let id = c["id"] as! String
            let r = KSample.friedman(Self.rows(c))
            #expect(Tol.stat(r.statistic, Goldens.num(c["friedman_statistic"])), "\(id) χ² \(String(describing: r.statistic))")
            #expect(Tol.p(r.pValue, Goldens.num(c["friedman_p"])), "\(id) p \(String(describing: r.pValue)) vs \(String(describing: c["friedman_p"]))")
            #expect(r.df == Double(Self.rows(c)[0].count - 1))
        }
    }

    @Test func pageMatchesScipy() {
        var exactSeen = 0, count = 0
        for c in Goldens.list("friedman_page") {
            let id = c["id"] as! String
            for g in c["page"] as! [[String: Any]] {
                let method = PageMethod(rawValue: g["method"] as! String)!
                let predicted = (g["predicted"] as? [Int])
                let r = KSample.page(Self.rows(c), predictedRanks: predicted, method: method)
                let resolved = g["resolved"] as! String
                #expect(r.method == (resolved == "exact" ? "exact" : "approx"), "\(id) \(method) resolved")
                #expect(Tol.stat(r.statistic, Goldens.num(g["L"])), "\(id) \(method) L")
                #expect(Tol.p(r.pValue, Goldens.num(g["p"])), "\(id) \(method) p \(String(describing: r.pValue)) vs \(String(describing: g["p"]))")
                if resolved == "exact" { exactSeen += 1 }
                count += 1
            }
        }
        #expect(exactSeen >= 10)
        #expect(count >= 20)
    }

    @Test func cochranQMatchesStatsmodels() {
        let cases = Goldens.list("cochran_q")
        #expect(cases.count >= 10)
        for c in cases {
            let id = c["id"] as! String
            let rows = (c["rows"] as! [String]).map { $0.map { $0 == "1" } }
            let r = KSample.cochranQ(rows)
            #expect(Tol.stat(r.statistic, Goldens.num(c["statistic"])), "\(id) Q \(String(describing: r.statistic))")
            #expect(Tol.p(r.pValue, Goldens.num(c["p"])), "\(id) p \(String(describing: r.pValue)) vs \(String(describing: c["p"]))")
        }
    }
}
