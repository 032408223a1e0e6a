import ArgumentParser
import Experiment
import Foundation

/// `emoshift merge OUT SHARD...`: union shard stores into one.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge shard stores (from `emoshift run --shard i/n`) into one results folder.",
        discussion: "Refuses shards made from different specs, weights or conditions; identical records are kept once, conflicting duplicates are an error. See docs/cluster.md."
    )

    @Argument(help: "Output results folder.")
    var output: String

    @Argument(help: "Shard results folders (or their emoshift.sqlite).")
    var shards: [String]

    func run() throws {
        do {
            let summary = try ResultStore.merge(into: URL(fileURLWithPath: output), shards: shards.map { URL(fileURLWithPath: $0) })
            print("merged \(summary.shards) shard(s): \(summary.recordsAdded) record(s), \(summary.imagesAdded) image(s), \(summary.duplicatesSkipped) identical duplicate(s) skipped → \(output)/emoshift.sqlite")
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
