/// What a gradient or explanation is taken of: one class's softmax probability (what
/// pytorch-grad-cam differentiates with EmoNet in eval mode, and EmoShift's default) or its logit
/// (what the Captum-based EmoCAM methods use).
public enum ClassTarget: Sendable, Hashable, Codable {
    case probability(Int)
    case logit(Int)

    public var classIndex: Int {
        switch self {
        case .probability(let c), .logit(let c): c
        }
    }

    /// `∂score/∂z` for one item: for a probability `p_c(δ_cj − p_j)`, for a logit the one-hot `δ_cj`.
    func logitGradient(probabilities p: ArraySlice<Float>) -> [Float] {
        let base = p.startIndex
        switch self {
        case .logit(let c):
            var g = [Float](repeating: 0, count: p.count)
            g[c] = 1
            return g
        case .probability(let c):
            let pc = p[base + c]
            return (0..<p.count).map { j in pc * ((j == c ? 1 : 0) - p[base + j]) }
        }
    }

    /// The score's value given the item's logits and probabilities.
    func score(logits: ArraySlice<Float>, probabilities: ArraySlice<Float>) -> Float {
        switch self {
        case .probability(let c): probabilities[probabilities.startIndex + c]
        case .logit(let c): logits[logits.startIndex + c]
        }
    }
}
