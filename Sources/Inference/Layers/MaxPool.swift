/// 3×3 (or k×k) max pooling, stride s, no padding, floor output size `⌊(n − k)/s⌋ + 1`.
///
/// Also records, for each output, the index (`y·W + x` within its input plane) of the first
/// maximum in row-major window order (PyTorch's CPU tie rule) — the routing the backward pass needs.
public struct MaxPool: Sendable, Hashable {
    public var kernel: Int = 3
    public var stride: Int = 2

    public init(kernel: Int = 3, stride: Int = 2) {
        self.kernel = kernel
        self.stride = stride
    }

    public func outSize(_ n: Int) -> Int { (n - kernel) / stride + 1 }

    /// Pools `planes` planes of `height × width` (batch × channels) into `output`, writing argmax
    /// indices into `argmax` when given.
    public func forward(planes: Int, height: Int, width: Int, input: UnsafePointer<Float>,
                        output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>?) {
        let ho = outSize(height), wo = outSize(width)
        if argmax == nil && kernel == 3 {
            separable3(planes: planes, height: height, width: width, ho: ho, wo: wo, input: input, output: output)
            return
        }
        for pl in 0..<planes {
            let src = input + pl * height * width
            let dst = output + pl * ho * wo
            for oy in 0..<ho {
                for ox in 0..<wo {
                    let y0 = oy * stride, x0 = ox * stride
                    var best = src[y0 * width + x0]
                    var bestIndex = y0 * width + x0
                    for dy in 0..<kernel {
                        let row = (y0 + dy) * width
                        for dx in 0..<kernel {
                            let v = src[row + x0 + dx]
                            if v > best || v.isNaN { best = v; bestIndex = row + x0 + dx }
                        }
                    }
                    dst[oy * wo + ox] = best
                    argmax?[pl * ho * wo + oy * wo + ox] = Int32(bestIndex)
                }
            }
        }
    }

    /// Values only, 3×3: the max of three input rows (vectorised), then of three columns.
    private func separable3(planes: Int, height: Int, width: Int, ho: Int, wo: Int,
                            input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let v = UnsafeMutablePointer<Float>.allocate(capacity: width)
        defer { v.deallocate() }
        for pl in 0..<planes {
            let src = input + pl * height * width
            let dst = output + pl * ho * wo
            for oy in 0..<ho {
                let r0 = src + oy * stride * width, r1 = r0 + width, r2 = r1 + width
                for x in 0..<width {
                    let a = r0[x], b = r1[x], c = r2[x]
                    let m = a > b ? a : b
                    v[x] = m > c ? m : c
                }
                let out = dst + oy * wo
                for ox in 0..<wo {
                    let i = ox * stride
                    let a = v[i], b = v[i + 1], c = v[i + 2]
                    let m = a > b ? a : b
                    out[ox] = m > c ? m : c
                }
            }
        }
    }
}
