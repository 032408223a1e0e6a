import Foundation
import Imaging
import Inference

/// Shared state for the explanation tests: the demo network (generated once) and photo inputs.
enum ExplanationFixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let net = EmoNet(weights: EmoNetWeights.demo())

    static func input(_ name: String) throws -> Tensor {
        let rgb = try ImageDecoder.rgb(contentsOf: root + "/Experiments/images/" + name)
        return try EmoNetPreprocessor(meanImage: net.weights.meanImage).batch([rgb])
    }
}
