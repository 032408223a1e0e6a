import Foundation
import Imaging
import Testing

@Suite("Encoding")
struct EncodeTests {
    static func photo() throws -> Image {
        try ImageDecoder.rgb(contentsOf: Fixtures.path("Experiments/images/coffee.png"))
    }

    @Test("PNG round trip is lossless for every pixel format", arguments: PixelFormat.allCases)
    func pngRoundTrip(_ format: PixelFormat) throws {
        let n = 29 * 17 * format.channelCount
        let img = try Image(width: 29, height: 17, format: format, pixels: (0..<n).map { UInt8(($0 * 7919) % 256) })
        let decoded = try ImageDecoder.decode(try ImageEncoder.png(img))
        #expect(decoded.info.channelsInFile == format.channelCount)
        #expect(decoded.raster.samples == img.pixels)
    }

    @Test("JPEG round trip stays close and quality orders file size")
    func jpegRoundTrip() throws {
        let img = try Self.photo()
        let q95 = try ImageEncoder.jpeg(img, quality: 95)
        let q30 = try ImageEncoder.jpeg(img, quality: 30)
        #expect(q30.count < q95.count)
        let back = try ImageDecoder.decode(q95).rgb()
        let meanAbs = zip(back.pixels, img.pixels).reduce(0.0) { $0 + Double(abs(Int($1.0) - Int($1.1))) } / Double(img.pixels.count)
        #expect(meanAbs < 2.5, "mean abs error \(meanAbs)")
        let progressive = try ImageDecoder.decode(try ImageEncoder.jpeg(img, quality: 80, progressive: true))
        #expect(progressive.info.interlaced)
    }

    @Test("JPEG refuses alpha and bad quality")
    func jpegRefusals() throws {
        let rgba = try Image(width: 4, height: 4, format: .rgba)
        #expect(throws: ImageError.self) { try ImageEncoder.jpeg(rgba) }
        #expect(throws: ImageError.self) { try ImageEncoder.jpeg(try Self.photo(), quality: 0) }
    }

    @Test("write picks the format from the extension and replaces files atomically")
    func writeFile() throws {
        let dir = Fixtures.scratch()
        let img = try Self.photo()
        try ImageEncoder.write(img, to: dir + "/a.png")
        try ImageEncoder.write(img, to: dir + "/a.jpg")
        #expect(try ImageDecoder.decode(contentsOf: dir + "/a.png").info.format == .png)
        #expect(try ImageDecoder.decode(contentsOf: dir + "/a.jpg").info.format == .jpeg)
        #expect(throws: ImageError.self) { try ImageEncoder.write(img, to: dir + "/a.gif") }
        #expect(throws: ImageError.self) { try ImageEncoder.write(img, to: dir + "/missing-dir/a.png") }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("NPY round trip and malformed .npy errors")
    func npy() throws {
        let map = try FloatMap(width: 3, height: 2, values: [0, 1.5, -2, .pi, 1e-8, 42])
        let file = NPYFile(map)
        let parsed = try NPYFile.parse(file.encoded())
        #expect(try parsed.floatMap() == map)
        #expect(file.encoded().count % 64 == 0 || (file.encoded().count - 24) % 4 == 0)
        #expect(throws: ImageError.self) { try NPYFile.parse(Array(file.encoded().dropLast(3))) }
        #expect(throws: ImageError.self) { try NPYFile.parse([1, 2, 3]) }
    }
}
