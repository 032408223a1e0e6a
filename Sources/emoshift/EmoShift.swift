import ArgumentParser

/// The `emoshift` command: a thin layer over the EmoShift libraries. Errors are mapped to exit
/// codes here and nowhere else.
@main
struct EmoShift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emoshift",
        abstract: "Image-modification perturbation experiments on emotion-recognition CNNs (EmoNet + CAMs).",
        discussion: """
        EmoShift reads images exactly as emonet-py does (Pillow-exact decoding and bicubic resize), runs \
        EmoNet and CAM explainers, applies image modifications from a YAML spec, and turns the stored \
        records into paired statistics, tables, figures and a self-contained HTML report.

        Examples:
          emoshift run Experiments/demo.yaml    spec → store, tables, figures, HTML
          emoshift report Results/demo          recompute the report from the store
          emoshift compare Results/a Results/b  two runs side by side
          emoshift analyze corpus Results/demo  EmoCAM object–emotion analysis
          emoshift predict photo.jpg            20 emotions + valence/arousal
          emoshift explain photo.jpg -o out/    CAM overlays and raw maps
          emoshift bench                        throughput vs the BLAS floor
        Specs: docs/spec.md · metrics: docs/metrics.md · tests: docs/statistics.md
        """,
        version: EmoShiftVersion.string,
        subcommands: [RunCommand.self, ValidateCommand.self, ReportCommand.self, CompareCommand.self, AnalyzeCommand.self, ExportCommand.self, MergeCommand.self, PredictCommand.self, ExplainCommand.self, DetectCommand.self, PerturbCommand.self, WeightsCommand.self, ImageCommand.self, BenchCommand.self]
    )
}
