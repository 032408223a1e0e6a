import ArgumentParser
import Experiment
import Foundation
import Reporting

/// `emoshift report RESULTS`: every table recomputed from the stored records.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Recompute significance tables from a results store (no images are read again).",
        discussion: """
        Pairs every record with the same image's baseline record (the spec's analysis.baseline, \
        default 'original') and writes to <results>/tables/:
          significance   one row per condition × metric × CAM method × test: n, medians, mean Δ with CI,
                         statistic, p, adjusted p (Holm/BH/Bonferroni within the spec's family), effect size
          flips          baseline top-1 → modified top-1 counts per condition, flip rate with Wilson CI
          emotion-shift  mean Δp of every emotion per condition (Wilcoxon, BH-adjusted); -wide: a matrix
          method-agreement  heatmap drift per CAM method and a test that methods drift equally
        each as .md, .csv, .tex (booktabs + siunitx) and .json, plus <results>/report.md with all of them.
        n/a cells carry a reason. Metrics and formulas: docs/metrics.md; tests: docs/statistics.md.

        Examples:
          emoshift report Results/demo
          emoshift report Results/demo --metric all --format md,csv
          emoshift report Results/demo --tests wilcoxon,bootstrap --correction bh
        """
    )

    @Argument(help: "Results folder (or its emoshift.sqlite).")
    var results: String

    @Option(name: .customLong("metric"), help: "Metrics: 'primary' (default), 'all', or keys such as delta_p_top1,cam_spearman (repeatable).")
    var metrics: [String] = []

    @Option(help: "Formats, comma-separated: md,csv,tex,json (default all).")
    var format: String = "md,csv,tex,json"

    @Option(help: "Override the spec's tests: paired-t, wilcoxon, sign, permutation, bootstrap (comma-separated).")
    var tests: String?

    @Option(help: "Override the correction: holm, bh, bonferroni, none.")
    var correction: String?

    @Option(help: "Override α (0 < α < 1).")
    var alpha: Double?

    @Option(help: "Override the correction family: all, condition, method, metric.")
    var family: String?

    @Option(help: "Bootstrap resamples for BCa CIs (default 2000).")
    var bootstrapResamples: Int?

    @Flag(help: "Print the significance table (Markdown) to standard output.")
    var print = false

    static func parseFormats(_ text: String) throws -> [TableFormat] {
        try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let f = TableFormat(rawValue: name) else {
                throw ValidationError("unknown format '\(name)'; valid: \(TableFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return f
        }
    }

    func validate() throws {
        _ = try Self.parseFormats(format)
        if let correction, !["holm", "bh", "bonferroni", "none"].contains(correction) {
            throw ValidationError("--correction must be holm, bh, bonferroni or none, got '\(correction)'")
        }
        if let alpha, !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must be in (0, 1), got \(alpha)") }
        if let family, !["all", "condition", "method", "metric"].contains(family) {
            throw ValidationError("--family must be all, condition, method or metric, got '\(family)'")
        }
        if let tests {
            for t in tests.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
            where !["paired-t", "wilcoxon", "sign", "mcnemar", "permutation", "bootstrap"].contains(t) {
                throw ValidationError("unknown test '\(t)'; valid: paired-t, wilcoxon, sign, mcnemar, permutation, bootstrap")
            }
        }
        if let bootstrapResamples, bootstrapResamples < 100 { throw ValidationError("--bootstrap-resamples must be ≥ 100") }
    }

    func generator() throws -> ReportGenerator {
        ReportGenerator(formats: try Self.parseFormats(format), metricNames: metrics,
                        tests: tests.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                        correction: correction, alpha: alpha, family: family, bootstrapResamples: bootstrapResamples)
    }

    func run() throws {
        do {
            let store = try ResultStore.openExisting(URL(fileURLWithPath: results))
            let folder = store.fileURL.deletingLastPathComponent()
            let started = Date()
            let output = try generator().generate(store, writeTo: folder)
            let seconds = Date().timeIntervalSince(started)
            let significant = output.significance.filter { $0.reject == true }.count
            Swift.print("report: \(output.pairs.imageCount) image(s), \(output.pairs.conditions.count) condition(s), "
                + "\(output.significance.count) test row(s), \(significant) significant after correction, in \(String(format: "%.2f", seconds)) s")
            if output.tables.first?.provenance.demo == true {
                printError("⚠ DEMO MODEL — these numbers come from the demo weights, not EmoNet.")
            }
            if print, let table = output.tables.first { Swift.print(MarkdownTableWriter.render(table)) }
            Swift.print("tables: \(folder.path)/tables/ — combined: \(folder.path)/report.md")
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
