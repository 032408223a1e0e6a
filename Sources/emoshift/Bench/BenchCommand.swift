import ArgumentParser
import Foundation
import Detection
import Explanation
import Imaging
import Inference

/// `emoshift bench`: measured throughput of the pipeline stages on this machine.
///
/// Every figure is the median over repeated runs (at least `--min-runs`, and at least
/// `--min-seconds` of work per figure). Timings are wall-clock on one thread.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure decode, resize and EmoNet forward throughput against the BLAS floor.",
        discussion: """
        Runs on one BLAS thread unless --threads says otherwise. Suites:
          imaging    per image: decode (libpng/libjpeg) ms, Pillow-style RGB conversion ms, BICUBIC \
                     resize to 227×227 ms; totals as images/s and megapixels/s
          detection  Haar detectors and every image modification on a 640×480 photo
          importance ObjectImportance precomputation per CAM and cost per box (640×480, 4000×3000); \
                     not part of `all`
          report     `emoshift report` on a synthetic store (default 10,000 images × 20 conditions × 2 \
                     CAM methods); not part of `all`
          inference  EmoNet forward at batch 1 and 16: ms/image, images/s, with and without \
                     preprocessing, next to the same run's pure-sgemm time for the same GEMM shapes \
                     (the floor) for both GEMMs (EmoShift's AVX-512 sgemm and OpenBLAS), GFLOPS per \
                     layer, the forward pass on each GEMM, and a per-layer breakdown; then every CAM \
                     method's time per image next to the forward pass (and Score-CAM next to 256 \
                     batched forwards)
          inference-only  the inference suite without the CAM methods
        Use a release build (make bench).
        """
    )

    @Argument(help: "Images to measure (default: Experiments/images/*.{png,jpg}).")
    var files: [String] = []

    @Option(help: "Minimum repetitions per figure.")
    var minRuns: Int = 5

    @Option(help: "Minimum seconds spent per figure.")
    var minSeconds: Double = 0.2

    @Option(help: "Suites to run: imaging, inference, inference-only, detection, report, importance or all (all = the first four).")
    var suite: String = "all"

    @Option(help: "EmoNet weights for the inference suite (default: the demo model).")
    var weights: String = "demo"

    @Option(help: "OpenBLAS threads.")
    var threads: Int = 1

    @Option(help: "Report suite: synthetic images (× --report-conditions × --report-methods records).")
    var reportImages: Int = 10_000

    @Option(help: "Report suite: conditions besides the original.")
    var reportConditions: Int = 20

    @Option(help: "Report suite: CAM methods.")
    var reportMethods: Int = 2

    @Option(help: "Report suite: bootstrap resamples in the BCa case.")
    var reportResamples: Int = 2_000

    @Flag(help: "Time with the thread's CPU clock instead of wall-clock (steadier on a shared, loaded machine; single-threaded figures only).")
    var cpuTime = false

    func validate() throws {
        guard ["imaging", "inference", "inference-only", "detection", "report", "importance", "all"].contains(suite) else {
            throw ValidationError("--suite must be imaging, inference, inference-only, detection, report, importance or all")
        }
        guard reportImages >= 1, reportConditions >= 1, (1...5).contains(reportMethods) else {
            throw ValidationError("--report-images and --report-conditions must be ≥ 1, --report-methods 1…5")
        }
        guard threads >= 1 else { throw ValidationError("--threads must be ≥ 1") }
    }

    func run() throws {
        setenv("OPENBLAS_NUM_THREADS", "\(threads)", 1)
        BLAS.setThreads(threads)
        var paths = files
        if paths.isEmpty {
            let dir = "Experiments/images"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            paths = names.filter { $0.hasSuffix(".png") || $0.hasSuffix(".jpg") }.sorted().map { "\(dir)/\($0)" }
        }
        guard !paths.isEmpty else {
            printError("error: no images to measure (run from the project root or pass files)")
            throw ExitCode(1)
        }
        print("emoshift bench — \(EmoShiftVersion.string)")
        print("threads: \(threads) · median of ≥\(minRuns) runs and ≥\(minSeconds) s per figure · build: \(Self.buildKind)" +
              (cpuTime ? " · clock: thread CPU time" : ""))
        print("")
        if suite == "report" {
            try ReportBench(images: reportImages, conditions: reportConditions, methods: reportMethods,
                            bootstrapResamples: reportResamples).run()
            return
        }
        if suite == "importance" {
            try ImportanceBench(measure: { measure($0) }).run()
            return
        }
        if suite == "imaging" || suite == "all" { try runImaging(paths) }
        if suite == "detection" || suite == "all" {
            let photo = paths.first { $0.hasSuffix("astronaut.png") } ?? paths[0]
            try DetectionBench(image: try ImageDecoder.rgb(contentsOf: photo), measure: { measure($0) }).run()
        }
        if suite == "inference" || suite == "inference-only" || suite == "all" {
            let photos = paths.compactMap { try? ImageDecoder.rgb(contentsOf: $0) }
            guard !photos.isEmpty else { throw ExitCode(1) }
            let net: EmoNet
            do { net = EmoNet(weights: try WeightLocator().load(WeightLocator().resolve(explicit: weights).source)) } catch {
                printError("error: \(error.description)")
                throw ExitCode(2)
            }
            try InferenceBench(net: net, images: photos, measure: { measure($0) }, cpuTime: cpuTime).run()
            if suite != "inference-only" {
                try ExplanationBench(net: net, image: photos[0], measure: { measure($0) }).run()
            }
        }
    }

    func runImaging(_ paths: [String]) throws {
        print("== imaging")
        let header = ["image", "bytes", "size", "decode ms", "to-RGB ms", "resize227 ms", "total ms", "MP/s decode"]
        var table: [[String]] = []
        var totalDecode = 0.0, totalConvert = 0.0, totalResize = 0.0, totalMP = 0.0
        for path in paths {
            let bytes: [UInt8]
            do { bytes = try FileReader.read(path) } catch {
                printError("error: \(error.description)")
                continue
            }
            do {
                let decoded = try ImageDecoder.decode(bytes)
                let rgb = decoded.rgb()
                let tDecode = try measure { _ = try ImageDecoder.decode(bytes) }
                let tConvert = measure { _ = decoded.rgb() }
                let tResize = try measure { _ = try PillowResampler.resize(rgb, width: 227, height: 227) }
                let mp = Double(rgb.pixelCount) / 1e6
                totalDecode += tDecode; totalConvert += tConvert; totalResize += tResize; totalMP += mp
                table.append([(path as NSString).lastPathComponent, "\(bytes.count)", "\(rgb.width)×\(rgb.height)",
                              fmt(tDecode * 1e3), fmt(tConvert * 1e3), fmt(tResize * 1e3),
                              fmt((tDecode + tConvert + tResize) * 1e3), fmt(mp / tDecode, 1)])
            } catch {
                printError("error: \(path): \(error)")
            }
        }
        printTable(header: header, rows: table)
        let n = Double(table.count)
        guard n > 0 else { throw ExitCode(1) }
        let total = totalDecode + totalConvert + totalResize
        print("")
        print("decode: \(fmt(totalMP / totalDecode, 1)) MP/s · to-RGB: \(fmt(totalMP / totalConvert, 1)) MP/s · " +
              "resize→227²: \(fmt(n / totalResize, 0)) images/s (\(fmt(totalResize / n * 1e3)) ms/image)")
        print("preprocess (decode + RGB + resize): \(fmt(n / total, 0)) images/s, \(fmt(total / n * 1e3)) ms/image; " +
              "resize share \(fmt(100 * totalResize / total, 1)) %, RGB conversion share \(fmt(100 * totalConvert / total, 1)) %")
    }

    static var buildKind: String {
        #if DEBUG
        return "debug (use `make bench` for release figures)"
        #else
        return "release"
        #endif
    }

    static func threadCPUSeconds() -> Double { LayerTimings.threadCPUSeconds() }

    /// Median seconds of `body` over the configured repetitions.
    func measure(_ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        let clock = ContinuousClock()
        let start = clock.now
        try body()  // warm-up
        while samples.count < minRuns || (clock.now - start) < .milliseconds(Int(minSeconds * 1000)) {
            if cpuTime {
                let t0 = Self.threadCPUSeconds()
                try body()
                samples.append(Self.threadCPUSeconds() - t0)
            } else {
                let t0 = clock.now
                try body()
                samples.append((clock.now - t0).seconds)
            }
            if samples.count >= 10_000 { break }
        }
        samples.sort()
        return samples[samples.count / 2]
    }
}

func fmt(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

/// Prints a left/right aligned plain-text table.
func printTable(header: [String], rows: [[String]]) {
    var widths = header.map(\.count)
    for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in
            i == 0 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                   : String(repeating: " ", count: widths[i] - c.count) + c
        }.joined(separator: "  ")
    }
    print(line(header))
    print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for r in rows { print(line(r)) }
}
