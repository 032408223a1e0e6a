/// The CAM methods EmoShift implements, by their command-line names.
public enum CAMMethodKind: String, Sendable, Hashable, CaseIterable, Codable {
    case gradCAM = "grad-cam"
    case gradCAMPlusPlus = "grad-cam++"
    case xGradCAM = "xgrad-cam"
    case hiResCAM = "hires-cam"
    case layerCAM = "layer-cam"
    case eigenCAM = "eigen-cam"
    case scoreCAM = "score-cam"
    case ablationCAM = "ablation-cam"
    case randomCAM = "random-cam"
    case liftCAM = "lift-cam"
    case lrpCAM = "lrp-cam"
    case limeCAM = "lime-cam"

    /// Accepts the CLI names and common spellings ("gradcam", "GradCAM++", "scorecam").
    public init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: "_", with: "-")
        if let kind = CAMMethodKind(rawValue: key) { self = kind; return }
        let squashed = key.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "plusplus", with: "++")
        guard let kind = CAMMethodKind.allCases.first(where: { $0.rawValue.replacingOccurrences(of: "-", with: "") == squashed })
        else { return nil }
        self = kind
    }

    /// Whether the method needs the backward pass.
    public var needsGradients: Bool {
        switch self {
        case .gradCAM, .gradCAMPlusPlus, .xGradCAM, .hiResCAM, .layerCAM, .liftCAM, .lrpCAM: true
        default: false
        }
    }

    /// The target the reference implementation scores: pytorch-grad-cam differentiates the
    /// softmax probability (EmoNet in eval mode); EmoCAM's Captum methods use the logit.
    public var scoresLogits: Bool { self == .liftCAM || self == .lrpCAM || self == .limeCAM }

    /// The eight methods of pytorch-grad-cam that EmoShift reproduces, plus the sanity baseline.
    public static let standard: [CAMMethodKind] = [.gradCAM, .gradCAMPlusPlus, .xGradCAM, .hiResCAM, .layerCAM,
                                                   .eigenCAM, .scoreCAM, .ablationCAM]
}

import Foundation
