import ArgumentParser
import Foundation
import Imaging
import Perturbation

/// `emoshift perturb IMAGE --transform NAME ...`: try one modification by hand.
struct PerturbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perturb",
        abstract: "Apply one image modification and write the result plus what was applied (JSON).",
        discussion: """
        Examples:
          emoshift perturb photo.jpg --transform gaussian-blur --set sigma=4 -o blurred.png
          emoshift perturb photo.jpg --transform occlude --region faces --fill blur -o no-face.png
          emoshift perturb photo.jpg --transform occlude --region 40,30,100,120 --set shape=ellipse -o out.png
          emoshift perturb photo.jpg --transform insert-object --set object=Experiments/cutouts/gift.png \\
              --set scale=0.3 --set placement=random --seed 7 -o gift.png

        Transforms: \(ModificationFactory.transformNames.joined(separator: ", ")).
        Parameters (--set key=value; lists as a,b,c) are documented in docs/perturbations.md.
        Regions: a detector name (\(RegionSources.detectorNames.joined(separator: ", "))) or explicit boxes \
        x,y,width,height[:label] in original-image pixels (repeatable). A region-based transform with no \
        region writes nothing and exits 3 ("not applicable"), never an unmodified copy.
        """
    )

    @Argument(help: "Input image (PNG or JPEG).")
    var image: String

    @Option(help: "Transform name.")
    var transform: String

    @Option(name: .customLong("set"), parsing: .singleValue, help: "A parameter, key=value (repeatable).")
    var parameters: [String] = []

    @Option(name: .customLong("region"), parsing: .singleValue, help: "Detector name or box x,y,w,h[:label] (repeatable).")
    var regions: [String] = []

    @Option(help: "Shortcut for --set fill=… (occlude, mask-objects): black, grey, mean, blur, pixelate, noise, solid.")
    var fill: String?

    @Option(help: "Seed for random choices.")
    var seed: UInt64 = 0

    @Option(name: [.short, .long], help: "Output image (.png or .jpg).")
    var output: String

    @OptionGroup var decode: DecodeFlags

    static func parseValue(_ text: String) -> ParameterValue {
        if text.contains(",") {
            return .list(text.split(separator: ",").map { parseValue(String($0).trimmingCharacters(in: .whitespaces)) })
        }
        if let i = Int(text) { return .int(i) }
        if let d = Double(text) { return .double(d) }
        if text == "true" || text == "false" { return .bool(text == "true") }
        return .string(text)
    }

    func parsedParameters() throws -> [String: ParameterValue] {
        var result: [String: ParameterValue] = [:]
        if let fill { result["fill"] = .string(fill) }
        for item in parameters {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw ValidationError("--set expects key=value, got '\(item)'")
            }
            result[String(item[..<eq])] = Self.parseValue(String(item[item.index(after: eq)...]))
        }
        return result
    }

    func run() throws {
        let modification: any ImageModification
        do {
            modification = try ModificationFactory.make(transform, parameters: try parsedParameters())
        } catch let error as ValidationError {
            throw error
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        do {
            let rgb = try ImageDecoder.rgb(contentsOf: image, options: decode.options)
            let boxes = try RegionSources.resolve(regions, image: rgb)
            let result = try modification.apply(to: rgb, regions: boxes, seed: seed)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(result.record), as: UTF8.self))
            if case .notApplicable(let reason) = result.record.status {
                printError("not applicable: \(reason) (nothing written)")
                throw ExitCode(3)
            }
            try ImageEncoder.write(result.image, to: output)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
