import CKernels
/// Element-wise and row-wise activations.
public enum Activations {
    /// `max(x, 0)` in place, branch-free so it vectorises (a data-dependent branch here costs
    /// ~1 ms per image in mispredictions). NaN stays NaN, as in PyTorch's ReLU.
    public static func relu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        ck_relu(x, count)
    }

    /// Row-wise softmax: `p_j = exp(z_j − max z) / Σ_k exp(z_k − max z)`; the sum is accumulated
    /// in Double.
    public static func softmax(rows: Int, columns: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let z = input + r * columns, p = output + r * columns
            var m = -Float.infinity
            for j in 0..<columns { m = max(m, z[j]) }
            var sum = 0.0
            for j in 0..<columns {
                let e = expf(z[j] - m)
                p[j] = e
                sum += Double(e)
            }
            let inv = Float(1 / sum)
            for j in 0..<columns { p[j] *= inv }
        }
    }
}

import Foundation
