import ArgumentParser
import Foundation
import Inference

/// `emoshift weights …`: find, inspect, convert and verify EmoNet weights.
struct WeightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weights",
        abstract: "Find, inspect, convert and verify EmoNet weight files.",
        discussion: """
        EmoShift never downloads weights. It reads the emonet-py data folder (the 16 *.txt.bz2 \
        MATLAB dumps + img_mean.txt), emonet.pth (with img_mean.txt beside it), or its own native \
        .emoshift file, which is memory-mapped and loads in milliseconds. The first use of a slow \
        source converts it into the cache automatically; `convert` does it explicitly.
        """,
        subcommands: [WeightsInfoCommand.self, WeightsConvertCommand.self]
    )
}

struct WeightsInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show which weights would be used, where they came from, and their tensors."
    )

    @Argument(help: "Weights to inspect (default: what `predict` would use).")
    var path: String?

    @Flag(help: "Recompute the SHA-256 of a native file's payload and compare it with its header.")
    var verify = false

    @Flag(help: "Print only `content-sha256: <hex>`: the SHA-256 of the parameters (state_dict order, float32 LE) and the mean image. Equal for the same weights in any format.")
    var contentHash = false

    func run() throws {
        let locator = WeightLocator()
        let resolution = locator.resolve(explicit: path)
        if contentHash {
            do {
                let weights = try locator.load(resolution.source)
                print("content-sha256: \(weights.contentSHA256())")
                return
            } catch {
                printError("error: \(error.description)")
                throw ExitCode(2)
            }
        }
        print("source: \(resolution.source) (\(resolution.reason))")
        do {
            let clock = ContinuousClock()
            let start = clock.now
            var weights = try locator.load(resolution.source, log: { print($0) })
            if verify, case .path(let p) = resolution.source, NativeWeightCache.isNativeCache(p) {
                weights = try NativeWeightCache.load(p, verify: true)
                print("payload SHA-256 verified")
            }
            print("loaded in \(fmt((clock.now - start).seconds, 3)) s")
            print(weights.provenance.summary)
            print("sha256: \(weights.provenance.sha256)")
            if let from = weights.provenance.convertedFrom { print("converted from: \(from)") }
            print("parameters: \(EmoNetParameterLayout.parameterCount) in 16 tensors, \(weights.parameters.totalBytes / 1_000_000) MB")
            for (name, shape) in EmoNetParameterLayout.tensors {
                print("  \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(shape.map(String.init).joined(separator: "×"))")
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }
}

struct WeightsConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an emonet-py data folder or emonet.pth (or 'demo') to a native .emoshift file."
    )

    @Argument(help: "emonet-py data folder, emonet.pth, or 'demo'.")
    var source: String

    @Argument(help: "Output file (.emoshift).")
    var destination: String

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let weights: EmoNetWeights
            if source.lowercased() == "demo" {
                weights = EmoNetWeights.demo()
            } else {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: source, isDirectory: &isDir) else {
                    throw WeightError(.fileNotFound, "no such file or folder", path: source)
                }
                weights = try WeightConverter.loadSource(source, isDirectory: isDir.boolValue, log: { print($0) })
            }
            let read = clock.now
            try NativeWeightCache.write(weights, to: destination)
            print("read \(source) in \(fmt((read - start).seconds)) s, wrote \(destination) in \(fmt((clock.now - read).seconds)) s")
            print(weights.provenance.summary)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }
}
