import Explanation
import Foundation
import Imaging
import Inference

/// The CAM part of `emoshift bench`: per-method time per image next to the forward pass it
/// builds on, measured in the same run.
struct ExplanationBench {
    var net: EmoNet
    var image: Image
    var measure: (() -> Void) -> Double

    func run() throws {
        let pre = EmoNetPreprocessor(meanImage: net.weights.meanImage)
        let input = try pre.batch([try EmoNetPreprocessor.resized(image)])
        let top = net.forward(input).top1(of: 0)
        let forward1 = measure { _ = net.forward(input) }
        // 256 masked inputs through the whole network in batches of 32, as Score-CAM does.
        let batch32 = Tensor(shape: [32, 3, 227, 227], values: [Float](repeating: 0, count: 32 * 3 * 227 * 227))
        let forward32 = measure { _ = net.forward(batch32) }
        let forwards256 = forward32 * 8
        print("")
        print("== CAM methods (1 image, conv5, OpenBLAS \(BLAS.threads) thread(s))")
        print("forward (batch 1): \(fmt(forward1 * 1e3)) ms · 256 forwards in batches of 32: \(fmt(forwards256 * 1e3)) ms")
        var rows: [[String]] = []
        for kind in CAMMethodKind.allCases {
            let method = CAMMethods.method(kind)
            let t = measure {
                let ctx = ExplanationContext(net: net, input: input, classes: [top])
                _ = method.maps(ctx)
            }
            let reference: String
            switch kind {
            case .scoreCAM: reference = "\(fmt(t / forwards256)) × 256 forwards (target ≤ 1.15)"
            case .ablationCAM: reference = "target ≤ 200 ms"
            default: reference = "\(fmt(t / forward1)) × forward" + (kind == .gradCAM ? " (target ≤ 1.3)" : "")
            }
            rows.append([kind.rawValue, fmt(t * 1e3), reference])
        }
        printTable(header: ["method", "ms/image (incl. forward)", "ratio"], rows: rows)
        print("pytorch-grad-cam 1.5.7, 1 thread: run Scripts/reference/bench_cam_torch.py on the same machine (the brief quotes Grad-CAM ≈ 172 ms, Score-CAM ≈ 6.3 s, Ablation-CAM ≈ 6.35 s per image)")
    }
}
