import ArgumentParser
import Experiment
import Foundation
import Inference

/// `emoshift run SPEC`: spec → stored records for every image × condition × CAM method.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment spec into Results/<name>/emoshift.sqlite (resumable).",
        discussion: """
        The spec is validated first (see `emoshift validate`, docs/spec.md). For every image: decode \
        once, detect once, build each condition's variant (seeded per image and condition), run the \
        original and all variants through EmoNet as one batch, compute the CAMs, and store the image's \
        records in one transaction. A re-run skips what is stored; a changed spec is refused unless \
        --fresh (the old store is moved aside, never deleted). Export with `emoshift export`.
        """
    )

    @Argument(help: "Experiment spec (YAML).")
    var spec: String

    @Flag(help: "Start a new store (the old one is moved aside to emoshift.sqlite.bak-<time>).")
    var fresh = false

    @Flag(help: "Validate and print the plan without running.")
    var dryRun = false

    @Option(help: "OpenBLAS threads (default: all cores).")
    var threads: Int?

    func run() throws {
        let result = SpecValidator(workingDirectory: FileManager.default.currentDirectoryPath).validate(file: spec)
        guard result.isValid, let s = result.spec else {
            for problem in result.problems { printError(problem.description) }
            printError("\(result.problems.count) problem(s) in \(spec)")
            throw ExitCode(2)
        }
        let methods = max(1, s.explain.methods.count)
        print("experiment \(s.name): \(result.corpusFiles.count) image(s) × (\(s.expandedConditions.count) condition(s) + original) × \(methods) method(s) = \(result.corpusFiles.count * (s.expandedConditions.count + 1) * methods) record(s) → \(s.output)")
        if dryRun { return }
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        BLAS.setThreads(threadCount)
        let locator = WeightLocator()
        let source: WeightLocator.Source
        switch s.model.weights {
        case .demo: source = .demo
        case .path(let p): source = .path(p)
        case .auto: source = locator.resolve(explicit: nil).source
        }
        let weights: EmoNetWeights
        do { weights = try locator.load(source) } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        if weights.isDemo {
            printError("⚠ DEMO MODEL — not EmoNet. Results are labelled as such in the store; pass model.weights in the spec or EMOSHIFT_WEIGHTS.")
        }
        var runner = ExperimentRunner(spec: s, corpus: result.corpusFiles, weights: weights)
        let tty = isatty(STDERR_FILENO) != 0
        runner.progress = { done, total, path in
            if tty {
                FileHandle.standardError.write(Data("\r[\(done)/\(total)] \((path as NSString).lastPathComponent)\u{1B}[K".utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            } else if done % 10 == 0 || done == total {
                printError("[\(done)/\(total)] \(path)")
            }
        }
        do {
            let summary = try runner.run(fresh: fresh, blasThreads: threadCount)
            print("done in \(fmt(summary.seconds)) s (EmoNet + CAMs \(fmt(summary.modelSeconds)) s): \(summary.recordsWritten) record(s) written, \(summary.skippedImages) image(s) already complete, \(summary.notApplicable) not applicable, \(summary.failedImages) image(s) failed")
            print("store: \(s.output)/emoshift.sqlite — `emoshift export \(s.output) --format csv`")
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}

/// `emoshift export RESULTS`: one row per record for pandas/R.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a results store to CSV or JSON Lines (one row per image × condition × method)."
    )

    @Argument(help: "Results folder (or its emoshift.sqlite).")
    var results: String

    @Option(help: "csv or jsonl.")
    var format: String = "csv"

    @Option(name: [.short, .long], help: "Output file (default: <results>/records.<format>).")
    var output: String?

    func run() throws {
        guard let kind = ExportFormat(rawValue: format) else { throw ValidationError("--format must be csv or jsonl") }
        do {
            let store = try ResultStore.openExisting(URL(fileURLWithPath: results))
            let target = output ?? (results as NSString).appendingPathComponent("records.\(format)")
            let count = try RecordExporter.export(store, format: kind, to: URL(fileURLWithPath: target))
            print("wrote \(count) record(s) to \(target)")
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
