/// Fully connected layer `y[n, o] = b[o] + Σ_i W[o, i]·x[n, i]` with PyTorch's `[out, in]` weights.
///
/// One item uses `cblas_sgemv` (OpenBLAS's sgemm with N = 1 is 2.5–3× slower); a batch uses one
/// `cblas_sgemm` `X[N×in] · Wᵀ[in×out]`, so the weights stream from memory once per batch.
public enum Linear {
    public static func forward(batch: Int, inFeatures: Int, outFeatures: Int,
                               input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                               output: UnsafeMutablePointer<Float>) {
        for n in 0..<batch { (output + n * outFeatures).update(from: bias, count: outFeatures) }
        if batch == 1 {
            BLAS.sgemv(m: outFeatures, n: inFeatures, a: weights, x: input, beta: 1, y: output)
        } else {
            BLAS.sgemm(transB: true, m: batch, n: outFeatures, k: inFeatures, a: input, lda: inFeatures,
                       b: weights, ldb: inFeatures, beta: 1, c: output, ldc: outFeatures)
        }
    }
}
