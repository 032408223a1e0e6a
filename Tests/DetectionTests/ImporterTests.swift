import Detection
import Foundation
import Testing

/// Paths of the committed detection fixtures (`Tests/Fixtures/detections/`), found from this file.
private enum ImportFixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }  // DetectionTests → Tests
        return url.path + "/Fixtures/detections"
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    /// Scratch folder unique to one test.
    static func scratch(_ name: String = #function) -> String {
        let dir = NSTemporaryDirectory() + "emoshift-detection-tests-\(getpid())/" + name.filter { $0.isLetter || $0.isNumber }
        try? FileManager.default.removeItem(atPath: dir)
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

private typealias PixelSize = DetectionImporter.ImageSize

/// The error `body` throws, or nil.
private func importError(_ body: () throws -> Void) -> DetectionImportError? {
    do { try body() } catch let error as DetectionImportError { return error } catch {
        Issue.record("unexpected error type: \(error)")
    }
    return nil
}

private func near(_ box: DetectionBox?, _ x: Double, _ y: Double, _ w: Double, _ h: Double) -> Bool {
    guard let box else { return false }
    return abs(box.x - x) < 1e-9 && abs(box.y - y) < 1e-9 && abs(box.width - w) < 1e-9 && abs(box.height - h) < 1e-9
}

@Suite("CSV reader")
struct CSVTableTests {
    @Test func quotesCRLFAndLineNumbers() throws {
        let text = "\u{FEFF}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\",z\nlast,"
        let table = try CSVTable(text: text, file: "t.csv")
        #expect(table.rows.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\""], ["multi\nline", "z"], ["last", ""]])
        #expect(table.rows.map(\.line) == [1, 2, 4, 6])
    }

    @Test func garbageAfterClosingQuoteIsAnError() {
        let error = importError { _ = try CSVTable(text: "a,b\n\"x\"y,z\n", file: "t.csv") }
        #expect(error?.kind == .malformed)
        #expect(error?.description == "t.csv: line 2: unexpected character \"y\" after a closing quote")
    }
}

@Suite("Open Images importer")
struct OpenImagesImporterTests {
    private static let sizes: [String: PixelSize] = [
        "000a1249af2bc5f0": PixelSize(width: 800, height: 600),
        "0a0b1c2d3e4f5a6b": PixelSize(width: 400, height: 200),
    ]
    let descriptions = ImportFixtures.path("openimages/class-descriptions-boxable.csv")

    @Test func classDescriptions() throws {
        let pairs = try OpenImagesCSVImporter.readClassDescriptions(path: descriptions)
        #expect(pairs.count == 7)
        #expect(pairs.contains { $0.mid == "/m/01g317" && $0.name == "Person" })
        #expect(pairs.contains { $0.mid == "/m/0dzct" && $0.name == "Human face" })
        #expect(pairs.contains { $0.mid == "/m/0bt9lr" && $0.name == "Dog" })
    }

    @Test func importsNormalisedBoxesAsPixels() throws {
        let result = try DetectionImporter.import(
            path: ImportFixtures.path("openimages/dets.csv"), format: .openImages,
            classNames: descriptions, imageSize: { Self.sizes[$0] })
        let a = try #require(result.detections["000a1249af2bc5f0"])
        #expect(a.map(\.label) == ["Person", "Human face", "Dog"])
        #expect(near(a[0], 80, 120, 320, 420))
        #expect(a[0].score == 0.92)
        #expect(a[0].source == "import:openimages:dets.csv")
        #expect(near(a[2], 480, 300, 320, 300))  // touches the right and bottom edges: not clamped
        let b = try #require(result.detections["0a0b1c2d3e4f5a6b"])
        #expect(b.first?.label == "Human face")   // LabelName given as a display name
        #expect(near(b.first, 0, 0, 100, 100))
        #expect(result.report.recordCount == 5)
        #expect(result.report.importedCount == 5)
        #expect(result.report.isClean)
    }

    @Test func minScoreAndCaseInsensitiveLabelFilter() throws {
        let result = try DetectionImporter.import(
            path: ImportFixtures.path("openimages/dets.csv"), format: .openImages,
            classNames: descriptions, imageSize: { Self.sizes[$0] }, minScore: 0.1, labels: ["human FACE", "car"])
        #expect(result.detections.values.flatMap { $0 }.map(\.label) .sorted() == ["Human face", "Human face"])
        #expect(result.report.belowMinScoreCount == 1)
        #expect(result.report.filteredByLabelCount == 2)
    }

    @Test func unknownFilterLabelSuggestsKnownOnes() {
        let error = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("openimages/dets.csv"), format: .openImages,
                                             classNames: descriptions, imageSize: { Self.sizes[$0] }, labels: ["human_face"])
        }
        #expect(error?.kind == .unknownClass)
        #expect(error?.suggestions.first == "Human face")
        #expect(error?.message.contains("did you mean \"Human face\"") == true)
    }

    @Test func coordinateOutsideUnitRangeNamesFileAndLine() {
        let error = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("openimages/dets_out_of_range.csv"), format: .openImages,
                                             classNames: descriptions, imageSize: { Self.sizes[$0] })
        }
        #expect(error?.kind == .valueOutOfRange)
        #expect(error?.line == 3)
        #expect(error?.description.hasSuffix("dets_out_of_range.csv: line 3: XMin 1.3 is outside [0, 1]") == true)
    }

    @Test func unknownMIDSuggestsNearMIDs() {
        let error = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("openimages/dets_unknown_mid.csv"), format: .openImages,
                                             classNames: descriptions, imageSize: { Self.sizes[$0] })
        }
        #expect(error?.kind == .unknownClass)
        #expect(error?.line == 2)
        #expect(error?.suggestions.first == "/m/0bt9lr (Dog)")
    }

    @Test func rowWithMissingFieldsNamesItsLine() {
        let error = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("openimages/dets_missing_fields.csv"), format: .openImages,
                                             classNames: descriptions, imageSize: { Self.sizes[$0] })
        }
        #expect(error?.kind == .malformed)
        #expect(error?.description.hasSuffix("dets_missing_fields.csv: line 4: expected 7 fields, found 5") == true)
    }

    @Test func missingImageSizeIsAnError() {
        let error = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("openimages/dets.csv"), format: .openImages,
                                             classNames: descriptions, imageSize: { _ in nil })
        }
        #expect(error?.kind == .missingImageSize)
        #expect(error?.line == 2)
    }

    @Test func emptyHeaderOnlyAndMissingFiles() throws {
        let empty = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("openimages/empty.csv"), format: .openImages, classNames: descriptions)
        }
        #expect(empty?.kind == .emptyFile)
        #expect(empty?.description.hasSuffix("empty.csv: detections file is empty") == true)

        let headerOnly = try DetectionImporter.import(path: ImportFixtures.path("openimages/header_only.csv"), format: .openImages, classNames: descriptions)
        #expect(headerOnly.detections.isEmpty)
        #expect(headerOnly.report.recordCount == 0)

        let missing = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("openimages/nope.csv"), format: .openImages, classNames: descriptions)
        }
        #expect(missing?.kind == .fileNotFound)

        let noClasses = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("openimages/dets.csv"), format: .openImages)
        }
        #expect(noClasses?.kind == .invalidArgument)
    }

    @Test func matchesImageFilesAndReportsAmbiguousAndUnmatchedKeys() throws {
        let images = ["x/000a1249af2bc5f0.jpg", "y/000a1249af2bc5f0.png", "other/zzz.jpg"]
        let result = try DetectionImporter.import(
            path: ImportFixtures.path("openimages/dets.csv"), format: .openImages, classNames: descriptions,
            images: images, imageSize: { _ in PixelSize(width: 10, height: 10) })
        #expect(result.report.ambiguousKeys["000a1249af2bc5f0"] == ["x/000a1249af2bc5f0.jpg", "y/000a1249af2bc5f0.png"])
        #expect(result.report.unmatchedKeys["0a0b1c2d3e4f5a6b"] == 2)
        #expect(result.report.importedCount == 0)
        #expect(result.report.imagesWithoutDetections == images)
        #expect(Set(result.detections.keys) == Set(images))
        #expect(!result.report.isClean)
    }
}

@Suite("COCO importer")
struct COCOImporterTests {
    let annotations = ImportFixtures.path("coco/instances_mini.json")

    @Test func importsResultsWithSizesFromTheAnnotationFile() throws {
        let result = try DetectionImporter.import(path: ImportFixtures.path("coco/results.json"), format: .coco, classNames: annotations)
        let a = try #require(result.detections["000000397133.jpg"])
        #expect(a.map(\.label) == ["person", "dog"])
        #expect(near(a[0], 388.66, 69.92, 109.41, 277.62))
        #expect(near(a[1], 600, 300, 40, 127))  // clamped to 640×427
        #expect(result.detections["000000037777.jpg"]?.map(\.label) == ["cat"])
        #expect(result.detections["000000252219.jpg"] == [])  // in the annotation file, no detections
        #expect(result.report.clampedCount == 1)
        #expect(result.report.clamped.first?.hasSuffix("results.json: record 2 (000000397133.jpg)") == true)
        #expect(result.report.droppedOutside.count == 1)   // x = 400 in a 352-wide image
        #expect(result.report.droppedOutside.first?.contains("record 4") == true)
        #expect(result.report.importedCount == 3)
    }

    @Test func matchesFileNamesToImagePaths() throws {
        let images = ["val2017/000000397133.jpg", "val2017/000000037777.jpg"]
        let result = try DetectionImporter.import(path: ImportFixtures.path("coco/results.json"), format: .coco,
                                                  classNames: annotations, images: images)
        #expect(result.detections["val2017/000000397133.jpg"]?.count == 2)
        #expect(result.report.unmatchedKeys.isEmpty)
    }

    @Test func malformedBBoxNamesTheRecord() {
        let error = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("coco/results_bad_bbox.json"), format: .coco, classNames: annotations)
        }
        #expect(error?.kind == .malformed)
        #expect(error?.record == 2)
        #expect(error?.description.hasSuffix("results_bad_bbox.json: record 2: bbox has 3 numbers, expected 4") == true)
    }

    @Test func unknownCategoryListsKnownOnes() {
        let error = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("coco/results_unknown_category.json"), format: .coco, classNames: annotations)
        }
        #expect(error?.kind == .unknownClass)
        #expect(error?.message.contains("unknown category_id 99") == true)
        #expect(error?.message.contains("1 person, 17 cat, 18 dog") == true)
    }

    @Test func acceptsAnAnnotationFileAsResultsAndReportsClearly() throws {
        // A ground-truth file has an "annotations" array and no scores (score 1).
        let dir = ImportFixtures.scratch()
        let path = dir + "/gt.json"
        try #"{"annotations": [{"id": 1, "image_id": 37777, "category_id": 18, "bbox": [1, 2, 3, 4], "area": 12, "iscrowd": 0}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let result = try DetectionImporter.import(path: path, format: .coco, classNames: annotations)
        #expect(result.detections["000000037777.jpg"] == [
            DetectionBox(label: "dog", score: 1, x: 1, y: 2, width: 3, height: 4, source: "import:coco:gt.json"),
        ])
        let report = try DetectionImporter.import(path: ImportFixtures.path("coco/results.json"), format: .coco,
                                                  classNames: annotations).report
        #expect(report.description.hasSuffix("results.json (coco): 4 records, 3 boxes imported, 1 clamped, 1 dropped outside the image"))
    }

    @Test func emptyArrayTruncatedJSONAndMissingAnnotations() throws {
        let empty = try DetectionImporter.import(path: ImportFixtures.path("coco/results_empty.json"), format: .coco, classNames: annotations)
        #expect(empty.report.recordCount == 0)
        #expect(empty.detections.count == 3 && empty.detections.values.allSatisfy(\.isEmpty))

        let truncated = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("coco/results_truncated.json"), format: .coco, classNames: annotations)
        }
        #expect(truncated?.kind == .malformed)
        #expect(truncated?.message.hasPrefix("invalid JSON") == true)

        let missing = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("coco/results.json"), format: .coco,
                                             classNames: ImportFixtures.path("coco/missing.json"))
        }
        #expect(missing?.kind == .fileNotFound)
    }
}

@Suite("YOLO importer")
struct YOLOImporterTests {
    private static let sizes: [String: PixelSize] = [
        "img_a": PixelSize(width: 1000, height: 500), "img_b": PixelSize(width: 200, height: 100),
        "img_empty": PixelSize(width: 50, height: 50), "sub/img_c": PixelSize(width: 100, height: 100),
    ]
    let names = ImportFixtures.path("yolo/names.txt")

    @Test func importsAFolderOfLabelFiles() throws {
        let result = try DetectionImporter.import(path: ImportFixtures.path("yolo/labels"), format: .yolo,
                                                  classNames: names, imageSize: { Self.sizes[$0] })
        #expect(Set(result.detections.keys) == ["img_a", "img_b", "img_empty", "sub/img_c"])
        let a = try #require(result.detections["img_a"])
        #expect(a.map(\.label) == ["person", "human face"])
        #expect(near(a[0], 250, 50, 500, 400))
        #expect(near(a[1], 400, 100, 200, 100))
        #expect(a[0].score == 0.91)
        let b = try #require(result.detections["img_b"])
        #expect(b[0].label == "dog" && b[0].score == 1)   // no score column
        #expect(near(b[0], 170, 30, 30, 40))                // cx 0.95 ± 0.1 reaches past the right edge
        #expect(result.detections["img_empty"] == [])      // empty file: no objects
        #expect(near(result.detections["sub/img_c"]?.first, 0, 0, 50, 50))
        #expect(result.report.clampedCount == 1)
        #expect(result.report.clamped.first?.contains("img_b.txt: line 1") == true)
        #expect(result.detections["img_a"]?.first?.source == "import:yolo:labels")
    }

    @Test func classGivenByNameAndSingleFile() throws {
        let dir = ImportFixtures.scratch()
        try "DOG 0.5 0.5 0.2 0.2 0.4\n".write(toFile: dir + "/one.txt", atomically: true, encoding: .utf8)
        let result = try DetectionImporter.import(path: dir + "/one.txt", format: .yolo, classNames: names,
                                                  imageSize: { _ in PixelSize(width: 10, height: 10) })
        #expect(result.detections["one"]?.first?.label == "dog")  // single file: key is the stem
        #expect(near(result.detections["one"]?.first, 4, 4, 2, 2))
    }

    @Test func shortLineNamesFileAndLine() {
        let error = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("yolo/bad/short_line.txt"), format: .yolo,
                                             classNames: names, imageSize: { _ in PixelSize(width: 10, height: 10) })
        }
        #expect(error?.kind == .malformed)
        #expect(error?.description.hasSuffix("short_line.txt: line 2: expected 5 or 6 fields (class cx cy w h [score]), found 4") == true)
    }

    @Test func classIndexOutsideTheNames() {
        let error = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("yolo/bad/bad_class.txt"), format: .yolo,
                                             classNames: names, imageSize: { _ in PixelSize(width: 10, height: 10) })
        }
        #expect(error?.kind == .unknownClass)
        #expect(error?.line == 1)
        #expect(error?.message.hasPrefix("class index 7 is outside the 3 names") == true)
    }

    @Test func missingFolderAndEmptyNamesFile() {
        let missing = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("yolo/nope"), format: .yolo, classNames: names)
        }
        #expect(missing?.kind == .fileNotFound)
        let emptyNames = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("yolo/labels"), format: .yolo,
                                             classNames: ImportFixtures.path("yolo/labels/img_empty.txt"))
        }
        #expect(emptyNames?.kind == .emptyFile)
    }
}

@Suite("Plain CSV importer")
struct PlainCSVImporterTests {
    @Test func importsPixelsWithoutSizesUnchecked() throws {
        let result = try DetectionImporter.import(path: ImportFixtures.path("csv/dets.csv"), format: .csv)
        let a = try #require(result.detections["photos/a.jpg"])
        #expect(a.map(\.label) == ["Human Face", "person"])   // no names file: labels as written
        #expect(near(a[1], -5, 0, 50, 120))
        #expect(result.detections["photos/b, 2.jpg"]?.count == 1)  // quoted field with a comma
        #expect(result.report.uncheckedCount == 3)
    }

    @Test func namesFileGivesCanonicalLabelsAndSizesClamp() throws {
        let images = ["photos/a.jpg", "photos/b, 2.jpg", "photos/c.jpg"]
        let result = try DetectionImporter.import(
            path: ImportFixtures.path("csv/dets.csv"), format: .csv, classNames: ImportFixtures.path("csv/names.txt"),
            images: images, imageSize: { _ in PixelSize(width: 100, height: 100) })
        let a = try #require(result.detections["photos/a.jpg"])
        #expect(a.map(\.label) == ["human face", "person"])
        #expect(near(a[1], 0, 0, 45, 100))
        #expect(result.report.clampedCount == 1)
        #expect(result.report.imagesWithoutDetections == ["photos/c.jpg"])
        #expect(result.detections["photos/c.jpg"] == [])
    }

    @Test func letterboxFrameMapsBackToOriginalPixels() throws {
        let dir = ImportFixtures.scratch()
        let path = dir + "/letterboxed.csv"
        // 1216×608 image in a 608×608 canvas: scale 0.5, 152 px of padding on top.
        try "image,label,score,x,y,width,height\nwide.jpg,person,0.5,50,252,150,200\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try DetectionImporter.import(path: path, format: .csv, imageSize: { _ in PixelSize(width: 1216, height: 608) },
                                                  frame: .letterbox(width: 608, height: 608))
        #expect(near(result.detections["wide.jpg"]?.first, 100, 200, 300, 400))
    }

    @Test func unknownLabelSuggestsKnownOnes() {
        let error = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("csv/dets_unknown_label.csv"), format: .csv,
                                             classNames: ImportFixtures.path("csv/names.txt"))
        }
        #expect(error?.kind == .unknownClass)
        #expect(error?.description.hasSuffix("dets_unknown_label.csv: line 2: unknown class \"human fase\" (did you mean \"human face\"?)") == true)
    }

    @Test func malformedRows() {
        let badNumber = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("csv/dets_bad_number.csv"), format: .csv)
        }
        #expect(badNumber?.description.hasSuffix("dets_bad_number.csv: line 3: score \"high\" is not a finite number") == true)

        let badHeader = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("csv/dets_bad_header.csv"), format: .csv)
        }
        #expect(badHeader?.kind == .malformed)
        #expect(badHeader?.line == 1)
        #expect(badHeader?.message.hasPrefix("header has no width column") == true)

        let unclosed = importError {
            _ = try DetectionImporter.import(path: ImportFixtures.path("csv/dets_unclosed_quote.csv"), format: .csv)
        }
        #expect(unclosed?.description.hasSuffix("dets_unclosed_quote.csv: line 2: quoted field never closed") == true)
    }

    @Test func emptyFileAndFolderInsteadOfFile() {
        #expect(importError { _ = try DetectionImporter.import(path: ImportFixtures.path("openimages/empty.csv"), format: .csv) }?.kind == .emptyFile)
        #expect(importError { _ = try DetectionImporter.import(path: ImportFixtures.path("csv"), format: .csv) }?.kind == .unreadable)
    }
}

@Suite("Image key matching and labels")
struct ImageKeyMatchingTests {
    @Test func matchingRulesInOrder() {
        let m = ImageKeyMatcher(images: ["data/val/0001.jpg", "data/train/0001.jpg", "./data/val/0002.png", "x.jpg"])
        #expect(m.match("data/val/0001.jpg") == .matched("data/val/0001.jpg"))
        #expect(m.match("data/val/0002") == .matched("data/val/0002.png"))
        #expect(m.match("val/0001") == .matched("data/val/0001.jpg"))
        #expect(m.match("0001.jpg") == .ambiguous(["data/train/0001.jpg", "data/val/0001.jpg"]))
        #expect(m.match("0002") == .matched("data/val/0002.png"))
        #expect(m.match("x") == .matched("x.jpg"))
        #expect(m.match("X") == .unmatched)
        #expect(m.match("al/0001") == .unmatched)
    }

    @Test func vocabularyFoldsCaseAndSuggests() {
        let v = LabelVocabulary(["Person", "Human face", "Human eye", "Dog"])
        #expect(v.canonical(" human FACE ") == "Human face")
        #expect(v.canonical("face") == nil)
        #expect(v.suggestions(for: "face") == ["Human face"])
        #expect(v.suggestions(for: "Human fase").first == "Human face")
        #expect(v.suggestions(for: "dgo") == ["Dog"])
    }
}
