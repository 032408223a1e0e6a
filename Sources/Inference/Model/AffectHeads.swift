/// The valence and arousal heads of emonet-py (ports of Kragel et al.'s linear models): one
/// linear unit each on the 20-vector EmoNet outputs,
/// `arousal = 6.5139 + Σ wA[i]·y[i]`, `valence = 3.2963 + Σ wV[i]·y[i]`.
///
/// Which `y` goes in is ambiguous in the sources (reference §1.8, A3): EmoCAM feeds the softmax
/// **probabilities** (the default here); emonet-py's own heads build a fresh module in training
/// mode and so see the **logits**. `AffectInput` selects.
public enum AffectHeads {
    public enum Input: String, Sendable, CaseIterable, Codable {
        case probabilities, logits
    }

    public static let arousalIntercept = 6.5139
    public static let valenceIntercept = 3.2963
    public static let arousalWeights: [Double] = [
        -0.0910, -0.0121, -0.3154, 0.0152, 0.3949, -0.2019, -0.1216, -0.1029, 0.0637, 0.0037,
        -0.1700, 0.0736, 0.2145, 0.1670, -0.2425, -0.0555, 0.1480, 0.1390, 0.1877, -0.0824,
    ]
    public static let valenceWeights: [Double] = [
        0.5990, 0.4576, 0.3248, -0.0634, 0.0035, 0.0560, 0.1163, -0.1370, -0.7719, -0.1210,
        -0.1862, 0.0214, -0.3015, -0.3680, 0.2467, -0.2335, 0.1096, -0.3858, 0.1538, 0.5741,
    ]

    public static func arousal<C: Collection>(_ y: C) -> Double where C.Element == Float {
        zip(arousalWeights, y).reduce(arousalIntercept) { $0 + $1.0 * Double($1.1) }
    }

    public static func valence<C: Collection>(_ y: C) -> Double where C.Element == Float {
        zip(valenceWeights, y).reduce(valenceIntercept) { $0 + $1.0 * Double($1.1) }
    }
}
