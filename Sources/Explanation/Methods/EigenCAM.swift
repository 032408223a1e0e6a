import Imaging
import Inference

/// Eigen-CAM (Muhammad & Yeasin 2020), as pytorch-grad-cam's `get_2d_projection`: the activations
/// as a `HW × C` matrix X, centred per channel (column), projected on their first right singular
/// vector: `p = X·v₁ = σ₁·u₁`; `L = ReLU(p)`. Not class-discriminative.
///
/// **Sign.** An SVD's singular vectors have an arbitrary sign (numpy/LAPACK pick one, which then
/// decides which half survives the ReLU). EmoShift fixes it: `p` is oriented so that it
/// correlates positively with the channel-summed activation map `Σ_k A_k` — the projection points
/// towards where the layer is most active. Compare with pytorch-grad-cam "up to sign".
public struct EigenCAM: CAMMethod {
    public let kind = CAMMethodKind.eigenCAM
    public init() {}

    /// The signed projection `p` (before ReLU) for item `n`, `H × W`.
    public static func projection(_ a: Tensor, item n: Int) -> [Float] {
        let c = a.shape[1], plane = a.shape[2] * a.shape[3]
        let base = n * c * plane
        // X[i, k] = A_k[i] − mean_i A_k[i]
        var x = [Double](repeating: 0, count: plane * c)
        var activity = [Double](repeating: 0, count: plane)
        for k in 0..<c {
            var mean = 0.0
            for i in 0..<plane { mean += Double(a.values[base + k * plane + i]) }
            mean /= Double(plane)
            for i in 0..<plane {
                let v = Double(a.values[base + k * plane + i])
                x[i * c + k] = v - mean
                activity[i] += v
            }
        }
        // Gram matrix X·Xᵀ (HW × HW); its top eigenvector is u₁ and eigenvalue σ₁².
        var gram = [Double](repeating: 0, count: plane * plane)
        for i in 0..<plane {
            for j in i..<plane {
                var s = 0.0
                for k in 0..<c { s += x[i * c + k] * x[j * c + k] }
                gram[i * plane + j] = s
                gram[j * plane + i] = s
            }
        }
        let (lambda, u) = SymmetricEigen.top(gram, n: plane)
        let sigma = max(lambda, 0).squareRoot()
        var p = u.map { $0 * sigma }
        let activityMean = activity.reduce(0, +) / Double(plane)
        var agreement = 0.0
        for i in 0..<plane { agreement += p[i] * (activity[i] - activityMean) }
        if agreement < 0 { p = p.map { -$0 } }
        return p.map { Float($0) }
    }

    public func maps(_ ctx: ExplanationContext) -> [CAMMap] {
        let a = ctx.activations
        return (0..<ctx.batch).map { n in
            let p = Self.projection(a, item: n).map { $0 > 0 ? $0 : 0 }
            return CAMMap(method: kind, layer: ctx.layer, target: ctx.target(n, logit: false), targetScore: ctx.score(n, logit: false),
                          raw: try! FloatMap(width: a.shape[3], height: a.shape[2], values: p),
                          warnings: ["Eigen-CAM is not class-discriminative: the same map for every target class"])
        }
    }
}
