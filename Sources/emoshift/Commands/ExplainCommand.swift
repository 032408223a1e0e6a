import ArgumentParser
import Explanation
import Foundation
import Imaging
import Inference

/// `emoshift explain IMAGE... --method grad-cam,...`: CAM heatmaps with their raw maps.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain EmoNet's prediction with CAM heatmaps (overlay PNG + raw map .npy + JSON summary).",
        discussion: """
        For each image and method, writes to --output:
          <stem>.<method>.png   the heatmap blended 50/50 on the image (pytorch-grad-cam's show_cam_on_image)
          <stem>.<method>.npy   the RAW map at layer resolution (13×13 float32 for conv5): ReLU(Σ w·A)
                                before any scaling, so magnitudes stay comparable across images
          explanations.json     per image and method: target class and its probability, layer, weights
                                used, raw-map statistics, warnings

        Methods: \(CAMMethodKind.allCases.map(\.rawValue).joined(separator: ", ")), or 'all'.
        grad-cam, grad-cam++, xgrad-cam, hires-cam, layer-cam, eigen-cam, score-cam and ablation-cam \
        follow pytorch-grad-cam 1.5 (softmax-probability target); lift-cam, lrp-cam and lime-cam follow \
        the EmoCAM paper's Captum code (logit target). The default layer is conv5's output before ReLU.
        """
    )

    @Argument(help: "Images, folders or quoted globs.")
    var inputs: [String]

    @Option(help: "Comma-separated CAM methods, or 'all'.")
    var method: String = "grad-cam"

    @Option(help: "What to explain: top1 (default), a class name (e.g. Awe) or a class index 0–19.")
    var target: String = "top1"

    @Option(help: "Target layer: conv1 … conv5 (pre-ReLU outputs); ablation-, lift-, lrp- and lime-cam need conv5.")
    var layer: String = "conv5"

    @Option(name: [.short, .long], help: "Output folder.")
    var output: String

    @Option(help: "Overlay colormap: \(Colormap.allCases.map(\.rawValue).joined(separator: ", ")).")
    var colormap: String = "jet"

    @Option(help: "Overlay size: 227 (the network input) or original.")
    var overlaySize: String = "227"

    @Option(help: "Seed for random-cam and lime-cam.")
    var seed: UInt64 = 0

    @OptionGroup var model: ModelOptions
    @OptionGroup var decode: DecodeFlags

    func methods() throws -> [CAMMethodKind] {
        if method.lowercased() == "all" { return CAMMethodKind.allCases }
        return try method.split(separator: ",").map { name in
            guard let kind = CAMMethodKind(name: String(name).trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown method '\(name)'; valid: \(CAMMethodKind.allCases.map(\.rawValue).joined(separator: ", ")), all")
            }
            return kind
        }
    }

    func targetLayer() throws -> EmoNetLayer {
        guard let l = EmoNetLayer(name: layer), EmoNet.gradientLayers.contains(l) else {
            throw ValidationError("unknown or unsupported layer '\(layer)'; valid: \(EmoNet.gradientLayers.map(\.rawValue).joined(separator: ", "))")
        }
        return l
    }

    func fixedClass() throws -> Int? {
        if target.lowercased() == "top1" { return nil }
        if let i = Int(target) {
            guard (0..<EmoNetClasses.count).contains(i) else { throw ValidationError("class index must be 0–19, got \(i)") }
            return i
        }
        guard let i = EmoNetClasses.index(of: target) else {
            throw ValidationError("unknown class '\(target)'; valid: top1, 0–19, or \(EmoNetClasses.names.joined(separator: ", "))")
        }
        return i
    }

    func validate() throws {
        let kinds = try methods()
        let l = try targetLayer()
        for k in kinds where !CAMMethods.method(k).supportedLayers.contains(l) {
            throw ValidationError("\(k.rawValue) supports \(CAMMethods.method(k).supportedLayers.map(\.rawValue).joined(separator: ", ")) only, not \(layer)")
        }
        _ = try fixedClass()
        guard Colormap(rawValue: colormap) != nil else {
            throw ValidationError("unknown colormap '\(colormap)'; valid: \(Colormap.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard overlaySize == "227" || overlaySize == "original" else { throw ValidationError("--overlay-size must be 227 or original") }
    }

    struct Summary: Encodable {
        var image: String
        var method: String
        var layer: String
        var targetClass: String
        var targetIndex: Int
        var targetScoreKind: String
        var targetScore: Float
        var probability: Float
        var rawMap: String
        var overlay: String
        var rawMax: Float
        var rawSum: Float
        var weights: String
        var demoModel: Bool
        var warnings: [String]
    }

    func run() throws {
        let kinds = try methods()
        let l = try targetLayer()
        let fixed = try fixedClass()
        let cmap = Colormap(rawValue: colormap)!
        let files = ImageInputs.expand(inputs)
        let net = try model.loadModel()
        let pre = EmoNetPreprocessor(meanImage: net.weights.meanImage)
        do { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true) } catch {
            printError("error: \(output): cannot create the output folder: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        var summaries: [Summary] = []
        var failures = 0
        for path in files {
            do {
                let rgb = try ImageDecoder.rgb(contentsOf: path, options: decode.options)
                let small = try EmoNetPreprocessor.resized(rgb)
                let input = try pre.batch([small])
                let probabilities = net.forward(input).probabilities
                let cls = fixed ?? probabilities.values.indices.max { probabilities.values[$0] < probabilities.values[$1] }!
                let ctx = ExplanationContext(net: net, input: input, classes: [cls], layer: l, seed: seed)
                let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                for kind in kinds {
                    let map = CAMMethods.method(kind).maps(ctx)[0]
                    let base = (output as NSString).appendingPathComponent("\(stem).\(kind.rawValue)")
                    try NPYFile(map.raw).write(to: base + ".npy")
                    let background = overlaySize == "original" ? rgb : small
                    let overlay = try CAMOverlay.blend(image: background, mask: map.upsampled(width: background.width, height: background.height), colormap: cmap)
                    try ImageEncoder.write(overlay, to: base + ".png")
                    for w in map.warnings where w.contains("zero") { printError("warning: \(path): \(kind.rawValue): \(w)") }
                    summaries.append(Summary(
                        image: path, method: kind.rawValue, layer: l.rawValue, targetClass: EmoNetClasses.names[cls], targetIndex: cls,
                        targetScoreKind: kind.scoresLogits ? "logit" : "probability", targetScore: map.targetScore,
                        probability: probabilities.values[cls], rawMap: base + ".npy", overlay: base + ".png",
                        rawMax: map.raw.values.max() ?? 0, rawSum: map.raw.values.reduce(0, +),
                        weights: net.weights.provenance.summary, demoModel: net.weights.isDemo, warnings: map.warnings))
                }
                print("\(path): \(EmoNetClasses.names[cls]) (p = \(fmt(Double(probabilities.values[cls]), 3))) → \(kinds.count) map(s)")
            } catch {
                failures += 1
                printError("error: \(error)")
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(summaries)
        try AtomicFile.write(Array(json), to: (output as NSString).appendingPathComponent("explanations.json"))
        print("wrote \(summaries.count) map(s) and explanations.json to \(output)\(net.weights.isDemo ? " (DEMO MODEL — not EmoNet)" : "")")
        if failures > 0 { throw ExitCode(1) }
    }
}
