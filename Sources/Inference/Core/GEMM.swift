import CKernels
import Foundation

/// The matrix multiply behind the forward pass: EmoShift's own AVX-512 sgemm (`CKernels/sgemm_avx512.c`,
/// docs/gemm.md) where the CPU has AVX-512F, OpenBLAS otherwise.
///
/// Why a hand-written GEMM: the environment pins OpenBLAS to its Haswell (AVX2) kernels
/// (`OPENBLAS_CORETYPE=Haswell`), which uses half of the FMA width this CPU has, and no Swift
/// package offers an AVX-512 GEMM. The backward pass (CAM gradients) stays on OpenBLAS.
public enum GEMM {
    /// Which implementation runs a GEMM.
    public enum Backend: String, Sendable, CaseIterable {
        /// `ck_sgemm` (packed, 12×32 register tile of 512-bit FMAs); only where `isAVX512Available`.
        case avx512
        /// `cblas_sgemm` from OpenBLAS (whatever kernel family OpenBLAS picked, see `BLAS.coreName`).
        case openblas
    }

    /// True when this CPU runs the AVX-512 kernel (checked once with cpuid).
    public static var isAVX512Available: Bool { ck_sgemm_avx512_available() != 0 }

    /// The backend used unless a caller picks one: `avx512` when available, unless the environment
    /// variable `EMOSHIFT_GEMM=openblas` (read once, at first use) forces OpenBLAS.
    public static let preferred: Backend = {
        let forced = ProcessInfo.processInfo.environment["EMOSHIFT_GEMM"]?.lowercased()
        if forced == "openblas" { return .openblas }
        return isAVX512Available ? .avx512 : .openblas
    }()

    /// `backend`, or OpenBLAS when `backend` is `.avx512` but the CPU lacks AVX-512F.
    @inline(__always)
    public static func effective(_ backend: Backend) -> Backend {
        backend == .avx512 && !isAVX512Available ? .openblas : backend
    }

    /// `C = beta·C + A · op(B)`, then `C[i, j] += rowBias[i]` (if given) and `C = max(C, 0)` (if `relu`).
    ///
    /// Layouts (all row-major float32): `A` is `[M×K]` with row stride `lda ≥ K`; with `transB == false`
    /// `B` is `[K×N]` with row stride `ldb ≥ N`, with `transB == true` `B` is `[N×K]` with row stride
    /// `ldb ≥ K` and `op(B) = Bᵀ`; `C` is `[M×N]` with row stride `ldc ≥ N`. `beta == 0` never reads `C`.
    /// `rowBias` has `M` entries (one per row of `C`, i.e. per output channel of a convolution).
    public static func sgemm(_ backend: Backend = preferred, transB: Bool = false, m: Int, n: Int, k: Int,
                             a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                             beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int,
                             rowBias: UnsafePointer<Float>? = nil, relu: Bool = false) {
        guard m > 0, n > 0 else { return }
        switch effective(backend) {
        case .avx512:
            ck_sgemm(transB ? 1 : 0, Int32(m), Int32(n), Int32(k), a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc),
                     rowBias, relu ? 1 : 0)
        case .openblas:
            if k == 0 {
                for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            } else {
                BLAS.sgemm(transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            }
            if rowBias != nil || relu {
                for i in 0..<m {
                    ck_bias_activate(c + i * ldc, c + i * ldc, n, rowBias?[i] ?? 0, relu ? 1 : 0)
                }
            }
        }
    }

    /// Fully connected layer for small batches on the AVX-512 path: `y[b, o] += Σ_i x[b, i] · w[o, i]` with
    /// `x` `[batch × inFeatures]`, `w` `[outFeatures × inFeatures]` (PyTorch layout), `y`
    /// `[batch × outFeatures]`, all row-major and dense. Streams four weight rows at a time, which this
    /// machine's memory serves ~1.6× faster than a transposed-B GEMM's many row streams. Returns false
    /// (and writes nothing) when `batch` is outside 1...32 or the CPU lacks AVX-512F.
    public static func linearAccumulate(batch: Int, inFeatures: Int, outFeatures: Int, x: UnsafePointer<Float>,
                                        w: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) -> Bool {
        guard batch >= 1, batch <= Int(CK_LINEAR_MAX_BATCH) else { return false }
        return ck_linear_accumulate(Int32(batch), Int32(inFeatures), Int32(outFeatures), x, w, y) != 0
    }
}
