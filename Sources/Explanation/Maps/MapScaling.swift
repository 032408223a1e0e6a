import Imaging

/// Map normalisations used by the CAM libraries.
public enum MapScaling {
    /// `(L − min) / (max(L − min) + ε)` in float32 — pytorch-grad-cam with ε = 1e-7; EmoCAM's
    /// Captum code uses ε = 0 and leaves a constant map unchanged (pass `epsilon: 0`).
    public static func minMax(_ map: FloatMap, epsilon: Float) -> FloatMap {
        var values = map.values
        guard let lo = values.min() else { return map }
        for i in values.indices { values[i] -= lo }
        let hi = values.max() ?? 0
        if epsilon == 0 && hi == 0 { return map }  // constant map: unchanged (Captum code path)
        let d = hi + epsilon
        if d > 0 { for i in values.indices { values[i] /= d } }
        return try! FloatMap(width: map.width, height: map.height, values: values)
    }
}
