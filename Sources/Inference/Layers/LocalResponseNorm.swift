/// Cross-channel local response normalisation with PyTorch `LocalResponseNorm` semantics:
///
/// `b[c] = a[c] / (k + (α/n) · Σ_{j=c−⌊n/2⌋}^{c+⌊n/2⌋} a[j]²)^β`, channels outside `[0, C)` count as
/// zero and the divisor stays `n` at the edges. EmoNet: n = 5, α = 1e-4, β = 0.75, k = 1.
/// `t^0.75` is evaluated as `sqrt(t)·sqrt(sqrt(t))` (exact enough, and far cheaper than `powf`).
public struct LocalResponseNorm: Sendable, Hashable {
    public var size: Int = 5
    public var alpha: Float = 1e-4
    public var beta: Float = 0.75
    public var k: Float = 1

    public init(size: Int = 5, alpha: Float = 1e-4, beta: Float = 0.75, k: Float = 1) {
        self.size = size
        self.alpha = alpha
        self.beta = beta
        self.k = k
    }

    /// Normalises `batch` items of `[channels, plane]` from `input` into `output` (may not alias).
    public func forward(batch: Int, channels: Int, plane: Int,
                        input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let half = size / 2
        let scale = alpha / Float(size)
        let fastPower = beta == 0.75
        var squares = [Float](repeating: 0, count: channels * plane)
        var sums = [Float](repeating: 0, count: plane)
        squares.withUnsafeMutableBufferPointer { sq in
            sums.withUnsafeMutableBufferPointer { acc in
                for n in 0..<batch {
                    let x = input + n * channels * plane
                    let y = output + n * channels * plane
                    for i in 0..<(channels * plane) { sq[i] = x[i] * x[i] }
                    for c in 0..<channels {
                        let lo = max(0, c - half), hi = min(channels - 1, c + half)
                        for p in 0..<plane { acc[p] = 0 }
                        for j in lo...hi {
                            let row = sq.baseAddress! + j * plane
                            for p in 0..<plane { acc[p] += row[p] }
                        }
                        let xc = x + c * plane, yc = y + c * plane
                        if fastPower {
                            for p in 0..<plane {
                                let t = k + scale * acc[p]
                                let r = t.squareRoot()
                                yc[p] = xc[p] / (r * r.squareRoot())
                            }
                        } else {
                            for p in 0..<plane {
                                yc[p] = xc[p] / Float(pow(Double(k + scale * acc[p]), Double(beta)))
                            }
                        }
                    }
                }
            }
        }
    }
}

import Foundation
