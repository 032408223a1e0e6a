import CBLAS

/// Thin, typed access to the OpenBLAS routines EmoShift uses (row-major, float32).
public enum BLAS {
    /// `C[M×N] = A[M×K] · B[K×N] + beta·C` (all row-major, leading dimensions = row lengths
    /// unless given), with optional transposes.
    @inline(__always)
    static func sgemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                      a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                      beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), 1.0, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `y[M] = A[M×N] · x[N] + beta·y` (row-major A).
    @inline(__always)
    static func sgemv(m: Int, n: Int, a: UnsafePointer<Float>, x: UnsafePointer<Float>, beta: Float = 0,
                      y: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(n), 1.0, a, Int32(n), x, 1, beta, y, 1)
    }

    /// `y[M] = A · x` for a row-major `A[M×N]` stored with leading dimension `lda` (a column block of
    /// a wider matrix).
    @inline(__always)
    public static func sgemvStrided(m: Int, n: Int, a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>,
                                    y: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(n), 1.0, a, Int32(lda), x, 1, 0, y, 1)
    }

    /// `y += alpha · x` over `n` floats.
    @inline(__always)
    static func saxpy(n: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(Int32(n), alpha, x, 1, y, 1)
    }

    /// `y[N] = Aᵀ · x[M]` for a row-major `A[M×N]` (the gradient of a linear layer for one item).
    @inline(__always)
    static func sgemvTransposed(m: Int, n: Int, a: UnsafePointer<Float>, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, CblasTrans, Int32(m), Int32(n), 1.0, a, Int32(n), x, 1, 0, y, 1)
    }

    /// Sets OpenBLAS's worker thread count (1 = single-threaded, the default for tests and `--jobs > 1`).
    public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(max(1, n))) }

    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// The kernel family OpenBLAS picked for this CPU (e.g. "Cooperlake", "Haswell").
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// OpenBLAS build configuration string.
    public static var configuration: String { String(cString: openblas_get_config()) }
}
