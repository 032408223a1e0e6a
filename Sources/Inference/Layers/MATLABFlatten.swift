/// The flatten before fc6 in MATLAB's column-major order over (H, W, C):
/// `flat[36·c + 6·w + h] = pool5[c, h, w]` for a 256×6×6 map (generally `flat[c·H·W + w·H + h]`).
/// Rows vary fastest, then columns, then channels. The usual C-order flatten gives wrong outputs
/// with EmoNet's fc6 weights.
public enum MATLABFlatten {
    public static func forward(batch: Int, channels: Int, height: Int, width: Int,
                               input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let plane = height * width
        for n in 0..<batch {
            let src = input + n * channels * plane, dst = output + n * channels * plane
            for c in 0..<channels {
                for h in 0..<height {
                    for w in 0..<width { dst[c * plane + w * height + h] = src[c * plane + h * width + w] }
                }
            }
        }
    }

    /// Inverse mapping, for gradients: `grad_pool5[c, h, w] = grad_flat[c·H·W + w·H + h]`.
    public static func backward(batch: Int, channels: Int, height: Int, width: Int,
                                gradient: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let plane = height * width
        for n in 0..<batch {
            let src = gradient + n * channels * plane, dst = output + n * channels * plane
            for c in 0..<channels {
                for h in 0..<height {
                    for w in 0..<width { dst[c * plane + h * width + w] = src[c * plane + w * height + h] }
                }
            }
        }
    }
}
