import ArgumentParser
import Foundation
import Imaging
import Inference

/// `emoshift predict IMAGE...`: EmoNet's 20 emotion probabilities plus valence and arousal.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict EmoNet's 20 emotion probabilities, valence and arousal for images.",
        discussion: """
        Images are read and preprocessed exactly as emonet-py does (Pillow-exact RGB conversion and \
        BICUBIC resize to 227×227, mean-image subtraction). Arguments may be files, folders (their \
        PNG/JPEG files) or quoted globs ("photos/*.jpg").

        Valence and arousal are emonet-py's linear heads applied to the probabilities (as EmoCAM \
        does); --affect-input logits applies them to the logits instead (what emonet-py's own heads \
        compute in training mode; see the reference, ambiguity A3).

        Output formats:
          text  a table: image, top class and its probability, the next two, valence, arousal
          json  [{"image", "top", "probabilities": [20 in class order], "valence", "arousal", "model"}]
          csv   image,top,<one column per class>,valence,arousal,model

        Bad images are reported on stderr and skipped; the exit status is 1 if any failed.
        """
    )

    @Argument(help: "Images, folders or quoted globs.")
    var inputs: [String]

    @Option(help: "Output format: text, json or csv.")
    var format: ListingFormat = .text

    @Option(help: "Images per forward pass (larger batches run the FC layers as GEMM).")
    var batchSize: Int = 16

    @Option(help: "What the valence/arousal heads read: probabilities or logits.")
    var affectInput: String = "probabilities"

    @Flag(help: "Search folders recursively.")
    var recursive = false

    @OptionGroup var model: ModelOptions
    @OptionGroup var decode: DecodeFlags

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be ≥ 1") }
        guard AffectHeads.Input(rawValue: affectInput) != nil else {
            throw ValidationError("--affect-input must be 'probabilities' or 'logits', got '\(affectInput)'")
        }
    }

    struct Row: Encodable {
        var image: String
        var top: String
        var probabilities: [Float]
        var valence: Double
        var arousal: Double
        var model: String
    }

    func run() throws {
        let files = ImageInputs.expand(inputs, recursive: recursive)
        guard !files.isEmpty else {
            printError("error: no images found in \(inputs.joined(separator: " "))")
            throw ExitCode(1)
        }
        let net = try model.loadModel()
        let pre = EmoNetPreprocessor(meanImage: net.weights.meanImage)
        let headInput = AffectHeads.Input(rawValue: affectInput)!
        let modelLabel = net.weights.isDemo ? "DEMO (not EmoNet)" : "EmoNet \(net.weights.provenance.sha256.prefix(12))"
        var failures = 0
        var rows: [Row] = []
        if format == .csv {
            print((["image", "top"] + EmoNetClasses.names + ["valence", "arousal", "model"]).map(csvField).joined(separator: ","))
        }
        var index = 0
        while index < files.count {
            let chunk = Array(files[index..<min(files.count, index + batchSize)])
            index += chunk.count
            var images: [Image] = []
            var names: [String] = []
            for path in chunk {
                do {
                    images.append(try PillowResampler.resize(try ImageDecoder.rgb(contentsOf: path, options: decode.options), width: 227, height: 227))
                    names.append(path)
                } catch {
                    failures += 1
                    printError("error: \(error.description)")
                }
            }
            guard !images.isEmpty else { continue }
            let result = net.forward(try pre.batch(images))
            for (n, name) in names.enumerated() {
                let probs = result.probabilities(of: n)
                let y = headInput == .probabilities ? probs : result.logits(of: n)
                let row = Row(image: name, top: EmoNetClasses.names[result.top1(of: n)], probabilities: probs,
                              valence: AffectHeads.valence(y), arousal: AffectHeads.arousal(y), model: modelLabel)
                switch format {
                case .json: rows.append(row)
                case .csv:
                    let fields = [row.image, row.top] + probs.map { "\($0)" } + ["\(row.valence)", "\(row.arousal)", modelLabel]
                    print(fields.map(csvField).joined(separator: ","))
                case .text: rows.append(row)
                }
            }
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        case .text:
            if net.weights.isDemo { print("# DEMO MODEL — not EmoNet: these numbers say nothing about emotions") }
            let table = rows.map { r -> [String] in
                let ranked = r.probabilities.enumerated().sorted { $0.element > $1.element }
                let next = ranked.dropFirst().prefix(2).map { "\(EmoNetClasses.names[$0.offset]) \(fmt(Double($0.element), 3))" }
                return [r.image, r.top, fmt(Double(ranked[0].element), 3), next.joined(separator: ", "),
                        fmt(r.valence, 3), fmt(r.arousal, 3)]
            }
            printTable(header: ["image", "top", "p", "next", "valence", "arousal"], rows: table)
        case .csv: break
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
