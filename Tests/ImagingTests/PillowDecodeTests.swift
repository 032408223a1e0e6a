import Foundation
import Imaging
import Testing

/// Decode + `convert("RGB")` equals Pillow 13.0.0 byte for byte on every committed photo and
/// edge-case fixture (goldens: Scripts/reference/make_image_goldens.py).
@Suite("Pillow-exact decoding")
struct PillowDecodeTests {
    static let decodeCases = Fixtures.goldens.cases.filter { $0.op == "decode" || $0.op == "decode-exif" }

    @Test("decode + convert('RGB') matches Pillow", arguments: decodeCases)
    func decodeMatchesPillow(_ golden: PillowGoldens.Case) throws {
        let options = DecodeOptions(applyEXIFOrientation: golden.op == "decode-exif")
        let decoded = try ImageDecoder.decode(contentsOf: Fixtures.path(golden.file), options: options)
        let rgb = decoded.rgb()
        #expect(rgb.width == golden.width && rgb.height == golden.height)
        if let mode = golden.mode { #expect(decoded.info.pillowMode == mode, "Pillow opens it as \(mode)") }
        for s in golden.samples ?? [] {
            let (x, y) = (s[0], s[1])
            let got = [Int(rgb[x, y, 0]), Int(rgb[x, y, 1]), Int(rgb[x, y, 2])]
            #expect(got == Array(s[2...4]), "pixel (\(x), \(y))")
        }
        #expect(Fixtures.sha256(rgb.pixels) == golden.sha256)
    }

    @Test("the golden set covers every PNG colour type, 16-bit, interlacing, CMYK, progressive and EXIF")
    func coverage() {
        let modes = Set(Self.decodeCases.compactMap(\.mode))
        #expect(modes.isSuperset(of: ["1", "L", "I;16", "LA", "RGB", "RGBA", "P", "CMYK"]))
        #expect(Self.decodeCases.contains { $0.op == "decode-exif" })
        #expect(Self.decodeCases.count >= 40)
    }

    @Test("header-only info agrees with the full decode")
    func headerInfo() throws {
        for name in ["Experiments/images/rocket.jpg", "Tests/Fixtures/images/png-grey16.png"] {
            let info = try ImageDecoder.info(contentsOf: Fixtures.path(name))
            let full = try ImageDecoder.decode(contentsOf: Fixtures.path(name)).info
            #expect(info.width == full.width && info.height == full.height && info.pillowMode == full.pillowMode)
        }
    }

    @Test("EXIF orientation is read but not applied by default (as emonet-py)")
    func exifNotAppliedByDefault() throws {
        let path = Fixtures.path("Tests/Fixtures/images/jpeg-exif-orient6.jpg")
        let plain = try ImageDecoder.decode(contentsOf: path)
        #expect(plain.info.exifOrientation == 6)
        let rotated = try ImageDecoder.decode(contentsOf: path, options: DecodeOptions(applyEXIFOrientation: true)).rgb()
        #expect(plain.rgb().width == rotated.height && plain.rgb().height == rotated.width)
    }

    @Test("RGBA conversion keeps the cut-out's alpha")
    func rgbaKeepsAlpha() throws {
        let cut = try ImageDecoder.decode(contentsOf: Fixtures.path("Experiments/cutouts/gift.png"))
        let rgba = cut.rgba()
        let alphas = stride(from: 3, to: rgba.pixels.count, by: 4).map { rgba.pixels[$0] }
        #expect(alphas.contains(0) && alphas.contains(255))
        let rgb = cut.rgb()
        for i in stride(from: 0, to: rgb.pixelCount, by: 97) {
            #expect(rgb.pixels[i * 3] == rgba.pixels[i * 4])
        }
    }
}
