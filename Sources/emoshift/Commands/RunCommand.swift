import ArgumentParser
import Experiment
import Foundation
import Inference
import Synchronization

/// Set by SIGINT/SIGTERM; the runner stops after the image in flight.
let stopRequested = Atomic<Bool>(false)

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

    @Option(help: "OpenBLAS threads (default: all cores with --jobs 1, else 1).")
    var threads: Int?

    @Option(help: "Images processed in parallel (default 1). With more than one, BLAS runs single-threaded.")
    var jobs: Int = 1

    @Flag(help: "Do not write the significance tables at the end (run `emoshift report` later).")
    var noReport = false

    @Option(help: "Process slice i of n (0-based) of the corpus, chosen by content hash, into <output>/shards/shard-i-of-n; combine with `emoshift merge`.")
    var shard: String?

    func parsedShard() throws -> (index: Int, count: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, parts[0] >= 0, parts[0] < parts[1] else {
            throw ValidationError("--shard must look like i/n with 0 ≤ i < n, got '\(shard)'")
        }
        return (parts[0], parts[1])
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }

    func validate() throws {
        _ = try parsedShard()
        guard jobs >= 1 else { throw ValidationError("--jobs must be ≥ 1") }
    }

    func run() throws {
        let (s, corpusFiles) = try SpecChecking.validated(spec)
        let methods = max(1, s.explain.methods.count)
        print("experiment \(s.name): \(corpusFiles.count) image(s) × (\(s.expandedConditions.count) condition(s) + original) × \(methods) method(s) = \(corpusFiles.count * (s.expandedConditions.count + 1) * methods) record(s) → \(s.output)")
        let threadCount = threads ?? (jobs > 1 ? 1 : ProcessInfo.processInfo.activeProcessorCount)
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
        if dryRun {
            // Quick calibration: one image's variants through EmoNet (+ the CAMs' extra cost ratio).
            let net = EmoNet(weights: weights)
            let variants = s.expandedConditions.count + 1
            let input = Tensor(shape: [variants, 3, 227, 227], values: [Float](repeating: 0, count: variants * 3 * 227 * 227))
            _ = net.forward(input)
            let t0 = Date()
            _ = net.forward(input)
            let perImage = Date().timeIntervalSince(t0)
            let scoreForwards = s.explain.methods.contains(.scoreCAM) ? 256 * variants : 0
            let forwards = corpusFiles.count * (variants + scoreForwards)
            let gradientFactor = s.explain.methods.contains { $0.needsGradients } ? 1.25 : 1.0
            let estimate = Double(corpusFiles.count) * perImage * gradientFactor * Double(variants + scoreForwards) / Double(variants)
            print("plan: \(corpusFiles.count) image(s), conditions: \(s.expandedConditions.map(\.id).joined(separator: ", "))")
            print("      methods: \(s.explain.methods.map(\.rawValue).joined(separator: ", ")) at \(s.explain.layer.rawValue); EmoNet forward passes ≈ \(forwards)")
            print("      estimated model time ≈ \(Self.clock(estimate / Double(max(1, jobs)))) with \(jobs) job(s) and \(threadCount) BLAS thread(s) (calibrated on one batch of \(variants); detection and modifications add to it)")
            return
        }
        if weights.isDemo {
            printError("⚠ DEMO MODEL — not EmoNet. Results are labelled as such in the store; pass model.weights in the spec or EMOSHIFT_WEIGHTS.")
        }
        var runner = ExperimentRunner(spec: s, corpus: corpusFiles, weights: weights)
        runner.jobs = jobs
        if let slice = try parsedShard() {
            runner.shard = slice
            runner.storeFolder = "\(s.output)/shards/shard-\(slice.index)-of-\(slice.count)"
        }
        signal(SIGINT) { _ in stopRequested.store(true, ordering: .relaxed) }
        signal(SIGTERM) { _ in stopRequested.store(true, ordering: .relaxed) }
        runner.shouldStop = { stopRequested.load(ordering: .relaxed) }
        let tty = isatty(STDERR_FILENO) != 0
        let started = Date()
        runner.progress = { done, total, path in
            let elapsed = Date().timeIntervalSince(started)
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let eta = rate > 0 ? Double(total - done) / rate : 0
            let status = "[\(done)/\(total)] \(fmt(rate, 1)) img/s, ETA \(Self.clock(eta))"
            if tty {
                let width = 30, filled = total > 0 ? width * done / total : width
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                FileHandle.standardError.write(Data("\r\(bar) \(status) \((path as NSString).lastPathComponent)\u{1B}[K".utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            } else if done % 25 == 0 || done == total {
                printError("\(status) \(path)")
            }
        }
        do {
            let summary = try runner.run(fresh: fresh, blasThreads: threadCount)
            print("done in \(fmt(summary.seconds)) s (EmoNet + CAMs \(fmt(summary.modelSeconds)) s): \(summary.recordsWritten) record(s) written, \(summary.skippedImages) image(s) already complete, \(summary.notApplicable) not applicable, \(summary.failedImages) image(s) failed")
            let folder = runner.storeFolder ?? s.output
            if summary.interrupted { printError("interrupted: every stored image is complete; run the same command again to continue") }
            print("store: \(folder)/emoshift.sqlite — `emoshift export \(folder) --format csv`")
            if summary.interrupted { throw ExitCode(130) }
            if !noReport && runner.shard == nil {
                let store = try ResultStore.openExisting(URL(fileURLWithPath: folder))
                do {
                    let report = try ReportGenerator().generate(store, writeTo: URL(fileURLWithPath: folder))
                    let significant = report.significance.filter { $0.reject == true }.count
                    print("report: \(report.significance.count) test row(s), \(significant) significant after correction → \(folder)/report.md, \(folder)/tables/")
                } catch {
                    printError("error: the records are stored, but the report failed: \(error) — fix and run `emoshift report \(folder)`")
                    throw ExitCode(1)
                }
            } else if runner.shard != nil {
                print("shard stored; merge the shards (`emoshift merge`) and run `emoshift report` on the merged folder")
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
