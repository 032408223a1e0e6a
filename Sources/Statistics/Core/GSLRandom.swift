import CGSL

/// A seeded `gsl_rng_mt19937` owned by one computation (never shared between threads, hence not
/// `Sendable`). Seeded with `gsl_rng_set(r, seed)` (GSL maps seed 0 to its default 4357).
///
/// Speed: a GSL draw is an indirect call (≈ 6 ns on a quiet machine here, 20+ ns under load),
/// which dominates bootstrap cost, so `fillIndices` packs several bounded indices into one 32-bit
/// mt19937 word with the unbiased batched multiply-and-reject method (Brackett-Rozinsky & Lemire
/// 2024, "Batched ranged random integer generation"; Lemire 2019 for one index): 2 indices per word
/// for n ≤ 65,536, 3 for n ≤ 1,625, … (n < 2³¹). The stream therefore differs from
/// `gsl_rng_uniform_int`'s, but is just as uniform (tested by a χ² check).
final class GSLRandom {
    private let rng: UnsafeMutablePointer<gsl_rng>
    private let getFunction: @convention(c) (UnsafeMutableRawPointer?) -> UInt
    private let state: UnsafeMutableRawPointer?

    init(seed: UInt64) {
        GSLRuntime.prepare()
        rng = gsl_rng_alloc(emoshift_gsl_rng_mt19937())
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
        getFunction = rng.pointee.type.pointee.get
        state = rng.pointee.state
    }

    deinit { gsl_rng_free(rng) }

    /// 32 random bits: mt19937's raw output (`gsl_rng_get`, called through the type's function
    /// pointer directly).
    @inline(__always) func bits32() -> UInt32 { UInt32(truncatingIfNeeded: getFunction(state)) }

    /// One uniform index in 0 ..< n (1 ≤ n ≤ 2³²), unbiased (Lemire's multiply-and-reject).
    func index(_ n: Int) -> Int {
        let bound = UInt64(n)
        while true {
            let m = UInt64(bits32()) * bound
            let low = m & 0xFFFF_FFFF
            if low >= bound || low >= (0x1_0000_0000 - bound) % bound { return Int(m >> 32) }
        }
    }

    /// Fills `out` with independent uniform indices in 0 ..< n (1 ≤ n ≤ 2³²), unbiased, packing
    /// k = ⌊32 / log₂ n⌋ indices per 32-bit word when k ≥ 2.
    func fillIndices(_ out: UnsafeMutableBufferPointer<Int32>, bound n: Int) {
        let bound = UInt64(n)
        var k = 1
        var product = bound
        while k < 8 && product * bound <= 0x1_0000_0000 { product *= bound; k += 1 }
        if k == 1 {
            for i in 0..<out.count { out[i] = Int32(truncatingIfNeeded: index(n)) }
            return
        }
        let threshold = (0x1_0000_0000 - product) % product
        var i = 0
        let full = out.count - out.count % k
        while i < full {
            while true {
                var x = UInt64(bits32())
                for j in 0..<k {
                    let m = x * bound
                    out[i + j] = Int32(truncatingIfNeeded: m >> 32)
                    x = m & 0xFFFF_FFFF
                }
                // Reject (and overwrite) so every k-tuple is equally likely.
                if x >= product || x >= threshold { break }
            }
            i += k
        }
        while i < out.count { out[i] = Int32(truncatingIfNeeded: index(n)); i += 1 }
    }
}
