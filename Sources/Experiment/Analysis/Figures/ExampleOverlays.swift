import Detection
import Explanation
import Foundation
import Imaging
import Inference
import Perturbation
import Reporting

/// Grids of example images for the report: per condition, the images with the largest and the
/// smallest Jensen–Shannon shift (ties: image path order), each shown as original and modified,
/// plain and with every method's CAM overlaid (JET, as pytorch-grad-cam's `show_cam_on_image`).
///
/// The store holds no pixels, so the modified image is rebuilt exactly as the run made it: the
/// original is read again (its SHA-256 must match the stored one), the condition's modification
/// is applied with the stored detections and the record's item seed, and the result must carry the
/// stored applied parameters; otherwise the example is skipped with a reason.
public enum ExampleOverlays {
    public struct Outcome: Sendable {
        public var figures: [NamedFigure]
        /// Examples that could not be rebuilt, with the reason (e.g. "image not found").
        public var skipped: [String]
    }

    public static func make(store: ResultStore, pairs: PairedObservations, spec: ExperimentSpec?, tileSize: Int = 150,
                            perCondition: Int = 2, demo: Bool = false) -> Outcome {
        var figures: [NamedFigure] = []
        var skipped: [String] = []
        guard let spec else { return Outcome(figures: [], skipped: ["the stored spec could not be read"]) }
        let images = (try? store.images()) ?? []
        var imageIDs: [String: Int64] = [:]
        for (id, entry) in images { imageIDs[entry.path] = id }
        for condition in pairs.conditions {
            guard let expanded = spec.expandedConditions.first(where: { $0.id == condition }) else { continue }
            let shifts = (pairs.emotion[condition] ?? []).sorted {
                $0.shift.jensenShannon != $1.shift.jensenShannon ? $0.shift.jensenShannon > $1.shift.jensenShannon : $0.image < $1.image
            }
            guard !shifts.isEmpty else { continue }
            var chosen = [(shifts.first!, "largest shift")]
            if shifts.count > 1, perCondition > 1 { chosen.append((shifts.last!, "smallest shift")) }
            var rows: [[Image?]] = []
            var rowLabels: [String] = []
            for (example, label) in chosen {
                do {
                    let tiles = try rebuild(store: store, image: example.image, imageID: imageIDs[example.image], condition: expanded,
                                            methods: pairs.methods, tileSize: tileSize)
                    rows.append(tiles)
                    rowLabels.append("\((example.image as NSString).lastPathComponent) (\(label), JSD \(NumberFormatting.significant(example.shift.jensenShannon, digits: 2)))")
                } catch {
                    skipped.append("\(condition) · \(example.image): \(error)")
                }
            }
            guard !rows.isEmpty else { continue }
            let columns = ["original", "modified"] + pairs.methods.flatMap { ["\($0) (original)", "\($0) (modified)"] }
            figures.append(NamedFigure(
                id: "examples-\(condition)",
                caption: "Condition '\(condition)': the images with the largest and smallest Jensen–Shannon shift, with each CAM method's map "
                    + "over the original and the modified image (JET colormap, min–max scaled per map).",
                figure: ImageGrid(title: FigureTitle.make("Examples: \(condition)", demo: demo), images: rows, rowLabels: rowLabels, columnLabels: columns,
                                  tileSize: tileSize, maxLabelWidth: 240)))
        }
        return Outcome(figures: figures, skipped: skipped)
    }

    struct RebuildError: Error, CustomStringConvertible {
        var description: String
    }

    /// [original, modified, (CAM on original, CAM on modified) per method], each scaled to fit `tileSize`.
    static func rebuild(store: ResultStore, image path: String, imageID: Int64?, condition: ExpandedCondition, methods: [String],
                        tileSize: Int) throws -> [Image?] {
        guard FileManager.default.fileExists(atPath: path) else { throw RebuildError(description: "image not found (run the report from the run's folder)") }
        let bytes = try FileReader.read(path)
        let sha = ItemSeed.sha256Hex(bytes)
        let key = { (c: String, m: String) in RecordKey(imagePath: path, imageSHA256: sha, condition: c, method: m) }
        guard let method = methods.first ?? Optional("none"), let modifiedRecord = try store.record(for: key(condition.id, method)) else {
            throw RebuildError(description: "the image changed since the run (SHA-256 differs) or its record is missing")
        }
        let rgb = try ImageDecoder.decode(bytes).rgb()
        let detections = try imageID.map { try store.detections(imageID: $0) } ?? []
        let boxes = detections.map { DetectionBox(label: $0.label, score: $0.score, x: $0.x, y: $0.y, width: $0.width, height: $0.height, source: $0.source) }
        let modification = try ModificationFactory.make(condition.transform, parameters: condition.parameters)
        let result = try modification.apply(to: rgb, regions: ExperimentRunner.regions(for: condition, among: boxes),
                                            seed: modifiedRecord.record.itemSeed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let applied = String(decoding: try encoder.encode(result.record), as: UTF8.self)
        guard applied == modifiedRecord.record.appliedParameters else {
            throw RebuildError(description: "the modification no longer reproduces the stored one (different EmoShift version?)")
        }
        let scale = Double(tileSize) / Double(max(rgb.width, rgb.height))
        let w = max(1, Int((Double(rgb.width) * scale).rounded())), h = max(1, Int((Double(rgb.height) * scale).rounded()))
        let small = try PillowResampler.resize(rgb, width: w, height: h)
        let smallModified = try PillowResampler.resize(result.image, width: w, height: h)
        var tiles: [Image?] = [small, smallModified]
        for m in methods {
            for (c, picture) in [(ExperimentRunner.originalCondition, small), (condition.id, smallModified)] {
                guard let record = try store.record(for: key(c, m))?.record, let cam = record.cam, cam.width > 0, cam.height > 0 else {
                    tiles.append(nil); continue
                }
                let raw = try FloatMap(width: cam.width, height: cam.height, values: cam.values)
                let mask = try MapScaling.minMax(raw, epsilon: 1e-7).bilinearResized(width: w, height: h)
                tiles.append(try CAMOverlay.blend(image: picture, mask: mask))
            }
        }
        return tiles
    }
}
