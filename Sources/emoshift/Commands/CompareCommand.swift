import ArgumentParser
import Experiment
import Foundation
import Reporting

/// `emoshift compare A B`: two result stores side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Put two runs (e.g. two models or two specs) side by side where their conditions match.",
        discussion: """
        Both stores are analysed with their own spec's analysis settings (as `emoshift report`); rows are \
        matched on condition, metric, CAM method and test. Where the runs share images, a Wilcoxon \
        signed-rank test asks whether the per-image Δ differs between them.

        Example:
          emoshift compare Results/demo Results/demo-real-weights --output Results/compare
        """
    )

    @Argument(help: "First results folder (A).")
    var resultsA: String

    @Argument(help: "Second results folder (B).")
    var resultsB: String

    @Option(help: "Labels for the two runs (default: their folder names), as A,B.")
    var labels: String?

    @Option(name: .customLong("metric"), help: "Metrics: 'primary' (default), 'all', or keys (repeatable).")
    var metrics: [String] = []

    @Option(help: "Formats: md,csv,tex,json (default all).")
    var format: String = "md,csv,tex,json"

    @Option(name: [.short, .long], help: "Output folder for compare.* (default: <A>/compare-<B name>).")
    var output: String?

    func run() throws {
        let formats = try ReportCommand.parseFormats(format)
        var labelPair: (String, String)?
        if let labels {
            let parts = labels.split(separator: ",").map(String.init)
            guard parts.count == 2 else { throw ValidationError("--labels must be two names separated by a comma") }
            labelPair = (parts[0], parts[1])
        }
        do {
            let storeA = try ResultStore.openExisting(URL(fileURLWithPath: resultsA))
            let storeB = try ResultStore.openExisting(URL(fileURLWithPath: resultsB))
            let nameA = storeA.fileURL.deletingLastPathComponent().lastPathComponent
            var nameB = storeB.fileURL.deletingLastPathComponent().lastPathComponent
            if nameB == nameA { nameB += "-B" }
            let (labelA, labelB) = labelPair ?? (nameA, nameB)
            let generator = ReportGenerator(formats: formats, metricNames: metrics)
            let a = try generator.generate(storeA, writeTo: nil)
            let b = try generator.generate(storeB, writeTo: nil)
            let table = RunComparison.make(a, b, labelA: labelA, labelB: labelB,
                                           provenanceA: a.tables[0].provenance, provenanceB: b.tables[0].provenance)
            let folder = URL(fileURLWithPath: output ?? storeA.fileURL.deletingLastPathComponent().appendingPathComponent("compare-\(nameB)").path)
            let files = try TableWriter.write(table, formats: formats, to: folder)
            Swift.print("compare: \(table.rows.count) matched row(s) → \(files.map(\.path).joined(separator: ", "))")
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
