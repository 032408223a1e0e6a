/// SplitMix64 (Steele, Lea & Flood 2014): `state += γ; z = state; z = (z ^ z>>30)·c1; z = (z ^ z>>27)·c2; z ^ z>>31`.
///
/// The k-th output (k ≥ 1) is a pure function of `seed + k·γ`, so streams can be generated in
/// parallel from any position.
public struct SplitMix64: Sendable {
    public static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= Self.gamma
        return Self.mix(state)
    }

    /// Uniform Double in [0, 1): `(next() >> 11) · 2⁻⁵³`.
    @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// The k-th uniform (k ≥ 1) of the stream seeded with `seed`.
    @inline(__always)
    public static func uniform(seed: UInt64, index k: UInt64) -> Double {
        Double(mix(seed &+ k &* gamma) >> 11) * 0x1p-53
    }
}
