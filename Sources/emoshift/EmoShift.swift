import ArgumentParser

/// The `emoshift` command: a thin layer over the EmoShift libraries. Errors are mapped to exit
/// codes here and nowhere else.
@main
struct EmoShift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emoshift",
        abstract: "Image-modification perturbation experiments on emotion-recognition CNNs (EmoNet + CAMs).",
        discussion: """
        EmoShift reads images exactly as emonet-py does (Pillow-exact decoding and bicubic resize), \
        and grows into: spec → perturbations → EmoNet → CAMs → paired statistics → tables.

        Examples:
          emoshift image info Experiments/images/*.jpg     size, colour model, depth, EXIF orientation
          emoshift image resize photo.jpg --size 227x227 --output out/
          emoshift bench                                    decode and resize throughput
        """,
        version: EmoShiftVersion.string,
        subcommands: [RunCommand.self, ValidateCommand.self, ReportCommand.self, CompareCommand.self, AnalyzeCommand.self, ExportCommand.self, MergeCommand.self, PredictCommand.self, ExplainCommand.self, DetectCommand.self, PerturbCommand.self, WeightsCommand.self, ImageCommand.self, BenchCommand.self]
    )
}
