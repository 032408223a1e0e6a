import ArgumentParser
import Foundation
import Imaging

/// `emoshift image resize FILE... --size WxH --output DIR`: decode, convert to RGB and resize with
/// Pillow's exact algorithm — by default what emonet-py feeds EmoNet (227×227 BICUBIC).
struct ImageResizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resize",
        abstract: "Convert images to RGB and resize them bit-exactly as Pillow does.",
        discussion: """
        The output equals Pillow 13's Image.open(f).convert("RGB").resize((W, H), filter) byte for \
        byte. Aspect ratio is not preserved (as emonet-py). Outputs are PNG, named <stem>.png in the \
        output folder. Files that fail are reported and skipped; exit status 1 if any failed.
        """
    )

    @Argument(help: "Image files (PNG or JPEG).")
    var files: [String]

    @Option(help: "Target size WxH.")
    var size: String = "227x227"

    @Option(help: "Filter: \(ResampleFilter.allCases.map(\.rawValue).joined(separator: ", ")).")
    var filter: String = "bicubic"

    @Option(name: [.short, .long], help: "Output folder (created if missing).")
    var output: String

    @OptionGroup var decode: DecodeFlags

    func validate() throws {
        _ = try parsedSize()
        guard ResampleFilter(rawValue: filter) != nil else {
            throw ValidationError("unknown filter '\(filter)'; valid: \(ResampleFilter.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func parsedSize() throws -> (Int, Int) {
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0, w <= 65_535, h <= 65_535 else {
            throw ValidationError("--size must look like 227x227 (positive width x height), got '\(size)'")
        }
        return (w, h)
    }

    func run() throws {
        let (w, h) = try parsedSize()
        let resample = ResampleFilter(rawValue: filter)!
        let options = decode.options
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            printError("error: \(output): cannot create the output folder: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        var failures = 0
        for path in files {
            do {
                let rgb = try ImageDecoder.rgb(contentsOf: path, options: options)
                let resized = try PillowResampler.resize(rgb, width: w, height: h, filter: resample)
                let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                let dest = (output as NSString).appendingPathComponent(stem + ".png")
                try ImageEncoder.write(resized, to: dest)
                print("\(path) → \(dest)  (\(rgb.width)×\(rgb.height) → \(w)×\(h), \(resample.rawValue))")
            } catch {
                failures += 1
                printError("error: \(error.description)")
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
