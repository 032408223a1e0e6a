import CGSL

/// A seeded `gsl_rng_mt19937` owned by one computation (never shared between threads, hence not
/// `Sendable`). `gsl_rng_set(r, seed)` with the seed as given; GSL maps seed 0 to 4357.
final class GSLRandom {
    private let rng: UnsafeMutablePointer<gsl_rng>

    init(seed: UInt64) {
        GSLRuntime.prepare()
        rng = gsl_rng_alloc(emoshift_gsl_rng_mt19937())
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }

    deinit { gsl_rng_free(rng) }

    /// Uniform integer in 0 ..< n (n ≥ 1, n ≤ 2³²), `gsl_rng_uniform_int`.
    @inline(__always) func index(_ n: Int) -> Int { Int(gsl_rng_uniform_int(rng, UInt(n))) }

    /// 32 random bits (mt19937's raw output).
    @inline(__always) func bits32() -> UInt32 { UInt32(truncatingIfNeeded: gsl_rng_get(rng)) }
}
