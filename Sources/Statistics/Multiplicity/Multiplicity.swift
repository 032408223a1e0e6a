/// Family-wise / false-discovery-rate corrections, exactly as
/// `statsmodels.stats.multitest.multipletests(p, alpha, method)` (statsmodels 0.15).
public enum Multiplicity {
    /// Adjusted p-values and reject decisions at `alpha`, in input order.
    ///
    /// The family is the non-`nil` p-values (m of them); `nil` (n/a) entries stay `nil` in both
    /// outputs and do not count towards m. With p₍₁₎ ≤ … ≤ p₍ₘ₎ sorted:
    /// - Bonferroni: p̃ᵢ = min(1, m·pᵢ); reject pᵢ ≤ α/m.
    /// - Holm: p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎); reject p₍ᵢ₎ for all i before the first
    ///   p₍ᵢ₎ > α/(m − i + 1).
    /// - BH: p̃₍ᵢ₎ = min(1, min_{j ≥ i} m·p₍ⱼ₎/j); reject p₍ᵢ₎ for all i ≤ max{i : p₍ᵢ₎ ≤ iα/m}.
    /// - none: p̃ = p; reject p ≤ α.
    /// Non-finite or out-of-[0, 1] p-values are treated as n/a. An empty family returns all `nil`.
    public static func adjust(_ p: [Double?], method: CorrectionMethod, alpha: Double = 0.05) -> [(adjusted: Double?, reject: Bool?)] {
        var out = [(adjusted: Double?, reject: Bool?)](repeating: (nil, nil), count: p.count)
        let members = p.indices.filter { i in
            guard let v = p[i], v.isFinite, v >= 0, v <= 1 else { return false }
            return true
        }
        let m = members.count
        guard m > 0 else { return out }
        let order = members.sorted { p[$0]! < p[$1]! }
        let sorted = order.map { p[$0]! }
        let mm = Double(m)
        var adjusted = [Double](repeating: 0, count: m)
        var reject = [Bool](repeating: false, count: m)
        switch method {
        case .none:
            for i in 0..<m { adjusted[i] = sorted[i]; reject[i] = sorted[i] <= alpha }
        case .bonferroni:
            for i in 0..<m { adjusted[i] = min(1, sorted[i] * mm); reject[i] = sorted[i] <= alpha / mm }
        case .holm:
            var running = 0.0
            var stillRejecting = true
            for i in 0..<m {
                let factor = Double(m - i)
                running = max(running, sorted[i] * factor)
                adjusted[i] = min(1, running)
                if sorted[i] > alpha / factor { stillRejecting = false }
                reject[i] = stillRejecting
            }
        case .benjaminiHochberg:
            var last = -1
            for i in 0..<m where sorted[i] <= Double(i + 1) / mm * alpha { last = i }
            var running = Double.infinity
            for i in stride(from: m - 1, through: 0, by: -1) {
                running = min(running, sorted[i] / (Double(i + 1) / mm))
                adjusted[i] = min(1, running)
                reject[i] = i <= last
            }
        }
        for (k, idx) in order.enumerated() { out[idx] = (adjusted[k], reject[k]) }
        return out
    }
}
