import Foundation
import Imaging
import Testing

@Suite("Geometry")
struct GeometryTests {
    static func numbered(_ w: Int, _ h: Int) throws -> Image {
        try Image(width: w, height: h, format: .grey, pixels: (0..<(w * h)).map { UInt8($0) })
    }

    @Test("transposes: exact permutations with the documented corner mapping")
    func transposes() throws {
        let img = try Self.numbered(3, 2)  // rows: [0 1 2] [3 4 5]
        #expect(img.transposed(.flipLeftRight).pixels == [2, 1, 0, 5, 4, 3])
        #expect(img.transposed(.flipTopBottom).pixels == [3, 4, 5, 0, 1, 2])
        #expect(img.transposed(.rotate180).pixels == [5, 4, 3, 2, 1, 0])
        #expect(img.transposed(.rotate90).pixels == [2, 5, 1, 4, 0, 3])   // counter-clockwise
        #expect(img.transposed(.rotate270).pixels == [3, 0, 4, 1, 5, 2])  // clockwise
        #expect(img.transposed(.transpose).pixels == [0, 3, 1, 4, 2, 5])
        #expect(img.transposed(.transverse).pixels == [5, 2, 4, 1, 3, 0])
        #expect(img.transposed(.rotate90).width == 2)
    }

    @Test("four quarter turns are the identity")
    func quarterTurns() throws {
        let img = try Self.numbered(5, 3)
        var r = img
        for _ in 0..<4 { r = r.transposed(.rotate90) }
        #expect(r == img)
        #expect(img.transposed(.rotate90).transposed(.rotate270) == img)
    }

    @Test("letterbox follows EmoCAM's YOLO ImgResize (floor scaling, floor padding)")
    func letterbox() throws {
        let wide = try Letterbox(sourceWidth: 640, sourceHeight: 427, canvasWidth: 608, canvasHeight: 608)
        #expect(wide.scaledWidth == 608 && wide.scaledHeight == 405)  // ⌊608·427/640⌋
        #expect(wide.padLeft == 0 && wide.padTop == 101)              // ⌊(608−405)/2⌋
        let tall = try Letterbox(sourceWidth: 260, sourceHeight: 600, canvasWidth: 608, canvasHeight: 608)
        #expect(tall.scaledHeight == 608 && tall.scaledWidth == 263 && tall.padLeft == 172)
        let p = wide.toCanvas(x: 320, y: 213.5)
        let back = wide.toSource(x: p.x, y: p.y)
        #expect(abs(back.x - 320) < 1e-9 && abs(back.y - 213.5) < 1e-9)
    }

    @Test("letterboxed image: padding is the fill, content is the Pillow resize")
    func letterboxApply() throws {
        let rgb = try ImageDecoder.rgb(contentsOf: Fixtures.path("Experiments/images/rocket.jpg"))
        let box = try Letterbox(sourceWidth: rgb.width, sourceHeight: rgb.height, canvasWidth: 608, canvasHeight: 608)
        let out = try box.apply(to: rgb, fill: 0)
        #expect(out.width == 608 && out.height == 608)
        #expect(out[300, 0, 0] == 0 && out[300, 607, 2] == 0)
        let scaled = try PillowResampler.resize(rgb, width: box.scaledWidth, height: box.scaledHeight)
        #expect(out[17, box.padTop + 33, 1] == scaled[17, 33, 1])
        #expect(throws: ImageError.self) { try box.apply(to: try Image(width: 3, height: 3, format: .rgb)) }
    }

    @Test("planar floats are channel-major 0…255")
    func planar() throws {
        let img = try Image(width: 2, height: 1, format: .rgb, pixels: [1, 2, 3, 4, 5, 6])
        #expect(img.planarFloats() == [1, 4, 2, 5, 3, 6])
    }

    @Test("image invariants are checked")
    func invariants() {
        #expect(throws: ImageError.self) { try Image(width: 0, height: 3, format: .rgb, pixels: []) }
        #expect(throws: ImageError.self) { try Image(width: 2, height: 2, format: .rgb, pixels: [0, 0]) }
        #expect(throws: ImageError.self) { try FloatMap(width: 2, height: 2, values: [0]) }
    }
}
