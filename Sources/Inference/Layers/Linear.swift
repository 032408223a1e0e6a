/// Fully connected layer `y[n, o] = b[o] + Σ_i W[o, i]·x[n, i]` with PyTorch's `[out, in]` weights.
///
/// One item uses `cblas_sgemv` (OpenBLAS's sgemm with N = 1 is 2.5–3× slower); a batch uses one
/// GEMM `X[N×in] · Wᵀ[in×out]` (`GEMM.sgemm` with a transposed B; on the AVX-512 path batches of up to
/// 32 use `GEMM.linearAccumulate`), so the weights stream from memory once per batch.
public enum Linear {
    /// `input` is `[batch × inFeatures]`, `weights` `[outFeatures × inFeatures]`, `bias` `[outFeatures]`,
    /// `output` `[batch × outFeatures]` (all row-major float32). `gemm` picks the batched GEMM's backend.
    public static func forward(batch: Int, inFeatures: Int, outFeatures: Int,
                               input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                               output: UnsafeMutablePointer<Float>, gemm: GEMM.Backend = GEMM.preferred) {
        for n in 0..<batch { (output + n * outFeatures).update(from: bias, count: outFeatures) }
        if batch == 1 {
            BLAS.sgemv(m: outFeatures, n: inFeatures, a: weights, x: input, beta: 1, y: output)
        } else if GEMM.effective(gemm) == .avx512,
                  GEMM.linearAccumulate(batch: batch, inFeatures: inFeatures, outFeatures: outFeatures, x: input,
                                        w: weights, y: output) {
            // Batches of 2…32 on the AVX-512 path: weight rows streamed against all items.
        } else {
            GEMM.sgemm(gemm, transB: true, m: batch, n: outFeatures, k: inFeatures, a: input, lda: inFeatures,
                       b: weights, ldb: inFeatures, beta: 1, c: output, ldc: outFeatures)
        }
    }
}
