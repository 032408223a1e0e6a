import CKernels
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

    /// Gradient with respect to the input, given the input `x` and the output gradient `g`
    /// (Double internally):
    /// `∂L/∂x_i = g_i·d_i^{−β} − (2αβ/n)·x_i·Σ_{c: |c−i| ≤ n/2} g_c·x_c·d_c^{−β−1}`,
    /// `d_c = k + (α/n)·Σ_{|j−c| ≤ n/2} x_j²`.
    public func backward(batch: Int, channels: Int, plane: Int, input x: [Float], gradient g: [Float]) -> [Float] {
        let half = size / 2
        let a = Double(alpha), b = Double(beta), kk = Double(k), nn = Double(size)
        var out = [Float](repeating: 0, count: x.count)
        var d = [Double](repeating: 0, count: channels)
        var t = [Double](repeating: 0, count: channels)
        for item in 0..<batch {
            let base = item * channels * plane
            for p in 0..<plane {
                for c in 0..<channels {
                    var s = 0.0
                    for j in max(0, c - half)...min(channels - 1, c + half) {
                        let v = Double(x[base + j * plane + p]); s += v * v
                    }
                    d[c] = kk + a / nn * s
                    t[c] = Double(g[base + c * plane + p]) * Double(x[base + c * plane + p]) * pow(d[c], -b - 1)
                }
                for i in 0..<channels {
                    var s = 0.0
                    for c in max(0, i - half)...min(channels - 1, i + half) { s += t[c] }
                    let xi = Double(x[base + i * plane + p])
                    out[base + i * plane + p] = Float(Double(g[base + i * plane + p]) * pow(d[i], -b) - 2 * a * b / nn * xi * s)
                }
            }
        }
        return out
    }

    /// `acc[p] += sign · row[p]²`, eight lanes at a time.
    @inline(__always)
    static func accumulateSquares(_ acc: UnsafeMutablePointer<Float>, _ row: UnsafePointer<Float>, _ n: Int, sign: Float) {
        var p = 0
        let s8 = SIMD8<Float>(repeating: sign)
        while p + 8 <= n {
            let r = UnsafeRawPointer(row + p).loadUnaligned(as: SIMD8<Float>.self)
            let a = UnsafeRawPointer(acc + p).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(acc + p).storeBytes(of: a + s8 * (r * r), as: SIMD8<Float>.self)
            p += 8
        }
        while p < n { acc[p] += sign * (row[p] * row[p]); p += 1 }
    }

    /// Normalises `batch` items of `[channels, plane]` from `input` into `output` (may not alias).
    ///
    /// The window sum is kept as a running sum over channels (add the entering channel's squares,
    /// subtract the leaving one's): one pass, vectorised across pixels. Its rounding differs from a
    /// direct 5-term sum by ~1e-7 relative, which changes the output by < 1e-9 relative because
    /// `(α/n)·Σ` is tiny next to k = 1.
    public func forward(batch: Int, channels: Int, plane: Int,
                        input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let half = size / 2
        let scale = alpha / Float(size)
        let kk = k
        let fastPower = beta == 0.75
        let acc = UnsafeMutablePointer<Float>.allocate(capacity: plane)
        defer { acc.deallocate() }
        if fastPower {
            for n in 0..<batch {
                ck_lrn_075(input + n * channels * plane, output + n * channels * plane, Int32(channels), Int32(plane),
                           Int32(size), alpha, kk, acc)
            }
            return
        }
        for n in 0..<batch {
            let x = input + n * channels * plane
            let y = output + n * channels * plane
            acc.update(repeating: 0, count: plane)
            for j in 0..<min(half, channels) { Self.accumulateSquares(acc, x + j * plane, plane, sign: 1) }
            for c in 0..<channels {
                let entering = c + half
                if entering < channels { Self.accumulateSquares(acc, x + entering * plane, plane, sign: 1) }
                let xc = x + c * plane, yc = y + c * plane
                if fastPower {
                    // SIMD: scalar Float.squareRoot() keeps a libm call for errno and does not vectorise.
                    var p = 0
                    let k8 = SIMD8<Float>(repeating: kk), s8 = SIMD8<Float>(repeating: scale)
                    while p + 8 <= plane {
                        let a = UnsafeRawPointer(acc + p).loadUnaligned(as: SIMD8<Float>.self)
                        let xv = UnsafeRawPointer(xc + p).loadUnaligned(as: SIMD8<Float>.self)
                        let t = k8 + s8 * a
                        let r = t.squareRoot()
                        UnsafeMutableRawPointer(yc + p).storeBytes(of: xv / (r * r.squareRoot()), as: SIMD8<Float>.self)
                        p += 8
                    }
                    while p < plane {
                        let t = SIMD2<Float>(repeating: kk + scale * acc[p])
                        let r = t.squareRoot()
                        yc[p] = xc[p] / (r * r.squareRoot())[0]
                        p += 1
                    }
                } else {
                    for p in 0..<plane { yc[p] = xc[p] / Float(pow(Double(kk + scale * acc[p]), Double(beta))) }
                }
                let leaving = c - half
                if leaving >= 0 { Self.accumulateSquares(acc, x + leaving * plane, plane, sign: -1) }
            }
        }
    }
}

import Foundation
