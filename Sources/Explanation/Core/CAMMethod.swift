import Imaging
import Inference

/// A CAM method: turns a context (network, inputs, classes, layer) into one map per item.
public protocol CAMMethod: Sendable {
    var kind: CAMMethodKind { get }
    /// Layers the method supports.
    var supportedLayers: [EmoNetLayer] { get }
    func maps(_ context: ExplanationContext) -> [CAMMap]
}

extension CAMMethod {
    public var supportedLayers: [EmoNetLayer] { EmoNet.gradientLayers }
}

/// Builds methods by kind.
public enum CAMMethods {
    public static func method(_ kind: CAMMethodKind) -> any CAMMethod {
        switch kind {
        case .gradCAM: GradCAM()
        case .gradCAMPlusPlus: GradCAMPlusPlus()
        case .xGradCAM: XGradCAM()
        case .hiResCAM: HiResCAM()
        case .layerCAM: LayerCAM()
        case .eigenCAM: EigenCAM()
        case .scoreCAM: ScoreCAM()
        case .ablationCAM: AblationCAM()
        case .randomCAM: RandomCAM()
        case .liftCAM: LiftCAM()
        case .lrpCAM: LRPCAM()
        case .limeCAM: LimeCAM()
        }
    }
}

/// Shared arithmetic of the weight-based methods.
enum CAMMath {
    /// `ReLU(Σ_k w_k · A_k)` for item `n` of `[N, C, H, W]` activations, as a `H × W` map.
    static func weightedMap(_ a: Tensor, item n: Int, weights: [Float]) -> FloatMap {
        let c = a.shape[1], h = a.shape[2], w = a.shape[3], plane = h * w
        var out = [Float](repeating: 0, count: plane)
        a.values.withUnsafeBufferPointer { av in
            let base = n * c * plane
            for k in 0..<c {
                let wk = weights[k]
                if wk == 0 { continue }
                for i in 0..<plane { out[i] += wk * av[base + k * plane + i] }
            }
        }
        for i in out.indices where !(out[i] > 0) { out[i] = 0 }
        return try! FloatMap(width: w, height: h, values: out)
    }

    /// `ReLU(Σ_k M_k)` of an element-wise combination `M_k[i] = f(A_k[i], G_k[i])`.
    static func elementwiseMap(_ a: Tensor, _ g: Tensor, item n: Int, _ f: (Float, Float) -> Float) -> FloatMap {
        let c = a.shape[1], h = a.shape[2], w = a.shape[3], plane = h * w
        var out = [Float](repeating: 0, count: plane)
        let base = n * c * plane
        for k in 0..<c {
            for i in 0..<plane { out[i] += f(a.values[base + k * plane + i], g.values[base + k * plane + i]) }
        }
        for i in out.indices where !(out[i] > 0) { out[i] = 0 }
        return try! FloatMap(width: w, height: h, values: out)
    }

    /// Per-channel reduction `Σ_{ij} f(A, G)` for item `n`.
    static func channelSums(_ a: Tensor, _ g: Tensor, item n: Int, _ f: (Float, Float) -> Float) -> [Float] {
        let c = a.shape[1], plane = a.shape[2] * a.shape[3]
        let base = n * c * plane
        return (0..<c).map { k in
            var s: Float = 0
            for i in 0..<plane { s += f(a.values[base + k * plane + i], g.values[base + k * plane + i]) }
            return s
        }
    }

    /// Warning for an all-zero gradient (e.g. the target's probability saturated at 1 or a dead tail).
    static func gradientWarnings(_ g: Tensor, item n: Int) -> [String] {
        let item = g.itemCount
        let allZero = g.values[(n * item)..<((n + 1) * item)].allSatisfy { $0 == 0 }
        return allZero ? ["all gradients at the target layer are zero: the map is zero"] : []
    }
}
