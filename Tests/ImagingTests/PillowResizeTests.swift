import Foundation
import Imaging
import Testing

/// Pillow 13's resize (BICUBIC, BILINEAR, LANCZOS, NEAREST) reproduced byte for byte, including
/// the vertical-first pass order for tall images.
@Suite("Pillow-exact resize")
struct PillowResizeTests {
    static let resizeCases = Fixtures.goldens.cases.filter { $0.op == "resize" }

    @Test("resize matches Pillow byte for byte", arguments: resizeCases)
    func resizeMatchesPillow(_ golden: PillowGoldens.Case) throws {
        let options = DecodeOptions(applyEXIFOrientation: golden.source == "decode-exif")
        let rgb = try ImageDecoder.decode(contentsOf: Fixtures.path(golden.file), options: options).rgb()
        let out: Image
        switch golden.filter ?? "bicubic" {
        case "nearest": out = try NearestResampler.resize(rgb, width: golden.width, height: golden.height)
        case let name:
            let filter = try #require(ResampleFilter(rawValue: name))
            out = try PillowResampler.resize(rgb, width: golden.width, height: golden.height, filter: filter)
        }
        #expect(out.width == golden.width && out.height == golden.height)
        if let order = golden.pass_order, order == "vertical-first" || order == "horizontal-first" {
            let vertical = PillowResampler.runsVerticalFirst(inWidth: rgb.width, inHeight: rgb.height,
                                                             outWidth: golden.width, outHeight: golden.height)
            #expect(vertical == (order == "vertical-first"))
        }
        let digest = Fixtures.sha256(out.pixels)
        if digest != golden.sha256, let png = golden.png {
            let expected = try ImageDecoder.rgb(contentsOf: Fixtures.path(png))
            let diffs = zip(out.pixels, expected.pixels).map { abs(Int($0) - Int($1)) }
            Issue.record("max abs diff \(diffs.max() ?? -1), \(diffs.filter { $0 > 0 }.count) samples differ")
        }
        #expect(digest == golden.sha256)
    }

    @Test("the golden set includes vertical-first cases and every target shape")
    func coverage() {
        #expect(Self.resizeCases.contains { $0.pass_order == "vertical-first" && $0.width == 227 && $0.height == 227 })
        let photos227 = Self.resizeCases.filter { $0.file.hasPrefix("Experiments/") && $0.width == 227 && $0.height == 227 }
        #expect(Set(photos227.map(\.file)).count >= 8)
        let sizes = Set(Self.resizeCases.map { "\($0.width)x\($0.height)" })
        #expect(sizes.count >= 5)
    }

    @Test("same size returns the input unchanged")
    func identity() throws {
        let rgb = try ImageDecoder.rgb(contentsOf: Fixtures.path("Tests/Fixtures/images/png-rgb8-227x227.png"))
        #expect(try PillowResampler.resize(rgb, width: 227, height: 227) == rgb)
    }

    @Test("non-positive targets are rejected")
    func badTargets() throws {
        let rgb = try Image(width: 4, height: 4, format: .rgb, filledWith: 7)
        #expect(throws: ImageError.self) { try PillowResampler.resize(rgb, width: 0, height: 4) }
        #expect(throws: ImageError.self) { try NearestResampler.resize(rgb, width: 3, height: -1) }
    }

    @Test("a constant image stays constant through every filter and size")
    func constantStaysConstant() throws {
        let img = try Image(width: 37, height: 23, format: .rgba, filledWith: 200)
        for filter in ResampleFilter.allCases {
            for (w, h) in [(5, 3), (227, 227), (40, 9), (3, 80)] {
                let out = try PillowResampler.resize(img, width: w, height: h, filter: filter)
                #expect(out.pixels.allSatisfy { $0 == 200 }, "\(filter) \(w)x\(h)")
            }
        }
    }
}
