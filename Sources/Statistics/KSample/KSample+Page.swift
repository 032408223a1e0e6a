/// How Page's L p-value is computed (scipy's `method`).
public enum PageMethod: String, Sendable, Codable, CaseIterable {
    /// scipy 1.17's rule: asymptotic if k > 8, or (n > 12 and k > 3), or n > 20; else exact.
    case auto
    case exact
    case asymptotic
}

extension KSample {
    /// Page's L test for a monotone trend across k ordered treatments, as
    /// `scipy.stats.page_trend_test(rows, predicted_ranks=, method=)` 1.17 (one-sided: the
    /// alternative is that treatment effects increase in the predicted order).
    ///
    /// Rows are ranked (average ranks), L = Σⱼ pⱼ Rⱼ with pⱼ the predicted rank of column j
    /// (default 1…k) and Rⱼ the column rank sums. Asymptotic: E₀ = n k (k+1)²/4,
    /// V₀ = n k² (k+1)(k² − 1)/144, p = 1 − Φ((L − E₀)/√V₀). Exact: the null distribution of L is the
    /// n-fold convolution of one row's L distribution over the k! equally likely rank permutations
    /// (Page 1963; scipy's recursion), p = P(L ≥ ⌊L_obs⌋) (scipy truncates a tied, non-integer L).
    /// `exact` is computed for k ≤ 10 only (k! permutations); beyond that it falls back to the
    /// asymptotic p with a reason. Symbol "L", `n` = rows.
    ///
    /// n/a: ragged rows, non-finite values, n < 2 or k < 3 (scipy refuses), predicted ranks not a
    /// permutation of 1…k.
    public static func page(_ rows: [[Double]], predictedRanks: [Int]? = nil, method: PageMethod = .auto) -> TestResult {
        func na(_ reason: String) -> TestResult {
            .notAvailable(test: "page", method: method.rawValue, n: rows.count, symbol: "L", alternative: .greater, reason: reason)
        }
        if let problem = shapeProblem(rows) { return na(problem) }
        guard rows.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return na("non-finite input") }
        let m = rows.count, k = rows[0].count
        guard m >= 2, k >= 3 else { return na("needs ≥ 2 rows and ≥ 3 columns") }
        let predicted = predictedRanks ?? Array(1...k)
        guard predicted.count == k, Set(predicted) == Set(1...k) else { return na("predicted ranks must be a permutation of 1…k") }
        var colSums = [Double](repeating: 0, count: k)
        for row in rows {
            let ranks = Ranking.averageRanks(row).ranks
            for j in 0..<k { colSums[j] += ranks[j] }
        }
        var L = 0.0
        for j in 0..<k { L += Double(predicted[j]) * colSums[j] }
        var resolved = method
        var reason: String? = nil
        if method == .auto {
            resolved = (k > 8 || (m > 12 && k > 3) || m > 20) ? .asymptotic : .exact
        }
        if resolved == .exact && k > 10 { resolved = .asymptotic; reason = "k > 10: exact distribution not computed, asymptotic p" }
        let p: Double
        if resolved == .exact {
            p = pageExactSF(Int(L), rows: m, k: k)
        } else {
            let mm = Double(m), kk = Double(k)
            let e0 = mm * kk * (kk + 1) * (kk + 1) / 4
            let v0 = mm * kk * kk * (kk + 1) * (kk * kk - 1) / 144
            p = Dist.normalSF((L - e0) / v0.squareRoot())
        }
        return TestResult(test: "page", method: resolved == .exact ? "exact" : "approx", n: m, statistic: L, statisticSymbol: "L",
                          pValue: p, alternative: .greater, reason: reason)
    }

    /// P(L ≥ l) for n rows of k columns under H₀ (exact, by convolution).
    static func pageExactSF(_ l: Int, rows n: Int, k: Int) -> Double {
        // One row: L₁ = Σ j·π(j) over permutations π of 1…k, between a = Σ j(k+1−j) and b = Σ j².
        let a = k * (k + 1) * (k + 2) / 6, b = k * (k + 1) * (2 * k + 1) / 6
        var single = [Double](repeating: 0, count: b - a + 1)
        var perm = Array(1...k)
        var factorial = 1.0
        for i in 2...k { factorial *= Double(i) }
        // Heap's algorithm over all k! permutations.
        func record() {
            var s = 0
            for j in 0..<k { s += (j + 1) * perm[j] }
            single[s - a] += 1
        }
        var c = [Int](repeating: 0, count: k)
        record()
        var i = 0
        while i < k {
            if c[i] < i {
                if i % 2 == 0 { perm.swapAt(0, i) } else { perm.swapAt(c[i], i) }
                record()
                c[i] += 1
                i = 0
            } else {
                c[i] = 0
                i += 1
            }
        }
        single = single.map { $0 / factorial }
        var dist = single  // offset n·a after n rows
        for _ in 1..<n {
            var next = [Double](repeating: 0, count: dist.count + single.count - 1)
            for (x, px) in dist.enumerated() where px != 0 {
                for (y, py) in single.enumerated() where py != 0 { next[x + y] += px * py }
            }
            dist = next
        }
        let offset = n * a
        let start = max(0, l - offset)
        guard start < dist.count else { return 0 }
        var s = 0.0
        for idx in stride(from: dist.count - 1, through: start, by: -1) { s += dist[idx] }
        return min(1, s)
    }
}
