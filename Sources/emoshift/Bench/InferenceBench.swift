import Foundation
import Imaging
import Inference

/// The inference part of `emoshift bench`: forward-pass time against the same run's pure-sgemm
/// floor for EmoNet's layer shapes.
struct InferenceBench {
    var net: EmoNet
    var images: [Image]  // decoded RGB photos (any size)
    var measure: (() -> Void) -> Double
    var cpuTime = false

    /// The GEMM calls EmoShift's forward pass makes for a batch, as (label, M, N, K, count);
    /// label "conv1ᵀ" marks a `W · Bᵀ` call (transposed patches).
    static func gemmShapes(batch: Int) -> [(String, Int, Int, Int, Int)] {
        var shapes: [(String, Int, Int, Int, Int)] = []
        for (name, g) in [("conv1", EmoNet.conv1), ("conv2", EmoNet.conv2), ("conv3", EmoNet.conv3),
                          ("conv4", EmoNet.conv4), ("conv5", EmoNet.conv5)] {
            if Convolution.usesTransposedPatches(g) {
                shapes.append((name + "ᵀ", g.outChannelsPerGroup, g.outPixels, g.patchSize, batch * g.groups))
                continue
            }
            let chunk = Convolution.chunkSize(g, batch: batch)
            let full = batch / chunk, rest = batch % chunk
            if full > 0 { shapes.append((name, g.outChannelsPerGroup, chunk * g.outPixels, g.patchSize, full * g.groups)) }
            if rest > 0 { shapes.append((name, g.outChannelsPerGroup, rest * g.outPixels, g.patchSize, g.groups)) }
        }
        shapes.append(("fc6", batch, 4096, 9216, 1))
        shapes.append(("fc7", batch, 4096, 4096, 1))
        shapes.append(("fc8", batch, 20, 4096, 1))
        return shapes
    }

    /// Seconds for the pure GEMM work of one batch on `backend` (median per call shape, summed per
    /// layer), for the forward pass's shapes with an explicit B matrix (the OpenBLAS path's im2col
    /// shapes; the AVX-512 path gathers conv2–conv5 patches inside the GEMM instead, which the
    /// per-layer breakdown includes).
    func sgemmFloor(batch: Int, backend: GEMM.Backend = .openblas) -> [(String, Double)] {
        var perLayer: [(String, Double)] = []
        for (name, m, n, k, count) in Self.gemmShapes(batch: batch) {
            var a = [Float](repeating: 0, count: m * k), b = [Float](repeating: 0, count: k * n)
            var c = [Float](repeating: 0, count: m * n)
            for i in a.indices { a[i] = Float(i % 13) * 0.01 }
            for i in b.indices { b[i] = Float(i % 7) * 0.01 }
            let isFC = name.hasPrefix("fc")
            let transposedB = name.hasSuffix("ᵀ")
            let label = transposedB ? String(name.dropLast()) : name
            let t = a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        measure {
                            if isFC && m == 1 {
                                // Single-item FC layers use OpenBLAS sgemv on both paths.
                                BenchBLAS.sgemv(m: n, n: k, a: pb.baseAddress!, x: pa.baseAddress!, y: pc.baseAddress!)
                            } else if backend == .avx512 && isFC && m <= 32 {
                                // What Linear.forward runs for batches of 2…32 on the AVX-512 path.
                                _ = GEMM.linearAccumulate(batch: m, inFeatures: k, outFeatures: n, x: pa.baseAddress!,
                                                          w: pb.baseAddress!, y: pc.baseAddress!)
                            } else if backend == .avx512 {
                                let tb = isFC || transposedB
                                GEMM.sgemm(.avx512, transB: tb, m: m, n: n, k: k, a: pa.baseAddress!, lda: k,
                                           b: pb.baseAddress!, ldb: tb ? k : n, c: pc.baseAddress!, ldc: n)
                            } else if isFC || transposedB {
                                BenchBLAS.sgemm(transB: true, m: m, n: n, k: k, a: pa.baseAddress!, b: pb.baseAddress!, c: pc.baseAddress!)
                            } else {
                                BenchBLAS.sgemm(transB: false, m: m, n: n, k: k, a: pa.baseAddress!, b: pb.baseAddress!, c: pc.baseAddress!)
                            }
                        }
                    }
                }
            }
            if let i = perLayer.firstIndex(where: { $0.0 == label }) { perLayer[i].1 += t * Double(count) }
            else { perLayer.append((label, t * Double(count))) }
        }
        return perLayer
    }

    /// Floating-point operations (2·M·N·K) per layer for one batch.
    static func flops(batch: Int) -> [String: Double] {
        var f: [String: Double] = [:]
        for (name, m, n, k, count) in gemmShapes(batch: batch) {
            let label = name.hasSuffix("ᵀ") ? String(name.dropLast()) : name
            f[label, default: 0] += 2 * Double(m) * Double(n) * Double(k) * Double(count)
        }
        return f
    }

    static func describe(_ backend: GEMM.Backend) -> String {
        switch backend {
        case .avx512: return "EmoShift AVX-512 sgemm (CKernels/sgemm_avx512.c)"
        case .openblas: return "OpenBLAS \(BLAS.coreName) sgemm"
        }
    }

    func run() throws {
        let pre = EmoNetPreprocessor(meanImage: net.weights.meanImage)
        let inUse = GEMM.effective(net.gemm)
        // Both GEMMs in one run where the CPU has AVX-512, unless EMOSHIFT_GEMM=openblas asked for OpenBLAS only.
        let backends: [GEMM.Backend] = GEMM.isAVX512Available && GEMM.preferred == .avx512 ? [.avx512, .openblas] : [.openblas]
        print("")
        print("== EmoNet forward (\(net.weights.isDemo ? "demo model" : "EmoNet weights"); OpenBLAS \(BLAS.coreName), \(BLAS.threads) thread(s))")
        print("GEMM in use: \(Self.describe(inUse))" +
              (GEMM.isAVX512Available ? "" : " — this CPU has no AVX-512F") +
              " · EMOSHIFT_GEMM=openblas forces OpenBLAS")
        if inUse == .avx512 {
            let wino = [("conv2", EmoNet.conv2), ("conv3", EmoNet.conv3), ("conv4", EmoNet.conv4), ("conv5", EmoNet.conv5)]
                .filter { Convolution.usesWinograd($0.1) }
                .map { "\($0.0) F(2×2,\(Convolution.winogradTile($0.1))×\(Convolution.winogradTile($0.1)))" }
            print("AVX-512 path: implicit-GEMM convolutions; Winograd: " +
                  (wino.isEmpty ? "off (EMOSHIFT_WINOGRAD=0)" : wino.joined(separator: ", ")))
        }
        var rows: [[String]] = []
        var summary: [String] = []
        var perBackend: [[String]] = []
        var floors: [GEMM.Backend: [Int: Double]] = [:]
        for backend in backends {
            for batch in [1, 16] { floors[backend, default: [:]][batch] = sgemmFloor(batch: batch, backend: backend).reduce(0) { $0 + $1.1 } }
        }
        for batch in [1, 16] {
            let batchImages = (0..<batch).map { images[$0 % images.count] }
            let resized = try batchImages.map { try PillowResampler.resize($0, width: 227, height: 227) }
            let input = try pre.batch(resized)
            var times: [GEMM.Backend: (Double, Double)] = [:]
            for backend in backends {
                var n = net
                n.gemm = backend
                let tForward = measure { _ = n.forward(input) }
                let tFull = try measure2 {
                    let small = try batchImages.map { try PillowResampler.resize($0, width: 227, height: 227) }
                    _ = n.forward(try pre.batch(small))
                }
                times[backend] = (tForward, tFull)
                let floor = floors[backend]![batch]!
                perBackend.append([backend.rawValue, "\(batch)", fmt(tForward / Double(batch) * 1e3),
                                   fmt(tFull / Double(batch) * 1e3), fmt(floor / Double(batch) * 1e3),
                                   fmt(tForward / floor)])
            }
            let (tForward, tFull) = times[inUse]!
            let floor = floors[inUse]![batch]!
            rows.append(["\(batch)", fmt(tForward / Double(batch) * 1e3), fmt(Double(batch) / tForward, 1),
                         fmt(tFull / Double(batch) * 1e3), fmt(Double(batch) / tFull, 1),
                         fmt(floor / Double(batch) * 1e3), fmt(tForward / floor)])
            if batch == 16 {
                summary.append("batch-16 forward / sgemm floor = \(fmt(tForward / floor)) (target ≤ 1.20)")
                summary.append("batch-16 preprocess+forward: \(fmt(tFull / 16 * 1e3)) ms/image — compare with Scripts/reference/bench_torch.py on the same machine (2× PyTorch is the target)")
            } else {
                summary.append("batch-1 preprocess+forward: \(fmt(tFull * 1e3)) ms/image")
            }
        }
        print("(forward and floor on the GEMM in use: \(inUse.rawValue))")
        printTable(header: ["batch", "forward ms/img", "img/s", "preproc+fwd ms/img", "img/s", "sgemm floor ms/img", "forward/floor"], rows: rows)

        // Floors per layer and GEMM, batch 16, same run.
        print("")
        print("GEMM floor per layer, batch 16 (pure GEMM on the forward pass's shapes, ms per image and GFLOPS):")
        let flops = Self.flops(batch: 16)
        let layerFloors = backends.map { Dictionary(sgemmFloor(batch: 16, backend: $0), uniquingKeysWith: +) }
        var floorRows: [[String]] = []
        let order = Self.gemmShapes(batch: 16).map { $0.0.hasSuffix("ᵀ") ? String($0.0.dropLast()) : $0.0 }
        var seen = Set<String>()
        var totals = [Double](repeating: 0, count: backends.count)
        for name in order where seen.insert(name).inserted {
            var row = [name]
            for (i, f) in layerFloors.enumerated() {
                let t = f[name] ?? 0
                totals[i] += t
                row += [fmt(t / 16 * 1e3, 3), fmt((flops[name] ?? 0) / t * 1e-9, 1)]
            }
            if backends.count == 2 { row.append(fmt((layerFloors[1][name] ?? 0) / (layerFloors[0][name] ?? 1))) }
            floorRows.append(row)
        }
        var totalRow = ["total"]
        let allFlops = flops.values.reduce(0, +)
        for t in totals { totalRow += [fmt(t / 16 * 1e3, 3), fmt(allFlops / t * 1e-9, 1)] }
        if backends.count == 2 { totalRow.append(fmt(totals[1] / totals[0])) }
        floorRows.append(totalRow)
        var floorHeader = ["layer"]
        for b in backends { floorHeader += ["\(b.rawValue) ms/img", "GFLOPS"] }
        if backends.count == 2 { floorHeader.append("speed-up") }
        printTable(header: floorHeader, rows: floorRows)

        print("")
        print("forward on each GEMM (same run):")
        printTable(header: ["gemm", "batch", "forward ms/img", "preproc+fwd ms/img", "sgemm floor ms/img", "forward/floor"],
                   rows: perBackend)

        // Per-layer breakdown at batch 16 next to the floor for the same shapes.
        let input = try pre.batch((0..<16).map { try PillowResampler.resize(images[$0 % images.count], width: 227, height: 227) })
        var timings = LayerTimings(threadCPUTime: cpuTime)
        let runs = 5
        _ = net.forward(input)
        for _ in 0..<runs { _ = net.forward(input, timings: &timings) }
        let floor = layerFloors[backends.firstIndex(of: inUse) ?? 0]
        print("")
        print("per layer, batch 16, mean of \(runs) runs (ms per image; GEMM \(inUse.rawValue)):")
        var layerRows: [[String]] = []
        for (name, seconds) in timings.stages {
            let perImage = seconds / Double(runs) / 16
            let key = String(name.prefix { $0 != "+" })
            let f = floor[key].map { $0 / 16 }
            layerRows.append([name, fmt(perImage * 1e3, 3), f.map { fmt($0 * 1e3, 3) } ?? "–", f.map { fmt(perImage / $0) } ?? "–"])
        }
        printTable(header: ["stage", "ms/img", "sgemm ms/img", "ratio"], rows: layerRows)
        print("")
        for line in summary { print(line) }
    }

    func measure2(_ body: () throws -> Void) throws -> Double {
        var failure: Error?
        let t = measure { do { try body() } catch { failure = error } }
        if let failure { throw failure }
        return t
    }
}
