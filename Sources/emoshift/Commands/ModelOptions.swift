import ArgumentParser
import Foundation
import Inference

/// Options shared by commands that run EmoNet.
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("weights"),
            help: ArgumentHelp("EmoNet weights: an emonet-py data folder, an emonet.pth, an EmoShift .emoshift file, or 'demo'.",
                               discussion: "Default: $EMOSHIFT_WEIGHTS, then an installed emonet-py package, then the labelled demo model."))
    var weights: String?

    @Option(help: "OpenBLAS threads (default: all cores).")
    var threads: Int?

    @Flag(name: .customLong("verbose"), help: "Say where the weights came from and how long loading took.")
    var verbose = false

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1") }
    }

    /// Loads the weights, prints the provenance line (loudly for the demo model) to stderr.
    func loadModel() throws -> EmoNet {
        BLAS.setThreads(threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let locator = WeightLocator()
        let resolution = locator.resolve(explicit: weights)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let loaded = try locator.load(resolution.source, log: { if verbose { printError($0) } })
            if verbose {
                printError("weights: \(resolution.source) (\(resolution.reason)), loaded in \(String(format: "%.2f", (clock.now - start).seconds)) s")
            }
            if loaded.isDemo {
                printError("⚠ DEMO MODEL — not EmoNet. Outputs are meaningless for emotions; pass --weights with the emonet-py data folder or emonet.pth (\(resolution.reason)).")
            } else {
                printError("weights: \(loaded.provenance.summary)")
            }
            return EmoNet(weights: loaded)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(2)
        }
    }
}
