import CBLAS

/// Raw BLAS calls for the benchmark's floor measurements (row-major, dense leading dimensions).
enum BenchBLAS {
    static func sgemm(transB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                      c: UnsafeMutablePointer<Float>) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, transB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(k), b, Int32(transB ? k : n), 0, c, Int32(n))
    }

    static func sgemv(m: Int, n: Int, a: UnsafePointer<Float>, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(n), 1, a, Int32(n), x, 1, 0, y, 1)
    }
}
