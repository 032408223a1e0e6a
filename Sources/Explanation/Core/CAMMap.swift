import Imaging
import Inference

/// One class-activation map: the **raw** map at layer resolution, what it explains, and how.
///
/// `raw` is `ReLU(Σ_k w_k · A_k)` (or the method's element-wise equivalent) at the target layer's
/// resolution (13×13 for conv5), before any scaling — its magnitude is kept so maps can be
/// compared across images and conditions. Display and drift metrics that want [0, 1] use
/// ``normalized()``.
public struct CAMMap: Sendable {
    public var method: CAMMethodKind
    public var layer: EmoNetLayer
    public var target: ClassTarget
    /// The target's score on the explained input (probability or logit, as `target` says).
    public var targetScore: Float
    public var raw: FloatMap
    /// Per-channel weights `w_k`, for methods that have them (Grad-CAM, Grad-CAM++, XGrad-CAM,
    /// Score-CAM, Ablation-CAM, Random-CAM, LIFT-, LRP- and LIME-CAM).
    public var channelWeights: [Float]?
    /// Non-fatal notes (e.g. "all gradients are zero: the map is zero").
    public var warnings: [String]

    public init(method: CAMMethodKind, layer: EmoNetLayer, target: ClassTarget, targetScore: Float, raw: FloatMap,
                channelWeights: [Float]? = nil, warnings: [String] = []) {
        self.method = method
        self.layer = layer
        self.target = target
        self.targetScore = targetScore
        self.raw = raw
        self.channelWeights = channelWeights
        self.warnings = warnings
    }

    /// pytorch-grad-cam's `scale_cam_image` rule: `L ← L − min L`, `L ← L / (max L + 1e-7)`
    /// (float32). An all-zero map stays all zero.
    public func normalized() -> FloatMap { MapScaling.minMax(raw, epsilon: 1e-7) }

    /// The map at `width × height` in [0, 1], as the reference implementation returns it:
    /// pytorch-grad-cam methods min-max scale (ε = 1e-7), resize with OpenCV bilinear (half-pixel
    /// centres), then min-max scale again (its `aggregate_multi_layers`); EmoCAM's Captum methods
    /// (LIFT/LRP/LIME-CAM) resize the raw map bilinearly (`align_corners=False`, the same rule) and
    /// then min-max scale with no ε.
    public func upsampled(width: Int = 227, height: Int = 227) -> FloatMap {
        if method.scoresLogits {
            let up = (try? raw.bilinearResized(width: width, height: height)) ?? raw
            return MapScaling.minMax(up, epsilon: 0)
        }
        let resized = (try? normalized().bilinearResized(width: width, height: height)) ?? normalized()
        return MapScaling.minMax(resized, epsilon: 1e-7)
    }
}
