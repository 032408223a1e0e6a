import ArgumentParser
import Foundation
import Imaging

/// `emoshift image info FILE...`: one line per file; a bad file gets an error line and the
/// listing goes on; the exit status is 1 if any file failed.
struct ImageInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print size, format, colour model, bit depth and EXIF orientation of image files.",
        discussion: """
        Every file is fully decoded, so corrupt or truncated data is reported. The Pillow mode is the \
        mode Pillow opens the file as ("L", "I;16", "P", "RGB", "RGBA", "CMYK", …); EmoShift converts \
        every mode to RGB exactly as Pillow's convert("RGB") does.

        Exit status: 0 if every file decoded, 1 if any failed (each failure is printed to stderr, \
        or included as {"path", "error"} in JSON).
        """
    )

    @Argument(help: "Image files (PNG or JPEG).")
    var files: [String]

    @Option(help: "Output format: text, json or csv.")
    var format: ListingFormat = .text

    @OptionGroup var decode: DecodeFlags

    struct Row: Codable {
        var path: String
        var format: String?
        var width: Int?
        var height: Int?
        var colorModel: String?
        var bitDepth: Int?
        var pillowMode: String?
        var interlaced: Bool?
        var transparency: Bool?
        var exifOrientation: Int?
        var warnings: [String]?
        var error: String?
    }

    func run() throws {
        let options = decode.options
        var rows: [Row] = []
        var failures = 0
        for path in files {
            do {
                let decoded = try ImageDecoder.decode(contentsOf: path, options: options)
                let i = decoded.info
                rows.append(Row(path: path, format: i.format.rawValue, width: i.width, height: i.height,
                                colorModel: i.colorModel.rawValue, bitDepth: i.bitDepth, pillowMode: i.pillowMode,
                                interlaced: i.interlaced, transparency: i.hasTransparency,
                                exifOrientation: i.exifOrientation, warnings: i.warnings, error: nil))
            } catch {
                failures += 1
                rows.append(Row(path: path, error: error.message + " [\(error.kind.rawValue)]"))
            }
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        case .csv:
            print("path,format,width,height,color_model,bit_depth,pillow_mode,interlaced,transparency,exif_orientation,warnings,error")
            for r in rows {
                let fields: [String] = [
                    r.path, r.format ?? "", r.width.map(String.init) ?? "", r.height.map(String.init) ?? "",
                    r.colorModel ?? "", r.bitDepth.map(String.init) ?? "", r.pillowMode ?? "",
                    r.interlaced.map { $0 ? "true" : "false" } ?? "", r.transparency.map { $0 ? "true" : "false" } ?? "",
                    r.exifOrientation.map(String.init) ?? "", (r.warnings ?? []).joined(separator: "; "), r.error ?? "",
                ]
                print(fields.map(csvField).joined(separator: ","))
            }
        case .text:
            let width = min(48, rows.map(\.path.count).max() ?? 0)
            for r in rows {
                let name = r.path.padding(toLength: max(width, r.path.count), withPad: " ", startingAt: 0)
                if let error = r.error {
                    printError("error: \(r.path): \(error)")
                    continue
                }
                var parts = ["\(r.format!)", "\(r.width!)×\(r.height!)", "\(r.colorModel!) \(r.bitDepth!)-bit",
                             "mode \(r.pillowMode!)"]
                if r.interlaced == true { parts.append(r.format == "JPEG" ? "progressive" : "interlaced") }
                if r.transparency == true { parts.append("tRNS") }
                if let o = r.exifOrientation { parts.append("EXIF orientation \(o)") }
                if let w = r.warnings, !w.isEmpty { parts.append("\(w.count) warning(s): \(w.joined(separator: "; "))") }
                print("\(name)  \(parts.joined(separator: "  "))")
            }
        }
        if failures > 0 {
            if format == .text { printError("\(failures) of \(files.count) file(s) failed") }
            throw ExitCode(1)
        }
    }
}

/// RFC 4180 quoting.
func csvField(_ s: String) -> String {
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}
