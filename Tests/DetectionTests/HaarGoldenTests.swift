import Detection
import Foundation
import Imaging
import Testing

/// Goldens from `Scripts/reference/make_haar_goldens.py` (OpenCV 4.x `CascadeClassifier`, `cv2.resize`
/// `INTER_LINEAR_EXACT`, `cv2.groupRectangles`), located from this file's path.
private enum HaarFixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // HaarGoldenTests.swift → DetectionTests → Tests → root
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static let goldens: HaarGoldens = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: path("Tests/Fixtures/goldens/haar/haar_goldens.json")))
        return try! JSONDecoder().decode(HaarGoldens.self, from: data)
    }()

    static let cascadeDirectory = NamedDetector.defaultDirectory

    static func grey(_ file: String) throws -> GreyImage {
        GreyImage(try ImageDecoder.rgb(contentsOf: path(file)))
    }

    static func detector(_ cascade: String) throws -> HaarDetector {
        try HaarDetector(contentsOf: cascadeDirectory + "/" + cascade)
    }

    static func fnv1a64(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    static func sorted(_ rects: [[Int]]) -> [[Int]] { rects.sorted { $0.lexicographicallyPrecedes($1) } }
    static func array(_ r: PixelRect) -> [Int] { [r.x, r.y, r.width, r.height] }

    /// Greedy best-IoU matching; the smallest IoU over matched pairs (1 when both lists are empty).
    static func minMatchedIoU(_ a: [[Int]], _ b: [[Int]]) -> Double {
        func box(_ r: [Int]) -> DetectionBox {
            DetectionBox(label: "", score: 0, x: Double(r[0]), y: Double(r[1]), width: Double(r[2]), height: Double(r[3]), source: "")
        }
        var remaining = b.map(box)
        var worst = 1.0
        for r in a.map(box) {
            guard let (i, iou) = remaining.enumerated().map({ ($0.offset, r.iou($0.element)) }).max(by: { $0.1 < $1.1 }) else { return 0 }
            worst = min(worst, iou)
            remaining.remove(at: i)
        }
        return worst
    }
}

struct HaarGoldens: Decodable, Sendable {
    struct Grey: Decodable, Sendable, CustomTestStringConvertible {
        var file: String, width: Int, height: Int, fnv1a64: String
        var testDescription: String { (file as NSString).lastPathComponent }
    }
    struct Detection: Decodable, Sendable, CustomTestStringConvertible {
        var file: String, cascade: String, scale_factor: Double, min_neighbors: Int, min_size: Int, max_size: Int?, boxes: [[Int]]
        var testDescription: String {
            "\((file as NSString).lastPathComponent) \(cascade) \(scale_factor)/\(min_neighbors)/\(min_size)/\(max_size ?? 0)"
        }
    }
    struct Raw: Decodable, Sendable, CustomTestStringConvertible {
        var file: String, cascade: String, scale_factor: Double, boxes: [[Int]]
        var testDescription: String { "\((file as NSString).lastPathComponent) \(cascade) \(scale_factor) raw" }
    }
    struct Eyes: Decodable, Sendable, CustomTestStringConvertible {
        var file: String, faces: [[Int]], eyes: [[Int]]
        var testDescription: String { (file as NSString).lastPathComponent }
    }
    struct Resize: Decodable, Sendable, CustomTestStringConvertible {
        var in_width: Int, in_height: Int, input: [UInt8], width: Int, height: Int, output: [UInt8]
        var testDescription: String { "\(in_width)x\(in_height)→\(width)x\(height)" }
    }
    struct Group: Decodable, Sendable, CustomTestStringConvertible {
        var name: String, rects: [[Int]], threshold: Int, eps: Double, out: [[Int]], weights: [Int]
        var testDescription: String { name }
    }
    var opencv: String
    var grey: [Grey]
    var detections: [Detection]
    var raw: [Raw]
    var eyes_in_faces: [Eyes]
    var resize: [Resize]
    var group: [Group]
}

@Suite("Haar cascades vs OpenCV")
struct HaarGoldenTests {
    @Test("grey = cv2.cvtColor(RGB2GRAY) (Q15)", arguments: HaarFixtures.goldens.grey)
    func grey(_ g: HaarGoldens.Grey) throws {
        let img = try HaarFixtures.grey(g.file)
        #expect(img.width == g.width && img.height == g.height)
        #expect(HaarFixtures.fnv1a64(img.pixels) == g.fnv1a64)
    }

    @Test("Q15 formula on extreme and mid values")
    func q15() throws {
        let rgb = try Image(width: 4, height: 1, format: .rgb, pixels: [255, 255, 255, 0, 0, 0, 255, 0, 0, 10, 200, 30])
        let g = GreyImage(rgb)
        let mixed: Int = (9798 * 10 + 19235 * 200 + 3735 * 30 + 16384) >> 15
        let expected: [UInt8] = [255, 0, 76, UInt8(mixed)]
        #expect(g.pixels == expected)
    }

    @Test("detectMultiScale boxes", arguments: HaarFixtures.goldens.detections)
    func detections(_ c: HaarGoldens.Detection) throws {
        let grey = try HaarFixtures.grey(c.file)
        let det = try HaarFixtures.detector(c.cascade)
        let maxSize = c.max_size ?? 0
        let boxes = try det.detectMultiScale(grey: grey, scaleFactor: c.scale_factor, minNeighbors: c.min_neighbors,
                                             minSize: (c.min_size, c.min_size), maxSize: (maxSize, maxSize))
        let got = boxes.map { [Int($0.x), Int($0.y), Int($0.width), Int($0.height)] }
        // Acceptance: same count, IoU ≥ 0.95 per matched box; in practice the boxes are identical.
        #expect(got.count == c.boxes.count)
        #expect(HaarFixtures.minMatchedIoU(got, c.boxes) >= 0.95)
        #expect(HaarFixtures.sorted(got) == HaarFixtures.sorted(c.boxes))
        #expect(boxes.allSatisfy { $0.score > Double(c.min_neighbors) && $0.source == "haar:" + c.cascade })
    }

    @Test("raw candidate windows (minNeighbors 0), incl. tilted-feature cascades", arguments: HaarFixtures.goldens.raw)
    func raw(_ c: HaarGoldens.Raw) throws {
        let grey = try HaarFixtures.grey(c.file)
        let got = try HaarFixtures.detector(c.cascade).detectRects(grey: grey, scaleFactor: c.scale_factor, minNeighbors: 0)
        #expect(HaarFixtures.sorted(got.map { HaarFixtures.array($0.rect) }) == HaarFixtures.sorted(c.boxes))
    }

    @Test("eyes inside face boxes", arguments: HaarFixtures.goldens.eyes_in_faces.filter { !$0.faces.isEmpty })
    func eyes(_ c: HaarGoldens.Eyes) throws {
        let grey = try HaarFixtures.grey(c.file)
        let got = try NamedDetector.eyes.detect(grey: grey, scaleFactor: 1.1, minNeighbors: 3, minSize: (30, 30))
        #expect(got.allSatisfy { $0.label == "eye" })
        #expect(HaarFixtures.sorted(got.map { [Int($0.x), Int($0.y), Int($0.width), Int($0.height)] }) == HaarFixtures.sorted(c.eyes))
    }

    @Test("LinearResizeU8 = cv2.resize INTER_LINEAR_EXACT", arguments: HaarFixtures.goldens.resize)
    func resize(_ c: HaarGoldens.Resize) throws {
        let src = try GreyImage(width: c.in_width, height: c.in_height, pixels: c.input)
        let out = LinearResizeU8.resize(src, width: c.width, height: c.height)
        #expect(out.width == c.width && out.height == c.height)
        #expect(out.pixels == c.output)
    }

    @Test("RectangleGrouping = cv2.groupRectangles", arguments: HaarFixtures.goldens.group)
    func group(_ c: HaarGoldens.Group) {
        let rects = c.rects.map { PixelRect(x: $0[0], y: $0[1], width: $0[2], height: $0[3]) }
        let got = RectangleGrouping.group(rects, groupThreshold: c.threshold, eps: c.eps)
        #expect(got.map { HaarFixtures.array($0.rect) } == c.out)
        if c.threshold > 0 { #expect(got.map(\.count) == c.weights) }
    }

    @Test("missing cascade file names the file")
    func missingFile() {
        let path = "/nonexistent/dir/haarcascade_nothing.xml"
        #expect { try HaarCascade.load(contentsOf: path) } throws: { e in
            guard let e = e as? HaarError else { return false }
            return e.kind == .missingFile && e.message.contains(path)
        }
    }

    @Test("missing opencv-data directory mentions opencv-data")
    func missingDirectory() {
        #expect { try NamedDetector.faces.cascadePath(directory: "/nonexistent/haarcascades") } throws: { e in
            guard let e = e as? HaarError else { return false }
            return e.kind == .missingFile && e.message.contains("opencv-data")
        }
    }

    @Test("malformed and unsupported cascade XML", arguments: [
        ("not xml at all <<<", HaarError.Kind.malformedCascade),
        ("<?xml version=\"1.0\"?><opencv_storage><cascade><stageType>BOOST</stageType>", .malformedCascade),
        ("<?xml version=\"1.0\"?><opencv_storage><cascade><stageType>BOOST</stageType><featureType>HAAR</featureType><width>24</width><height>24</height></cascade></opencv_storage>", .malformedCascade),
        ("<?xml version=\"1.0\"?><opencv_storage><cascade><stageType>BOOST</stageType><featureType>HAAR</featureType><width>24</width><height>24</height><stages><_><stageThreshold>1</stageThreshold><weakClassifiers><_><internalNodes>0 -1 5 0.1</internalNodes><leafValues>1 2</leafValues></_></weakClassifiers></_></stages><features><_><rects><_>0 0 2 2 -1.</_></rects></_></features></cascade></opencv_storage>", .malformedCascade),
        ("<?xml version=\"1.0\"?><opencv_storage><cascade><stageType>BOOST</stageType><featureType>LBP</featureType></cascade></opencv_storage>", .unsupportedCascade),
    ])
    func malformed(_ xml: String, _ kind: HaarError.Kind) throws {
        let dir = NSTemporaryDirectory() + "haar-tests-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/bad-\(abs(xml.hashValue)).xml"
        try xml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect { try HaarCascade.load(contentsOf: path) } throws: { e in
            guard let e = e as? HaarError else { return false }
            return e.kind == kind && e.message.contains(path)
        }
    }

    @Test("old-style cascade is reported as unsupported")
    func oldStyle() throws {
        let path = HaarFixtures.cascadeDirectory + "/haarcascade_licence_plate_rus_16stages.xml"
        try #require(FileManager.default.fileExists(atPath: path))
        #expect { try HaarCascade.load(contentsOf: path) } throws: { e in
            (e as? HaarError)?.kind == .unsupportedCascade
        }
    }

    @Test("named detectors resolve and load", arguments: NamedDetector.allCases)
    func named(_ n: NamedDetector) throws {
        let d = try n.detector()
        #expect(d.cascade.stages.count > 0)
        #expect(d.label == n.label)
    }

    @Test("scaleFactor ≤ 1 is rejected")
    func badScale() throws {
        let det = try HaarFixtures.detector("haarcascade_frontalface_default.xml")
        let g = try GreyImage(width: 30, height: 30, pixels: [UInt8](repeating: 7, count: 900))
        #expect(throws: HaarError.self) { try det.detectMultiScale(grey: g, scaleFactor: 1.0) }
        #expect(try det.detectMultiScale(grey: g).isEmpty)  // flat image: every window has zero variance
    }
}
