import Foundation
import Imaging
import Inference

/// The inference part of `emoshift bench`: forward-pass time against the same run's pure-sgemm
/// floor for EmoNet's layer shapes.
struct InferenceBench {
    var net: EmoNet
    var images: [Image]  // decoded RGB photos (any size)
    var measure: (() -> Void) -> Double

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

    /// Seconds for the pure sgemm work of one batch (median per call shape, summed).
    func sgemmFloor(batch: Int) -> [(String, Double)] {
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
                                BenchBLAS.sgemv(m: n, n: k, a: pb.baseAddress!, x: pa.baseAddress!, y: pc.baseAddress!)
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

    func run() throws {
        let pre = EmoNetPreprocessor(meanImage: net.weights.meanImage)
        print("")
        print("== EmoNet forward (\(net.weights.isDemo ? "demo model" : "EmoNet weights"); OpenBLAS \(BLAS.coreName), \(BLAS.threads) thread(s))")
        var rows: [[String]] = []
        var summary: [String] = []
        for batch in [1, 16] {
            let batchImages = (0..<batch).map { images[$0 % images.count] }
            let resized = try batchImages.map { try PillowResampler.resize($0, width: 227, height: 227) }
            let input = try pre.batch(resized)
            let tForward = measure { _ = net.forward(input) }
            let tFull = try measure2 {
                let small = try batchImages.map { try PillowResampler.resize($0, width: 227, height: 227) }
                _ = net.forward(try pre.batch(small))
            }
            let floor = sgemmFloor(batch: batch).reduce(0) { $0 + $1.1 }
            rows.append(["\(batch)", fmt(tForward / Double(batch) * 1e3), fmt(Double(batch) / tForward, 1),
                         fmt(tFull / Double(batch) * 1e3), fmt(Double(batch) / tFull, 1),
                         fmt(floor / Double(batch) * 1e3), fmt(tForward / floor)])
            if batch == 16 {
                summary.append("batch-16 forward / sgemm floor = \(fmt(tForward / floor)) (target ≤ 1.20)")
                summary.append("batch-16 preprocess+forward: \(fmt(tFull / 16 * 1e3)) ms/image — compare with Scripts/reference/bench_torch.py on the same machine (the brief quotes ≈ 38 ms/image for PyTorch)")
            }
        }
        printTable(header: ["batch", "forward ms/img", "img/s", "preproc+fwd ms/img", "img/s", "sgemm floor ms/img", "forward/floor"], rows: rows)

        // Per-layer breakdown at batch 16 next to the floor for the same shapes.
        let input = try pre.batch((0..<16).map { try PillowResampler.resize(images[$0 % images.count], width: 227, height: 227) })
        var timings = LayerTimings()
        let runs = 5
        _ = net.forward(input)
        for _ in 0..<runs { _ = net.forward(input, timings: &timings) }
        let floor = Dictionary(sgemmFloor(batch: 16), uniquingKeysWith: +)
        print("")
        print("per layer, batch 16, mean of \(runs) runs (ms per image):")
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
