import Foundation
import Imaging
import Inference
import Testing
@testable import Explanation

@Suite("Object importance: geometry, slicing, tables")
struct ImportanceUnitTests {
    @Test("letterbox sizes for the four aspect cases and the padding split")
    func letterboxSizes() throws {
        let landscape = try LetterboxGeometry(imageWidth: 640, imageHeight: 480)
        #expect(landscape.resizedWidth == 608 && landscape.resizedHeight == 456)
        #expect(landscape.padLeft == 0 && landscape.padTop == 76)
        let portrait = try LetterboxGeometry(imageWidth: 333, imageHeight: 500)
        #expect(portrait.resizedWidth == 404 && portrait.resizedHeight == 608)  // ⌊608·333/500⌋ = ⌊404.928⌋
        #expect(portrait.padLeft == 102 && portrait.padTop == 0)  // 204 → 102 left, 102 right
        let square = try LetterboxGeometry(imageWidth: 227, imageHeight: 227)
        #expect(square.resizedWidth == 608 && square.resizedHeight == 608 && square.padLeft == 0 && square.padTop == 0)
        let thin = try LetterboxGeometry(imageWidth: 300, imageHeight: 17)
        #expect(thin.resizedWidth == 608 && thin.resizedHeight == 34)  // ⌊34.45⌋
        #expect(thin.padTop == 287)  // 574 → 287 / 287
        // Odd remainder: the extra row goes to the bottom.
        let odd = try LetterboxGeometry(imageWidth: 1000, imageHeight: 999)
        #expect(odd.resizedHeight == 607 && odd.padTop == 0)
        let odd2 = try LetterboxGeometry(imageWidth: 1000, imageHeight: 995)
        #expect(odd2.resizedHeight == 604 && odd2.padTop == 2)  // 4 rows: 2 top, 2 bottom
        let odd3 = try LetterboxGeometry(imageWidth: 1000, imageHeight: 996)
        #expect(odd3.resizedHeight == 605 && odd3.padTop == 1)  // 3 rows: 1 top, 2 bottom
        #expect(throws: ImageError.self) { try LetterboxGeometry(imageWidth: 0, imageHeight: 10) }
        #expect(throws: ImageError.self) { try LetterboxGeometry(imageWidth: 10_000, imageHeight: 1) }  // 0 rows
    }

    @Test("box conversion to and from the letterbox uses the scale actually used")
    func boxConversion() throws {
        let g = try LetterboxGeometry(imageWidth: 333, imageHeight: 500)
        let b = ImportanceBox(x: 10, y: 20, width: 100, height: 50, label: "Human face", score: 0.8)
        let l = g.toLetterbox(b)
        #expect(l.x == 10 * (404.0 / 333.0) + 102 && l.y == 20 * (608.0 / 500.0))
        #expect(l.width == 100 * (404.0 / 333.0) && l.height == 50 * (608.0 / 500.0))
        #expect(l.label == "Human face" && l.score == 0.8)
        let back = g.toOriginal(l)
        #expect(abs(back.x - 10) < 1e-12 && abs(back.y - 20) < 1e-12)
        #expect(abs(back.width - 100) < 1e-12 && abs(back.height - 50) < 1e-12)
    }

    @Test("padding places the map and keeps values (no clipping)")
    func padding() throws {
        let g = try LetterboxGeometry(imageWidth: 4, imageHeight: 2, side: 8)  // 8×4, pad top 2
        #expect(g.resizedWidth == 8 && g.resizedHeight == 4 && g.padTop == 2)
        let m = try FloatMap(width: 8, height: 4, values: (0..<32).map { Float($0) - 1.5 })
        let p = try g.padded(m)
        #expect(p.width == 8 && p.height == 8)
        #expect(p[0, 0] == 0 && p[7, 1] == 0 && p[0, 6] == 0)
        #expect(p[0, 2] == -1.5 && p[7, 5] == 29.5)
        #expect(throws: ImageError.self) { try g.padded(try FloatMap(width: 3, height: 3)) }
    }

    @Test("Python slice bounds: negative start, negative end, beyond the end, empty")
    func pythonSlices() {
        #expect(PythonSlice.range(start: 2, stop: 5, count: 10) == 2..<5)
        #expect(PythonSlice.range(start: -3, stop: 10, count: 10) == 7..<10)   // negative start counts from the end
        #expect(PythonSlice.range(start: -3, stop: 5, count: 10) == 7..<7)     // …and then [7:5] is empty
        #expect(PythonSlice.range(start: 2, stop: -1, count: 10) == 2..<9)     // negative end
        #expect(PythonSlice.range(start: -5, stop: -2, count: 10) == 5..<8)
        #expect(PythonSlice.range(start: -20, stop: 5, count: 10) == 0..<5)    // far negative start clamps to 0
        #expect(PythonSlice.range(start: 5, stop: 100, count: 10) == 5..<10)   // beyond the end clamps
        #expect(PythonSlice.range(start: 12, stop: 20, count: 10).isEmpty)
        #expect(PythonSlice.range(start: 8, stop: 3, count: 10).isEmpty)
        #expect(PythonSlice.range(start: 4, stop: 4, count: 10).isEmpty)
        #expect(PythonSlice.range(start: -20, stop: -15, count: 10).isEmpty)
        #expect(PythonSlice.int(2.9) == 2 && PythonSlice.int(-0.7) == 0 && PythonSlice.int(-1.5) == -1)
        #expect(PythonSlice.int(-0.0) == 0 && PythonSlice.int(608) == 608)
        #expect(PythonSlice.int(.nan) == nil && PythonSlice.int(.infinity) == nil)
        #expect(PythonSlice.int(1e300)! > 1 << 52 && PythonSlice.int(-1e300)! < -(1 << 52))
    }

    @Test("pixel-centre rule of the clamped convention")
    func centreRule() {
        #expect(ObjectImportance.centreRange(origin: 0, extent: 640) == 0..<640)
        #expect(ObjectImportance.centreRange(origin: 9.5, extent: 1) == 9..<10)     // centre 9.5 ∈ [9.5, 10.5)
        #expect(ObjectImportance.centreRange(origin: 10.1, extent: 0.3) == nil)     // no centre in [10.1, 10.4)
        #expect(ObjectImportance.centreRange(origin: 10.2, extent: 0.4) == 10..<11)
        #expect(ObjectImportance.centreRange(origin: 3.2, extent: 2.6) == 3..<6)    // centres 3.5, 4.5, 5.5
        #expect(ObjectImportance.centreRange(origin: -0.5, extent: 1) == -1..<0)
        #expect(ObjectImportance.centreRange(origin: 5, extent: 0) == nil)
        #expect(ObjectImportance.centreRange(origin: 5, extent: -2) == nil)
    }

    @Test("summed-area table sums equal brute force")
    func summedAreaTable() throws {
        let w = 7, h = 5
        let values = (0..<(w * h)).map { Float(($0 * 37) % 11) * 0.25 - 1 }
        let map = try FloatMap(width: w, height: h, values: values)
        let t = SummedAreaTable(map)
        for r0 in 0...h { for r1 in r0...h { for c0 in 0...w { for c1 in c0...w {
            var s = 0.0
            for y in r0..<r1 { for x in c0..<c1 { s += Double(map[x, y]) } }
            #expect(abs(t.sum(rows: r0..<r1, columns: c0..<c1) - s) < 1e-12)
        } } } }
        #expect(t.mean(rows: 2..<2, columns: 0..<3) == nil)
    }

    @Test("reasons, notes and the constant map")
    func reasonsAndNotes() throws {
        var raw = try FloatMap(width: 13, height: 13)
        raw[3, 5] = 2
        let clamped = try ObjectImportance(rawCAM: raw, imageWidth: 640, imageHeight: 480)
        #expect(clamped.importance(of: ImportanceBox(x: 700, y: 0, width: 10, height: 10)).reason == "box outside the image")
        #expect(clamped.importance(of: ImportanceBox(x: 7, y: 0, width: 0, height: 10)).reason == "empty box")
        #expect(clamped.importance(of: ImportanceBox(x: .nan, y: 0, width: 1, height: 1)).value == nil)
        let partly = clamped.importance(of: ImportanceBox(x: -10, y: -10, width: 100, height: 100))
        #expect(partly.value != nil && partly.note == "clamped to the image" && partly.columns == 0..<90)
        let whole = clamped.importance(of: ImportanceBox(x: 0, y: 0, width: 640, height: 480))
        #expect(whole.note == nil && whole.pixelCount == 640 * 480)

        let emocam = try ObjectImportance(rawCAM: raw, imageWidth: 640, imageHeight: 480, convention: .emocam)
        #expect(emocam.letterboxMap == nil)  // factorised: never materialised
        let full = try ObjectImportance(rawCAM: raw, imageWidth: 640, imageHeight: 480, convention: .emocam,
                                        evaluation: .fullResolution)
        #expect(full.letterboxMap?.width == 608 && full.letterboxMap?.height == 608)
        let wrapped = emocam.importance(of: ImportanceBox(x: -50, y: 100, width: 30, height: 80), boxFrame: .letterbox608)
        #expect(wrapped.columns == 558..<588 && wrapped.note != nil && wrapped.value != nil)
        let empty = emocam.importance(of: ImportanceBox(x: -20.5, y: 100, width: 150, height: 80), boxFrame: .letterbox608)
        #expect(empty.value == nil && empty.reason?.contains("[100:180, -20:129]") == true)
        // Padding rows carry 0.
        let pad = emocam.importance(of: ImportanceBox(x: 0, y: 0, width: 608, height: 76), boxFrame: .letterbox608)
        #expect(pad.value == 0)

        let constant = try FloatMap(width: 13, height: 13, repeating: 0.7)
        for convention in ImportanceConvention.allCases {
            let c = try ObjectImportance(rawCAM: constant, imageWidth: 333, imageHeight: 500, convention: convention)
            #expect(c.map227.values.allSatisfy { $0 == 0 })  // pytorch-grad-cam: (L − min)/(0 + 1e-7) = 0
            #expect(c.importance(of: ImportanceBox(x: 10, y: 10, width: 100, height: 100)).value == 0)
        }
    }

    @Test("factorised box sums equal sums over the materialised maps", arguments: [(640, 480), (333, 500), (300, 17), (227, 227)])
    func factorisedMatchesFull(size: (Int, Int)) throws {
        let (w, h) = size
        let raw = try FloatMap(width: 13, height: 13, values: (0..<169).map { Float(($0 * 29) % 19) / 5 - 0.7 })
        let m227 = try ObjectImportance.camMap227(raw: raw)
        let original = try ObjectImportance.originalSizeMap(cam227: m227, width: w, height: h)
        let g = try LetterboxGeometry(imageWidth: w, imageHeight: h)
        let m608 = try ObjectImportance.letterboxMap(original: original, geometry: g)
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for convention in ImportanceConvention.allCases {
            let oi = try ObjectImportance(cam227: m227, imageWidth: w, imageHeight: h, convention: convention)
            let map = convention == .clamped ? original : m608
            for _ in 0..<60 {
                let x0 = next(map.width), y0 = next(map.height)
                let x1 = x0 + 1 + next(map.width - x0), y1 = y0 + 1 + next(map.height - y0)
                var s = 0.0
                for y in y0..<y1 { for x in x0..<x1 { s += Double(map[x, y]) } }
                let box = ImportanceBox(x: Double(x0), y: Double(y0), width: Double(x1 - x0), height: Double(y1 - y0))
                let r = oi.importance(of: box, boxFrame: convention == .clamped ? .original : .letterbox608)
                let mean = s / Double((x1 - x0) * (y1 - y0))
                #expect(abs(try #require(r.value) - mean) <= 5e-7, "\(convention) \(w)×\(h) [\(y0):\(y1), \(x0):\(x1)]")
            }
        }
    }

    @Test("camMap227 equals CAMMap.upsampled for a non-negative Grad-CAM map")
    func agreesWithCAMMap() throws {
        let raw = try FloatMap(width: 13, height: 13, values: (0..<169).map { Float(($0 * 53) % 17) / 4 })
        let cam = CAMMap(method: .gradCAM, layer: .conv5, target: .probability(0), targetScore: 0.5, raw: raw)
        #expect(try ObjectImportance.camMap227(raw: raw) == cam.upsampled())
        let fromCAM = try ObjectImportance(cam: cam, imageWidth: 100, imageHeight: 60)
        let fromRaw = try ObjectImportance(rawCAM: raw, imageWidth: 100, imageHeight: 60)
        let box = ImportanceBox(x: 10, y: 5, width: 30, height: 20)
        #expect(fromCAM.importance(of: box).value == fromRaw.importance(of: box).value)
        let lift = CAMMap(method: .liftCAM, layer: .conv5, target: .logit(0), targetScore: 1, raw: raw)
        #expect(try ObjectImportance(cam: lift, imageWidth: 100, imageHeight: 60).map227 == lift.upsampled())
    }
}
