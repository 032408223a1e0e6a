import Testing
@testable import Statistics

/// Pearson and Spearman against scipy 1.17.1.
@Suite struct CorrelationGoldenTests {
    @Test func pearsonAndSpearmanMatchScipy() {
        let cases = Goldens.list("correlation")
        #expect(cases.count >= 10)
        for c in cases {
            let id = c["id"] as! String
            let x = Goldens.doubles(c["x"]), y = Goldens.doubles(c["y"])
            for r in c["results"] as! [[String: Any]] {
                let alt = Goldens.alt(r)
                let p = Correlation.pearson(x, y, alternative: alt)
                let s = Correlation.spearman(x, y, alternative: alt)
                #expect(Tol.stat(p.statistic, Goldens.num(r["pearson_r"])), "\(id)/\(alt) r \(String(describing: p.statistic))")
                #expect(Tol.p(p.pValue, Goldens.num(r["pearson_p"])), "\(id)/\(alt) p_r \(String(describing: p.pValue)) vs \(String(describing: r["pearson_p"]))")
                #expect(Tol.stat(s.statistic, Goldens.num(r["spearman_rho"])), "\(id)/\(alt) rho \(String(describing: s.statistic))")
                #expect(Tol.p(s.pValue, Goldens.num(r["spearman_p"])), "\(id)/\(alt) p_rho \(String(describing: s.pValue)) vs \(String(describing: r["spearman_p"]))")
            }
        }
    }

    @Test func averageRanksLikeRankdata() {
        #expect(Correlation.averageRanks([3, 1, 4, 1, 5, 9, 2, 6, 5]) == [4, 1.5, 5, 1.5, 6.5, 9, 3, 8, 6.5])
        #expect(Correlation.averageRanks([]) == [])
        #expect(Correlation.averageRanks([7, 7, 7]) == [2, 2, 2])
    }
}
