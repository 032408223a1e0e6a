import ArgumentParser
import Imaging

/// `emoshift image …`: look at and prepare images the way EmoNet's preprocessing sees them.
struct ImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Inspect, convert and resize images exactly as emonet-py (Pillow) does.",
        subcommands: [ImageInfoCommand.self, ImageResizeCommand.self]
    )
}

/// Options shared by commands that decode images.
struct DecodeFlags: ParsableArguments {
    @Option(name: .customLong("max-pixels"),
            help: "Refuse images with more than this many pixels (decompression-bomb guard).")
    var maxPixels: Int = 100_000_000

    @Flag(name: .customLong("exif-orientation"),
          help: "Rotate/flip by the EXIF Orientation tag (emonet-py does not; off by default).")
    var applyEXIFOrientation = false

    @Flag(name: .customLong("allow-truncated"),
          help: "Accept JPEGs whose data ends early (Pillow refuses them; off by default).")
    var allowTruncated = false

    var options: DecodeOptions {
        DecodeOptions(maxPixels: maxPixels, applyEXIFOrientation: applyEXIFOrientation, allowTruncated: allowTruncated)
    }

    func validate() throws {
        guard maxPixels >= 0 else { throw ValidationError("--max-pixels must be ≥ 0 (0 disables the limit)") }
    }
}

/// Output formats for listings.
enum ListingFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}
