import Foundation
import Imaging
import Testing
@testable import Perturbation

/// occlude, mask-objects, region-scoped filters and insert-object.
@Suite struct RegionModificationTests {
    let image = PerturbationFixtures.input
    let face = PerturbationRegion(label: "Face", x: 10.4, y: 8.2, width: 20, height: 15.5)
    let cup = PerturbationRegion(label: "cup", x: 45, y: 30, width: 12, height: 10)

    static let fills: [OcclusionFill] = [.black, .grey, .mean, .blur(sigma: 4), .pixelate(block: 4), .noise, .solid(r: 10, g: 200, b: 30)]

    @Test(arguments: fills.indices, [RegionShape.box, .ellipse])
    func occlusionChangesOnlyInsidePaddedRegion(_ fillIndex: Int, _ shape: RegionShape) throws {
        let m = Occlude(shape: shape, padding: RegionPadding(relative: 0.1, pixels: 1), fill: Self.fills[fillIndex])
        let r = try m.apply(to: image, regions: [face], seed: 5)
        // Padded box: x 10.4 − 3 = 7.4 … 30.4 + 3 = 33.4 → 7…34; y 8.2 − 2.55 = 5.65 … 23.7 + 2.55 = 26.25 → 5…27.
        let box = AppliedRegion(label: "Face", x: 7, y: 5, width: 27, height: 22)
        #expect(r.record.regions == [box])
        #expect(r.record.status == .applied)
        var inside = 0
        for y in 0..<image.height { for x in 0..<image.width {
            let same = (0..<3).allSatisfy { r.image[x, y, $0] == image[x, y, $0] }
            if !box.contains(x, y) { #expect(same, "pixel (\(x), \(y)) outside the box changed") }
            else if !same { inside += 1 }
        } }
        #expect(inside > 0 && inside == r.record.pixelsChanged)
        if shape == .ellipse {
            // Corners of the box are outside the inscribed ellipse.
            #expect((0..<3).allSatisfy { r.image[7, 5, $0] == image[7, 5, $0] })
        }
    }

    @Test func fillColoursAreAsDocumented() throws {
        let black = try Occlude(fill: .black).apply(to: image, regions: [face], seed: 0).image
        #expect(black[15, 15, 0] == 0 && black[15, 15, 2] == 0)
        let grey = try Occlude(fill: .grey).apply(to: image, regions: [face], seed: 0).image
        #expect(grey[15, 15, 1] == 128)
        let solid = try Occlude(fill: .solid(r: 1, g: 2, b: 3)).apply(to: image, regions: [face], seed: 0).image
        #expect(solid[20, 20, 0] == 1 && solid[20, 20, 1] == 2 && solid[20, 20, 2] == 3)
        // Mean colour: integer box 10…31 × 8…24, rounded half up.
        let r = try Occlude(fill: .mean).apply(to: image, regions: [face], seed: 0)
        var sum = [0, 0, 0]
        for y in 8..<24 { for x in 10..<31 { for c in 0..<3 { sum[c] += Int(image[x, y, c]) } } }
        let n = 21 * 16
        let expected = sum.map { (2 * $0 + n) / (2 * n) }
        #expect((0..<3).allSatisfy { Int(r.image[20, 15, $0]) == expected[$0] })
        #expect(r.record.parameters["meanColours"] == .list([.list(expected.map { .int($0) })]))
    }

    @Test func noiseFillIsSeeded() throws {
        let m = Occlude(fill: .noise)
        let a = try m.apply(to: image, regions: [face], seed: 1).image
        #expect(try m.apply(to: image, regions: [face], seed: 1).image == a)
        #expect(try m.apply(to: image, regions: [face], seed: 2).image != a)
    }

    @Test func regionBasedWithoutRegionsIsNotApplicable() throws {
        let cases: [any ImageModification] = [
            Occlude(), MaskObjects(labels: ["face"]), GaussianBlur(sigma: 2, scope: .regions),
            BoxBlur(radius: 2, scope: .regions), Pixelate(block: 4, scope: .regions),
            InsertObject(object: PerturbationFixtures.cutout, placement: .beside(side: .right, gap: 0)),
            InsertObject(object: PerturbationFixtures.cutout, placement: .on),
        ]
        for m in cases {
            let r = try m.apply(to: image, regions: [], seed: 0)
            #expect(r.image == image)
            #expect(r.record.pixelsChanged == 0 && r.record.regions.isEmpty)
            guard case .notApplicable(let reason) = r.record.status else {
                Issue.record("\(m.name) did not report notApplicable"); continue
            }
            #expect(!reason.isEmpty)
        }
        // A region entirely outside the image is not usable either.
        let outside = PerturbationRegion(label: "face", x: 500, y: 500, width: 10, height: 10)
        #expect(try Occlude().apply(to: image, regions: [outside], seed: 0).record.status.isApplied == false)
    }

    @Test func maskObjectsMatchesLabelsCaseInsensitively() throws {
        let r = try MaskObjects(labels: ["FACE"]).apply(to: image, regions: [face, cup], seed: 0)
        #expect(r.record.name == "mask-objects")
        #expect(r.record.regions.map(\.label) == ["Face"])
        #expect(r.image[50, 35, 0] == image[50, 35, 0])  // the cup is untouched
        let none = try MaskObjects(labels: ["dog"]).apply(to: image, regions: [face, cup], seed: 0)
        guard case .notApplicable(let reason) = none.record.status else { Issue.record("expected notApplicable"); return }
        #expect(reason.contains("Face") && reason.contains("cup"))
    }

    @Test func regionScopedBlurOnlyTouchesRegions() throws {
        let r = try GaussianBlur(sigma: 3, scope: .regions).apply(to: image, regions: [cup], seed: 0)
        let box = AppliedRegion(label: "cup", x: 45, y: 30, width: 12, height: 10)
        #expect(r.record.regions == [box])
        let whole = try GaussianBlur(sigma: 3).apply(to: image, seed: 0).image
        for y in 0..<image.height { for x in 0..<image.width {
            let expected = box.contains(x, y) ? whole : image
            #expect(r.image[x, y, 0] == expected[x, y, 0] && r.image[x, y, 2] == expected[x, y, 2])
        } }
    }

    // MARK: insert-object

    @Test func insertionRespectsAlpha() throws {
        let cut = PerturbationFixtures.cutout  // 40×30; scale 0.5 of 48 → 24×18
        let m = InsertObject(object: cut, scale: 0.5, placement: .fixed(x: 5, y: 7))
        let r = try m.apply(to: image, regions: [], seed: 0)
        #expect(r.record.parameters["width"] == .int(24) && r.record.parameters["height"] == .int(18))
        #expect(r.record.regions == [AppliedRegion(label: "object", x: 5, y: 7, width: 24, height: 18)])
        let fg = try m.preparedObject(imageWidth: image.width, imageHeight: image.height)
        var opaque = 0
        for y in 0..<image.height { for x in 0..<image.width {
            let inBox = x >= 5 && x < 29 && y >= 7 && y < 25
            let a = inBox ? Int(fg[x - 5, y - 7, 3]) : 0
            for c in 0..<3 {
                if a == 0 { #expect(r.image[x, y, c] == image[x, y, c]) }
                else if a == 255 { #expect(r.image[x, y, c] == fg[x - 5, y - 7, c]); opaque += 1 }
                else {
                    let want = (Int(fg[x - 5, y - 7, c]) * a + Int(image[x, y, c]) * (255 - a) + 127) / 255
                    #expect(Int(r.image[x, y, c]) == want)
                }
            }
        } }
        #expect(opaque > 0)
    }

    @Test func randomPlacementIsSeededAndInside() throws {
        let m = InsertObject(object: PerturbationFixtures.cutout, scale: 0.4, placement: .random)
        var positions = Set<[Int]>()
        for seed in UInt64(0)..<8 {
            let r = try m.apply(to: image, regions: [], seed: seed)
            let p = r.record.parameters
            let x = p["x"]!.intValue!, y = p["y"]!.intValue!, w = p["width"]!.intValue!, h = p["height"]!.intValue!
            #expect(x >= 0 && y >= 0 && x + w <= image.width && y + h <= image.height)
            #expect(try m.apply(to: image, regions: [], seed: seed).image == r.image)
            positions.insert([x, y])
        }
        #expect(positions.count > 1)
    }

    @Test func besideAndOnUseTheTargetRegion() throws {
        let cut = PerturbationFixtures.cutout
        let beside = try InsertObject(object: cut, scale: 0.25, placement: .beside(side: .right, gap: 2), target: "face")
            .apply(to: image, regions: [cup, face], seed: 0)
        // Face spans x 10.4…30.4 → object starts at ⌈30.4⌉ + 2 = 33; 12×9 centred on y 15.95 → round(11.45) = 11.
        #expect(beside.record.parameters["x"] == .int(33) && beside.record.parameters["y"] == .int(11))
        #expect(beside.record.regions.map(\.label) == ["object", "Face"])
        let on = try InsertObject(object: cut, scale: 0.25, placement: .on).apply(to: image, regions: [cup], seed: 0)
        #expect(on.record.parameters["x"] == .int(45) && on.record.parameters["y"] == .int(31))
        let centre = try InsertObject(object: cut, scale: 0.25, placement: .centre).apply(to: image, regions: [], seed: 0)
        #expect(centre.record.parameters["x"] == .int(26) && centre.record.parameters["y"] == .int(19))
        let missing = try InsertObject(object: cut, placement: .on, target: "dog").apply(to: image, regions: [face], seed: 0)
        #expect(missing.record.status.isApplied == false && missing.image == image)
    }

    @Test func tintMultipliesColour() throws {
        let opaque = try Image(width: 4, height: 4, format: .rgba, filledWith: 255)
        let m = InsertObject(object: opaque, scale: 4.0 / 48.0, placement: .fixed(x: 0, y: 0), tint: (255, 128, 0))
        let out = try m.apply(to: image, regions: [], seed: 0).image
        #expect(out[1, 1, 0] == 255 && out[1, 1, 1] == 128 && out[1, 1, 2] == 0)
        #expect(out[5, 5, 0] == image[5, 5, 0])
    }
}
