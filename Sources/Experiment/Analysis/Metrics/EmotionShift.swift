import Foundation

/// How EmoNet's output moved between the baseline record `p` and a modified record `q` of the
/// same image (20-class softmax vectors, EmoNet class order).
///
/// - `deltaTop1Probability` = q[t] − p[t], t = the baseline's top-1 class (probability units).
/// - `deltas[c]` = q[c] − p[c] for every class.
/// - `flipped` = argmax q ≠ t; `modifiedTop1` = argmax q (first index on ties, like numpy).
/// - `jensenShannon` = ½·KL(p‖m) + ½·KL(q‖m), m = (p + q)/2, in **bits** (log₂), so it lies in
///   [0, 1]; 0·log 0 = 0. (scipy's `jensenshannon(p, q, base=2)` returns the square root of this.)
/// - `totalVariation` = ½·Σ|p − q| ∈ [0, 1].
/// - `deltaEntropy` = H(q) − H(p), Shannon entropy in bits.
/// - `deltaValence`, `deltaArousal` = modified − baseline head outputs (nil when either is missing).
///
/// Probabilities are the stored float32 values widened to Double. Δ values use them as stored; the
/// distribution measures (JSD, total variation, entropy) first renormalise each vector to sum 1.
public struct EmotionShift: Sendable, Equatable {
    public var baselineTop1: Int
    /// p[t]: the baseline's top-1 probability.
    public var baselineTop1Probability: Double
    public var baselineValence: Double?
    public var baselineArousal: Double?
    public var modifiedTop1: Int
    public var deltaTop1Probability: Double
    public var deltas: [Double]
    public var jensenShannon: Double
    public var totalVariation: Double
    public var deltaEntropy: Double
    public var baselineEntropy: Double
    public var deltaValence: Double?
    public var deltaArousal: Double?

    public var flipped: Bool { modifiedTop1 != baselineTop1 }

    /// `nil` when the vectors are missing, of different lengths, empty, or hold a non-finite value.
    public init?(baseline p: [Double], modified q: [Double], baselineValence: Double? = nil, modifiedValence: Double? = nil,
                 baselineArousal: Double? = nil, modifiedArousal: Double? = nil) {
        guard !p.isEmpty, p.count == q.count, p.allSatisfy(\.isFinite), q.allSatisfy(\.isFinite) else { return nil }
        let t = Self.argmax(p)
        baselineTop1 = t
        modifiedTop1 = Self.argmax(q)
        baselineTop1Probability = p[t]
        deltaTop1Probability = q[t] - p[t]
        self.baselineValence = baselineValence.flatMap { $0.isFinite ? $0 : nil }
        self.baselineArousal = baselineArousal.flatMap { $0.isFinite ? $0 : nil }
        deltas = zip(q, p).map { $0 - $1 }
        // Distribution measures see the vectors renormalised to sum 1 (as scipy's jensenshannon and
        // entropy do); stored float32 softmax outputs sum to 1 only within ~1e-7.
        let pn = Self.normalised(p), qn = Self.normalised(q)
        var js = 0.0, tv = 0.0
        for (a, b) in zip(pn, qn) {
            let m = 0.5 * (a + b)
            if a > 0 { js += 0.5 * a * log2(a / m) }
            if b > 0 { js += 0.5 * b * log2(b / m) }
            tv += abs(a - b)
        }
        jensenShannon = max(0, js)
        totalVariation = 0.5 * tv
        baselineEntropy = Self.entropy(pn)
        deltaEntropy = Self.entropy(qn) - baselineEntropy
        if let a = baselineValence, let b = modifiedValence, a.isFinite, b.isFinite { deltaValence = b - a }
        if let a = baselineArousal, let b = modifiedArousal, a.isFinite, b.isFinite { deltaArousal = b - a }
    }

    /// Index of the largest value, first on ties.
    public static func argmax(_ v: [Double]) -> Int {
        var best = 0
        for i in v.indices where v[i] > v[best] { best = i }
        return best
    }

    /// `v / Σv` (unchanged when the sum is not positive).
    public static func normalised(_ v: [Double]) -> [Double] {
        let sum = v.reduce(0, +)
        return sum > 0 ? v.map { $0 / sum } : v
    }

    /// Shannon entropy in bits, ignoring non-positive entries.
    public static func entropy(_ p: [Double]) -> Double {
        var h = 0.0
        for x in p where x > 0 { h -= x * log2(x) }
        return h
    }
}
