import Foundation
import Inference
import Testing

/// EmoShift's AVX-512 sgemm (`GEMM.sgemm(.avx512, …)`) against a naive Double loop, and the forward
/// pass on both GEMM backends. On CPUs without AVX-512 the `.avx512` calls run OpenBLAS (the
/// documented fallback), so these tests still check the fallback wiring there.
@Suite("GEMM")
struct GEMMTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var m: Int, n: Int, k: Int
        var transB = false
        var padA = 0, padB = 0, padC = 0  // leading dimension minus row length
        var beta: Float = 0
        var bias = false, relu = false
        var testDescription: String {
            "\(m)×\(n)×\(k)\(transB ? " Bᵀ" : "") ld+\(padA)/\(padB)/\(padC) β=\(beta)\(bias ? " bias" : "")\(relu ? " relu" : "")"
        }
    }

    static let shapes: [Shape] = {
        var s: [Shape] = []
        // Degenerate and ragged edges around the 12×32 tile and the 256-wide K blocks.
        for (m, n, k) in [(1, 1, 1), (1, 37, 5), (5, 1, 9), (3, 4, 1), (12, 32, 16), (13, 33, 17), (11, 31, 255),
                          (24, 64, 256), (25, 65, 257), (7, 100, 600), (40, 17, 513), (1, 300, 40), (130, 50, 33),
                          (96, 45, 363), (385, 20, 30), (2, 2, 1000)] {
            s.append(Shape(m: m, n: n, k: k))
            s.append(Shape(m: m, n: n, k: k, transB: true))
        }
        // Leading dimensions larger than the row lengths, beta, fused bias and ReLU.
        s.append(Shape(m: 13, n: 47, k: 29, padA: 3, padB: 5, padC: 7))
        s.append(Shape(m: 13, n: 47, k: 29, transB: true, padA: 1, padB: 9, padC: 2))
        s.append(Shape(m: 30, n: 70, k: 300, padA: 16, padB: 16, padC: 16, beta: 1))
        s.append(Shape(m: 30, n: 70, k: 300, transB: true, padA: 2, padB: 3, padC: 4, beta: 0.5, bias: true))
        s.append(Shape(m: 50, n: 33, k: 520, bias: true, relu: true))
        s.append(Shape(m: 17, n: 40, k: 3, transB: true, beta: 1, bias: true, relu: true))
        s.append(Shape(m: 1, n: 1, k: 1, beta: 1, bias: true, relu: true))
        s.append(Shape(m: 12, n: 16, k: 19, padC: 16, relu: true))
        return s
    }()

    static func values(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in Float(rng.uniform() * 2 - 1) }
    }

    @Test("AVX-512 sgemm equals a Double loop", arguments: shapes)
    func matchesDouble(_ s: Shape) {
        let lda = s.k + s.padA
        let ldb = (s.transB ? s.k : s.n) + s.padB
        let ldc = s.n + s.padC
        let a = Self.values(s.m * lda, seed: 1)
        let b = Self.values((s.transB ? s.n : s.k) * ldb, seed: 2)
        let bias = Self.values(s.m, seed: 3)
        let c0 = Self.values(s.m * ldc, seed: 4)  // padding columns must survive untouched
        var c = c0
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                bias.withUnsafeBufferPointer { pbias in
                    c.withUnsafeMutableBufferPointer { pc in
                        GEMM.sgemm(.avx512, transB: s.transB, m: s.m, n: s.n, k: s.k, a: pa.baseAddress!, lda: lda,
                                   b: pb.baseAddress!, ldb: ldb, beta: s.beta, c: pc.baseAddress!, ldc: ldc,
                                   rowBias: s.bias ? pbias.baseAddress! : nil, relu: s.relu)
                    }
                }
            }
        }
        var worst = 0.0
        for i in 0..<s.m {
            for j in 0..<ldc {
                let got = Double(c[i * ldc + j])
                guard j < s.n else {
                    #expect(c[i * ldc + j] == c0[i * ldc + j], "padding column \(j) of row \(i) was written")
                    continue
                }
                var sum = 0.0
                for p in 0..<s.k {
                    let bv = s.transB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += Double(a[i * lda + p]) * Double(bv)
                }
                var want = Double(s.beta) * Double(c0[i * ldc + j]) + sum
                if s.bias { want += Double(bias[i]) }
                if s.relu { want = max(want, 0) }
                // float32 accumulation over k terms of magnitude ≤ 1: error ~ k·2⁻²⁴·|terms|.
                worst = max(worst, abs(got - want) / (1 + Double(s.k).squareRoot()))
            }
        }
        #expect(worst < 2e-6, "worst scaled error \(worst)")
    }

    @Test("beta = 0 ignores NaN in C")
    func betaZeroIgnoresC() {
        let a = Self.values(20 * 30, seed: 5), b = Self.values(30 * 40, seed: 6)
        var c = [Float](repeating: .nan, count: 20 * 40)
        GEMM.sgemm(.avx512, m: 20, n: 40, k: 30, a: a, lda: 30, b: b, ldb: 40, c: &c, ldc: 40)
        #expect(c.allSatisfy { $0.isFinite })
    }

    @Test("both backends agree on EmoNet's conv3 GEMM shape")
    func backendsAgree() {
        let (m, n, k) = (384, 169, 2304)
        let a = Self.values(m * k, seed: 7), b = Self.values(k * n, seed: 8), bias = Self.values(m, seed: 9)
        var x = [Float](repeating: 0, count: m * n), y = x
        for (backend, out) in [(GEMM.Backend.avx512, 0), (.openblas, 1)] {
            var c = [Float](repeating: 0, count: m * n)
            bias.withUnsafeBufferPointer { pb in
                GEMM.sgemm(backend, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: &c, ldc: n,
                           rowBias: pb.baseAddress!, relu: true)
            }
            if out == 0 { x = c } else { y = c }
        }
        let worst = zip(x, y).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-3, "worst \(worst)")  // sums of 2304 terms of size ≤ 1
    }

    @Test("EMOSHIFT_GEMM picks the preferred backend; AVX-512 only where the CPU has it")
    func preferredBackend() {
        let forced = ProcessInfo.processInfo.environment["EMOSHIFT_GEMM"]?.lowercased() == "openblas"
        #expect(GEMM.preferred == (forced || !GEMM.isAVX512Available ? .openblas : .avx512))
        #expect(GEMM.effective(.openblas) == .openblas)
        #expect(GEMM.effective(.avx512) == (GEMM.isAVX512Available ? .avx512 : .openblas))
    }

    @Test("the forward pass gives the same probabilities on both GEMM backends (batch 1 and 3)")
    func forwardBothBackends() throws {
        let files = ForwardGoldenTests.photos.prefix(3).map(\.file)
        let inputs = try files.map { try InferenceFixtures.input($0) }
        let batch = Tensor(shape: [inputs.count, 3, 227, 227], values: inputs.flatMap(\.values))
        var fast = InferenceFixtures.demoNet
        fast.gemm = .avx512
        var reference = InferenceFixtures.demoNet
        reference.gemm = .openblas
        for x in [inputs[0], batch] {
            let p = fast.forward(x).probabilities.values
            let q = reference.forward(x).probabilities.values
            for (got, want) in zip(p, q) { #expect(abs(got - want) <= max(1e-4 * abs(want), 1e-7)) }
        }
    }

    @Test("AVX-512 convolution paths (Winograd 3×3 and 5×5, implicit GEMM) equal the OpenBLAS path",
          arguments: [
              EmoNet.conv3, EmoNet.conv4, EmoNet.conv2,
              ConvolutionGeometry(inChannels: 6, outChannels: 26, kernel: 3, padding: 1, groups: 2, inHeight: 17, inWidth: 19),
              ConvolutionGeometry(inChannels: 5, outChannels: 13, kernel: 3, padding: 1, inHeight: 6, inWidth: 1),
              ConvolutionGeometry(inChannels: 3, outChannels: 7, kernel: 3, padding: 1, inHeight: 1, inWidth: 14),
              ConvolutionGeometry(inChannels: 4, outChannels: 9, kernel: 5, stride: 2, padding: 2, inHeight: 11, inWidth: 12),
              ConvolutionGeometry(inChannels: 4, outChannels: 10, kernel: 5, padding: 2, groups: 2, inHeight: 9, inWidth: 28),
              ConvolutionGeometry(inChannels: 3, outChannels: 5, kernel: 5, padding: 2, inHeight: 30, inWidth: 3),
              ConvolutionGeometry(inChannels: 3, outChannels: 5, kernel: 5, padding: 2, inHeight: 4, inWidth: 29),
              ConvolutionGeometry(inChannels: 3, outChannels: 14, kernel: 7, stride: 3, inHeight: 30, inWidth: 29),
              EmoNet.conv1,
              ConvolutionGeometry(inChannels: 3, outChannels: 10, kernel: 11, stride: 4, inHeight: 40, inWidth: 63),
              ConvolutionGeometry(inChannels: 2, outChannels: 3, kernel: 4, stride: 4, inHeight: 9, inWidth: 4),
          ])
    func convolutionPaths(_ g: ConvolutionGeometry) {
        let batch = g.outPixels > 512 ? 2 : 11  // conv3/conv4: more than one Winograd chunk; panels cross images
        let x = Self.values(batch * g.inChannels * g.inPlane, seed: 31)
        let w = Self.values(g.weightShape.reduce(1, *), seed: 32).map { $0 * 0.1 }
        let b = Self.values(g.outChannels, seed: 33)
        var fast = [Float](repeating: .nan, count: batch * g.outChannels * g.outPixels), reference = fast
        Convolution.forward(g, batch: batch, input: x, weights: w, bias: b, output: &fast, relu: true, gemm: .avx512)
        Convolution.forward(g, batch: batch, input: x, weights: w, bias: b, output: &reference, relu: true, gemm: .openblas)
        let scale = reference.map(abs).max()!
        let worst = zip(fast, reference).map { abs($0 - $1) }.max()!
        #expect(worst <= 1e-5 * max(1, scale), "worst \(worst), scale \(scale)")
        #expect(fast.allSatisfy { $0.isFinite && $0 >= 0 })
    }

    @Test("FC layer: both backends equal a Double loop for batches 1…33 (small-batch kernel and GEMM fallback)",
          arguments: [(2, 37, 5), (3, 100, 9), (16, 300, 20), (32, 64, 7), (33, 50, 6), (5, 17, 1), (4, 1, 3)])
    func linearBackends(_ shape: (Int, Int, Int)) {
        let (batch, inF, outF) = shape
        let x = Self.values(batch * inF, seed: 41), w = Self.values(outF * inF, seed: 42), b = Self.values(outF, seed: 43)
        for backend in GEMM.Backend.allCases {
            var y = [Float](repeating: .nan, count: batch * outF)
            Linear.forward(batch: batch, inFeatures: inF, outFeatures: outF, input: x, weights: w, bias: b, output: &y,
                           gemm: backend)
            var worst = 0.0
            for n in 0..<batch {
                for o in 0..<outF {
                    var s = Double(b[o])
                    for i in 0..<inF { s += Double(x[n * inF + i]) * Double(w[o * inF + i]) }
                    worst = max(worst, abs(Double(y[n * outF + o]) - s))
                }
            }
            #expect(worst < 1e-5 * max(1, Double(inF).squareRoot()), "\(backend): worst \(worst)")
        }
    }
}
