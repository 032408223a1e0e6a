import ArgumentParser
import Experiment
import Foundation
import Reporting

/// `emoshift analyze corpus RESULTS`: the EmoCAM corpus analysis alone, with thresholds to explore.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Run one analysis of a results store on its own.",
        subcommands: [CorpusCommand.self]
    )

    struct CorpusCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "corpus",
            abstract: "The EmoCAM corpus analysis: which detected objects carry the CAM evidence for which emotion.",
            discussion: """
            Reads the object importances stored by `emoshift run` (mean CAM inside each detection's box, \
            per record; the convention was fixed by the spec's analysis.corpus.convention at run time) and \
            computes, per condition and CAM method: the paper's de-duplication and strict filters, the object \
            and emotion indicator vectors, their similarity matrix (Dice by default), the top objects per \
            emotion, the RSA across methods (full lower triangle and object × emotion block) and the paired \
            importance shift per object. Defaults come from the stored spec; the options override them.
            Writes <results>/corpus/tables/*.{md,csv,tex,json} and <results>/corpus/figures/*.{png,svg}.

            Examples:
              emoshift analyze corpus Results/demo
              emoshift analyze corpus Results/demo --emotion-confidence 0.5 --measure jaccard
              emoshift analyze corpus Results/findingemo --annotations annotations_single.csv
            """
        )

        @Argument(help: "Results folder (or its emoshift.sqlite).")
        var results: String

        @Option(help: "Keep rows whose top-1 probability is strictly above this (paper: 0.5).")
        var emotionConfidence: Double?

        @Option(help: "… whose detector confidence is strictly above this (paper: 0.1).")
        var objectConfidence: Double?

        @Option(help: "… whose object importance is strictly above this (paper: 0.3).")
        var importance: Double?

        @Option(help: "dice (paper), jaccard or yule.")
        var measure: String?

        @Option(help: "Per-image annotations CSV (image, valence, arousal, emotion[, ambiguity]).")
        var annotations: String?

        @Flag(help: "Match object labels ignoring case (the paper matches exactly).")
        var caseInsensitive = false

        @Option(help: "Formats: md,csv,tex,json (default all).")
        var format: String = "md,csv,tex,json"

        func validate() throws {
            for (name, value) in [("--emotion-confidence", emotionConfidence), ("--object-confidence", objectConfidence), ("--importance", importance)] {
                if let value, !(value >= 0 && value < 1) { throw ValidationError("\(name) must be in [0, 1), got \(value)") }
            }
            if let measure, CorpusAnalysisSpec.Measure(rawValue: measure) == nil {
                throw ValidationError("--measure must be dice, jaccard or yule, got '\(measure)'")
            }
            _ = try ReportCommand.parseFormats(format)
        }

        func run() throws {
            let formats = try ReportCommand.parseFormats(format)
            do {
                let store = try ResultStore.openExisting(URL(fileURLWithPath: results))
                let folder = store.fileURL.deletingLastPathComponent().appendingPathComponent("corpus")
                var settings = ReportGenerator.storedSpec(store)?.analysis.corpus ?? CorpusAnalysisSpec()
                if let emotionConfidence { settings.emotionConfidence = emotionConfidence }
                if let objectConfidence { settings.objectConfidence = objectConfidence }
                if let importance { settings.importance = importance }
                if let measure { settings.measure = CorpusAnalysisSpec.Measure(rawValue: measure)! }
                if let annotations { settings.annotations = annotations }
                if caseInsensitive { settings.caseInsensitive = true }
                let output = try ReportGenerator(formats: []).corpusOnly(store, settings: settings)
                guard let analysis = output.analysis else {
                    printError("error: \(store.fileURL.path): no object importances are stored — the run had no detections, or analysis.corpus was disabled")
                    throw ExitCode(1)
                }
                var files: [URL] = []
                for table in output.tables { files += try TableWriter.write(table, formats: formats, to: folder.appendingPathComponent("tables")) }
                for f in output.figures { files += try f.write(to: folder.appendingPathComponent("figures")) }
                let kept = analysis.results[analysis.baseline]?.map { "\($0.method): \($0.corpus.images.count) images, \($0.corpus.keptRows.count) rows" } ?? []
                print("corpus: \(analysis.rowCount) object rows; on '\(analysis.baseline)' \(kept.joined(separator: "; "))")
                if let rsa = analysis.rsa {
                    let pairs = (0..<rsa.full.methods.count).flatMap { i in (0..<i).map { j in
                        "\(rsa.full.methods[i])–\(rsa.full.methods[j]) ρ = \(rsa.full.correlations[i, j].map { NumberFormatting.significant($0, digits: 3) } ?? "n/a")"
                    } }
                    print("RSA (full lower triangle): \(pairs.joined(separator: ", "))")
                }
                print("wrote \(files.count) file(s) to \(folder.path)/")
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        }
    }
}
