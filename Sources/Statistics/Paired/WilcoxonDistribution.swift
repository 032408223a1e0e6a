/// Exact null distribution of the Wilcoxon signed-rank statistic T⁺ for ranks 1…n without ties:
/// every one of the 2ⁿ sign patterns is equally likely, so P(T⁺ = k) = c(n, k) / 2ⁿ where
/// c(n, k) counts the subsets of {1,…,n} summing to k. Built by dynamic programming over rank
/// sums (add rank j: c_j(k) = c_{j−1}(k) + c_{j−1}(k − j)), carried as probabilities (halved at each
/// step; exact binary fractions while the counts fit in 53 bits, i.e. n ≲ 60, rounding-accurate
/// beyond); O(n³) time, O(n²) memory. Same distribution as scipy's `_get_wilcoxon_distr` (1.17).
struct WilcoxonDistribution: Sendable {
    let n: Int
    /// pmf[k] for k = 0 … n(n+1)/2.
    let pmf: [Double]

    init(n: Int) {
        self.n = n
        pmf = WilcoxonDistribution.subsetSumPMF(weights: (0..<n).map { $0 + 1 })
    }

    /// PMF of Σ wᵢ·Bᵢ, Bᵢ iid Bernoulli(½), for non-negative integer weights. Each step halves
    /// (pₖ ← (pₖ + pₖ₋w)/2, descending k), so values stay probabilities for any n (no 2ⁿ overflow).
    static func subsetSumPMF(weights: [Int]) -> [Double] {
        let total = weights.reduce(0, +)
        var p = [Double](repeating: 0, count: total + 1)
        p[0] = 1
        var reach = 0
        for w in weights {
            let newReach = reach + w
            var k = newReach
            while k >= 0 {
                let a = k <= reach ? p[k] : 0
                let b = (k >= w && k - w <= reach) ? p[k - w] : 0
                p[k] = (a + b) * 0.5
                k -= 1
            }
            reach = newReach
        }
        return p
    }

    /// P(T⁺ ≤ k).
    func cdf(_ k: Int) -> Double {
        if k < 0 { return 0 }
        if k >= pmf.count - 1 { return 1 }
        var s = 0.0
        for i in 0...k { s += pmf[i] }
        return min(1, s)
    }

    /// P(T⁺ ≥ k).
    func sf(_ k: Int) -> Double {
        if k <= 0 { return 1 }
        if k > pmf.count - 1 { return 0 }
        var s = 0.0
        for i in stride(from: pmf.count - 1, through: k, by: -1) { s += pmf[i] }
        return min(1, s)
    }
}
