import ArgumentParser
import Detection
import Foundation
import Imaging

/// `emoshift detect IMAGE...`: faces, eyes, bodies with OpenCV's Haar cascades, or detections
/// imported from external detectors, as JSON.
struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Find faces/eyes/bodies (OpenCV Haar cascades) or import detector output; print JSON.",
        discussion: """
        Output: [{"image", "boxes": [{"label", "score", "x", "y", "width", "height", "source"}]}] with boxes \
        in original-image pixels. Haar results equal OpenCV 4's CascadeClassifier.detectMultiScale for the \
        same parameters (score = number of merged windows).

        Detectors: \(NamedDetector.allCases.map(\.rawValue).joined(separator: ", ")) (cascades from Debian's \
        opencv-data, /usr/share/opencv4/haarcascades). eyes are searched inside detected faces.
        Imports: --import FILE --format coco|openimages|yolo|csv [--classes FILE] (COCO annotation file, Open \
        Images class-descriptions CSV, or YOLO names file); records are matched to the given images by \
        relative path or stem, and boxes outside an image are clamped (reported on stderr).
        """
    )

    @Argument(help: "Images, folders or quoted globs.")
    var inputs: [String]

    @Option(help: "Comma-separated built-in detectors (default: faces, unless --import is given).")
    var detector: String?

    @Option(name: .customLong("import"), help: "Detections file (or YOLO folder) to import.")
    var importPath: String?

    @Option(help: "Import format: coco, openimages, yolo or csv.")
    var format: String?

    @Option(help: "Class list for the import format (COCO annotations, Open Images class descriptions, YOLO names).")
    var classes: String?

    @Option(help: "Haar scale factor.")
    var scaleFactor: Double = 1.1

    @Option(help: "Haar minNeighbors.")
    var minNeighbors: Int = 3

    @Option(help: "Haar minimum window side in pixels.")
    var minSize: Int = 30

    @Option(help: "Write each image with its boxes drawn into this folder.")
    var draw: String?

    @OptionGroup var decode: DecodeFlags

    func detectors() throws -> [NamedDetector] {
        guard let detector else { return importPath == nil ? [.faces] : [] }
        return try detector.split(separator: ",").map { name in
            guard let d = NamedDetector(rawValue: String(name).trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown detector '\(name)'; valid: \(NamedDetector.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return d
        }
    }

    func validate() throws {
        _ = try detectors()
        guard scaleFactor > 1 else { throw ValidationError("--scale-factor must be > 1") }
        guard minNeighbors >= 0, minSize >= 0 else { throw ValidationError("--min-neighbors and --min-size must be ≥ 0") }
        if importPath != nil {
            guard let format, DetectionImporter.Format(rawValue: format) != nil else {
                throw ValidationError("--import needs --format \(DetectionImporter.Format.allCases.map(\.rawValue).joined(separator: "|"))")
            }
        }
    }

    struct Row: Encodable {
        var image: String
        var boxes: [DetectionBox]
    }

    func run() throws {
        let files = ImageInputs.expand(inputs)
        let tasks = try detectors()
        var images: [String: Image] = [:]
        var failures = 0
        for path in files {
            do { images[path] = try ImageDecoder.rgb(contentsOf: path, options: decode.options) } catch {
                failures += 1
                printError("error: \(error.description)")
            }
        }
        var imported: [String: [DetectionBox]] = [:]
        if let importPath, let format, let kind = DetectionImporter.Format(rawValue: format) {
            let sizes = images.mapValues { DetectionImporter.ImageSize(width: $0.width, height: $0.height) }
            do {
                let result = try DetectionImporter.import(path: importPath, format: kind, classNames: classes,
                                                          images: Array(images.keys), imageSize: { sizes[$0] })
                imported = result.detections
                printError("import: \(result.report)")
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
        }
        var rows: [Row] = []
        for path in files {
            guard let image = images[path] else { continue }
            var boxes = imported[path] ?? []
            for task in tasks {
                do {
                    boxes += try task.detect(in: image, scaleFactor: scaleFactor, minNeighbors: minNeighbors,
                                             minSize: (minSize, minSize))
                } catch {
                    printError("error: \(error)")
                    throw ExitCode(2)
                }
            }
            rows.append(Row(image: path, boxes: boxes))
            if let draw {
                try FileManager.default.createDirectory(atPath: draw, withIntermediateDirectories: true)
                var canvas = image
                let labels = Array(Set(boxes.map(\.label))).sorted()
                for b in boxes {
                    BoxDrawing.outline(&canvas, x: Int(b.x), y: Int(b.y), width: Int(b.width), height: Int(b.height),
                                       colour: BoxDrawing.colour(labels.firstIndex(of: b.label) ?? 0),
                                       thickness: max(2, min(image.width, image.height) / 200))
                }
                let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                try ImageEncoder.write(canvas, to: (draw as NSString).appendingPathComponent(stem + ".detections.png"))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        if failures > 0 { throw ExitCode(1) }
    }
}
