import Foundation
import Imaging
import Testing
@testable import Explanation

/// Object importance against `Scripts/reference/importance_reference.py` (pytorch-grad-cam 1.5.7's
/// `scale_cam_image`/`aggregate_multi_layers`, cv2 4.14 `resize`, Pillow 13 "F" BICUBIC, numpy
/// slicing; the clamped convention independently in numpy). Hand-made 13×13 maps, four image
/// shapes, boxes inside / partly outside / outside / empty / fractional.
///
/// Tolerance 1e-6 absolute on the mean. The maps are float32 and not bit-identical to the
/// reference: `FloatMap.bilinearResized` follows OpenCV's generic INTER_LINEAR code (float32 source
/// coordinate, so the fraction carries up to ~5e-7 error near the far edge of a 13→227 resize), while
/// the opencv-python 4.14 wheel takes another path for this resize (it is built with Intel IPP): its
/// output matches a double-precision source coordinate to 1 ulp. Per pixel the Swift maps differ from cv2/Pillow by ≤ 6.6e-7 (227×227) and
/// ≤ 1.1e-6 (W×H, 608×608); box means, which average those differences, by ≤ 1.6e-7 (both
/// evaluations). The golden mean is float64 over the float32 map; the authors' float32
/// `ndarray.mean()` differs from it by ≤ 7e-8 and is checked too. The no-value (NaN) cases,
/// the reasons (clamped) and the pixel counts must agree exactly.
@Suite("Object importance goldens")
struct ImportanceGoldenTests {
    struct Golden: Decodable {
        struct Letterbox: Decodable {
            var width, height, resizedWidth, resizedHeight, padLeft, padTop: Int
        }
        struct Diagnostic: Decodable {
            var map: String
            var width, height: Int
            var sum227, max227, sumOriginal, sum608, min608, max608: Double
        }
        struct Case: Decodable {
            var map: String
            var width, height: Int
            var convention: String
            var frame: String
            var name: String
            var box: [Double]
            var expected: Double?
            var expectedFloat32Mean: Double?
            var reason: String?
            var pixels: Int
        }
        var maps: [String: [Double]]
        var letterbox: [Letterbox]
        var diagnostics: [Diagnostic]
        var cases: [Case]
    }

    static let golden: Golden = {
        let url = URL(fileURLWithPath: ExplanationFixtures.root + "/Tests/Fixtures/goldens/importance/importance.json")
        return try! JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    }()

    static let tolerance = 1e-6

    static func raw(_ name: String) throws -> FloatMap {
        let values = try #require(golden.maps[name]).map { Float($0) }
        return try FloatMap(width: 13, height: 13, values: values)
    }

    @Test("letterbox geometry matches the reference")
    func letterboxGeometry() throws {
        #expect(Self.golden.letterbox.count == 4)
        for l in Self.golden.letterbox {
            let g = try LetterboxGeometry(imageWidth: l.width, imageHeight: l.height)
            #expect(g.resizedWidth == l.resizedWidth && g.resizedHeight == l.resizedHeight, "\(l.width)×\(l.height)")
            #expect(g.padLeft == l.padLeft && g.padTop == l.padTop, "\(l.width)×\(l.height)")
        }
    }

    @Test("227, W×H and 608 maps match the reference sums")
    func mapDiagnostics() throws {
        for d in Self.golden.diagnostics {
            let m227 = try ObjectImportance.camMap227(raw: Self.raw(d.map))
            let original = try ObjectImportance.originalSizeMap(cam227: m227, width: d.width, height: d.height)
            let geometry = try LetterboxGeometry(imageWidth: d.width, imageHeight: d.height)
            let m608 = try ObjectImportance.letterboxMap(original: original, geometry: geometry)
            func sum(_ m: FloatMap) -> Double { m.values.reduce(0) { $0 + Double($1) } }
            let label = "\(d.map) \(d.width)×\(d.height)"
            // Per-sample tolerance 1e-6, summed: a loose bound that still catches a shifted or mis-scaled map.
            #expect(abs(sum(m227) - d.sum227) <= 1e-6 * Double(m227.values.count), "\(label) sum227")
            #expect(abs(Double(m227.values.max()!) - d.max227) <= 1e-6, "\(label) max227")
            #expect(abs(sum(original) - d.sumOriginal) <= 1e-6 * Double(original.values.count), "\(label) sumOriginal")
            #expect(abs(sum(m608) - d.sum608) <= 1e-6 * Double(m608.values.count), "\(label) sum608")
            // Per pixel the maps differ by up to ~1.1e-6 (see the suite comment).
            #expect(abs(Double(m608.values.min()!) - d.min608) <= 2e-6, "\(label) min608")
            #expect(abs(Double(m608.values.max()!) - d.max608) <= 2e-6, "\(label) max608")
        }
    }

    @Test("importance of every golden box, both conventions and frames", arguments: ImportanceEvaluation.allCases)
    func importances(evaluation: ImportanceEvaluation) throws {
        var calculators: [String: ObjectImportance] = [:]
        var worst = 0.0, checked = 0, missing = 0
        for c in Self.golden.cases {
            let convention = try #require(ImportanceConvention(rawValue: c.convention))
            let frame: ImportanceBoxFrame = c.frame == "original" ? .original : .letterbox608
            let key = "\(c.map) \(c.width)×\(c.height) \(c.convention)"
            let calc: ObjectImportance
            if let cached = calculators[key] {
                calc = cached
            } else {
                calc = try ObjectImportance(rawCAM: Self.raw(c.map), imageWidth: c.width, imageHeight: c.height,
                                            convention: convention, evaluation: evaluation)
                calculators[key] = calc
            }
            let box = ImportanceBox(x: c.box[0], y: c.box[1], width: c.box[2], height: c.box[3], label: c.name)
            let r = calc.importance(of: box, boxFrame: frame)
            let label = "\(evaluation) \(key) \(c.frame) '\(c.name)' \(c.box)"
            #expect(r.pixelCount == c.pixels, "\(label): pixels")
            if let expected = c.expected {
                let value = try #require(r.value, "\(label): no value (\(r.reason ?? "-"))")
                #expect(abs(value - expected) <= Self.tolerance, "\(label): \(value) vs \(expected)")
                worst = max(worst, abs(value - expected))
                if let f32 = c.expectedFloat32Mean {
                    #expect(abs(value - f32) <= Self.tolerance, "\(label): \(value) vs float32 mean \(f32)")
                }
                #expect(r.reason == nil)
                checked += 1
            } else {
                #expect(r.value == nil, "\(label): expected no value, got \(r.value ?? .nan)")
                #expect(r.reason != nil, "\(label): missing reason")
                if let reason = c.reason { #expect(r.reason == reason, "\(label): reason") }
                missing += 1
            }
        }
        #expect(checked > 300 && missing > 200)
        print("importance goldens (\(evaluation)): \(checked) values (max |Δ| = \(worst)), \(missing) without value")
    }
}
