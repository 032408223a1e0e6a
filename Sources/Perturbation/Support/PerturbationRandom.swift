/// SplitMix64 (Steele, Lea & Flood 2014), bit-identical to the Inference module's generator:
///
///     state += 0x9E3779B97F4A7C15
///     z = state
///     z = (z ^ z >> 30) &* 0xBF58476D1CE4E5B9
///     z = (z ^ z >> 27) &* 0x94D049BB133111EB
///     return z ^ z >> 31
///
/// Copied here so the perturbation library does not depend on Inference.
public struct PerturbationRandom: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1): the top 53 bits · 2⁻⁵³.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform integer in `0 ..< bound` (Lemire's multiply-shift, bias < 2⁻⁶⁴·bound — negligible).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Standard normal deviate by Box–Muller (cosine branch only, one deviate per two draws):
    /// `z = √(−2 ln u₁) · cos(2π u₂)`, `u₁ = 1 − nextUnit()` ∈ (0, 1].
    public mutating func nextGaussian() -> Double {
        let u1 = 1.0 - nextUnit()
        let u2 = nextUnit()
        return (-2.0 * Foundation.log(u1)).squareRoot() * Foundation.cos(2.0 * Double.pi * u2)
    }
}

import Foundation
