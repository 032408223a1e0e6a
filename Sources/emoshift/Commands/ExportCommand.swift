import ArgumentParser
import Experiment
import Foundation

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

    @Option(help: "records (one row per image × condition × method) or objects (one row per record × detection, with its CAM importance; CSV in the EmoCAM paper's column names).")
    var table: String = "records"

    @Option(name: [.short, .long], help: "Output file (default: <results>/records.<format> or <results>/objects.csv).")
    var output: String?

    func run() throws {
        guard let kind = ExportFormat(rawValue: format) else { throw ValidationError("--format must be csv or jsonl") }
        guard ["records", "objects"].contains(table) else { throw ValidationError("--table must be records or objects, got '\(table)'") }
        guard table == "records" || kind == .csv else { throw ValidationError("--table objects is written as CSV only") }
        do {
            let store = try ResultStore.openExisting(URL(fileURLWithPath: results))
            let name = table == "objects" ? "objects.csv" : "records.\(format)"
            let target = output ?? (results as NSString).appendingPathComponent(name)
            let url = URL(fileURLWithPath: target)
            let count = table == "objects" ? try ObjectExporter.export(store, to: url) : try RecordExporter.export(store, format: kind, to: url)
            print("wrote \(count) \(table == "objects" ? "object row" : "record")(s) to \(target)")
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
