import Detection
import Explanation
import Inference
import Foundation
import Imaging
import Perturbation

/// Turns `--region` arguments into boxes: explicit `x,y,w,h[:label]` boxes in original-image pixels,
/// or the name of a built-in detector run on the image.
enum RegionSources {
    static var detectorNames: [String] { NamedDetector.allCases.map(\.rawValue) + ["salient"] }

    static func resolve(_ arguments: [String], image: Image) throws -> [PerturbationRegion] {
        var boxes: [PerturbationRegion] = []
        for arg in arguments {
            if let detector = NamedDetector(rawValue: arg.lowercased()) {
                boxes += try detector.detect(in: image, minSize: (30, 30)).map {
                    PerturbationRegion(label: $0.label, x: $0.x, y: $0.y, width: $0.width, height: $0.height)
                }
                continue
            }
            if arg.lowercased() == "salient" {
                // The top-20 % Grad-CAM region of EmoNet's top-1 class.
                let net = EmoNet(weights: try WeightLocator().load(WeightLocator().resolve(explicit: nil).source))
                let input = try EmoNetPreprocessor(meanImage: net.weights.meanImage).batch([image])
                let ctx = ExplanationContext(net: net, input: input, classes: [net.forward(input).top1(of: 0)])
                if let b = SalientRegion.box(GradCAM().maps(ctx)[0], imageWidth: image.width, imageHeight: image.height) {
                    boxes.append(PerturbationRegion(label: "salient", x: Double(b.x), y: Double(b.y),
                                                    width: Double(b.width), height: Double(b.height)))
                }
                continue
            }
            let parts = arg.split(separator: ":", maxSplits: 1).map(String.init)
            let numbers = parts[0].split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            if numbers.count == 4 {
                guard numbers[2] > 0, numbers[3] > 0 else {
                    throw RegionError(message: "region '\(arg)': width and height must be positive")
                }
                boxes.append(PerturbationRegion(label: parts.count > 1 ? parts[1] : "box", x: numbers[0], y: numbers[1],
                                                width: numbers[2], height: numbers[3]))
                continue
            }
            throw RegionError(message: "region '\(arg)': expected x,y,width,height[:label]\(detectorNames.isEmpty ? "" : " or one of \(detectorNames.joined(separator: ", "))")")
        }
        return boxes
    }

    struct RegionError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
