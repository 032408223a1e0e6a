import Foundation
import Imaging
import Testing

/// More than 20 kinds of bad input: each gives an ImageError of the right kind that names the
/// file, and none crashes the process.
@Suite("Bad input")
struct BadInputTests {
    struct BadFile: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var kinds: Set<ImageError.Kind>
        var messageContains: String
        var options: DecodeOptions = DecodeOptions()
        var testDescription: String { name }
    }

    static func fixture(_ relative: String) -> [UInt8] {
        try! FileReader.read(Fixtures.path(relative))
    }

    static let photoPNG = fixture("Experiments/images/chelsea.png")
    static let photoJPEG = fixture("Experiments/images/rocket.jpg")
    static let tinyPNG = fixture("Tests/Fixtures/images/png-rgb8.png")

    /// A JPEG with its SOF dimensions patched.
    static func jpegWithSize(width: Int, height: Int) -> [UInt8] {
        var b = photoJPEG
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { i += 1; continue }
            let marker = b[i + 1]
            if marker == 0xC0 || marker == 0xC2 || marker == 0xC1 {
                b[i + 5] = UInt8(height >> 8); b[i + 6] = UInt8(height & 0xFF)
                b[i + 7] = UInt8(width >> 8); b[i + 8] = UInt8(width & 0xFF)
                return b
            }
            let len = Int(b[i + 2]) << 8 | Int(b[i + 3])
            i += 2 + len
        }
        fatalError("no SOF in fixture")
    }

    /// The tiny PNG with one byte of its IDAT payload flipped (CRC no longer matches).
    static var pngWithBadIDATCRC: [UInt8] {
        var b = tinyPNG
        let idat = PNGChunks.chunkOffsets(b).first { $0.0 == "IDAT" }!
        b[idat.1 + 8 + idat.2 / 2] ^= 0xFF
        return b
    }

    static let cases: [BadFile] = [
        BadFile(name: "empty file", bytes: [], kinds: [.emptyFile], messageContains: "empty"),
        BadFile(name: "text named .jpg", bytes: Array("hello, I am not a JPEG\n".utf8), kinds: [.unknownFormat],
                messageContains: "looks like text"),
        BadFile(name: "random bytes", bytes: (0..<64).map { UInt8(($0 * 37 + 11) % 256) }, kinds: [.unknownFormat],
                messageContains: "not a PNG or JPEG"),
        BadFile(name: "GIF", bytes: Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0], kinds: [.unsupported], messageContains: "GIF"),
        BadFile(name: "BMP", bytes: Array("BM".utf8) + [UInt8](repeating: 0, count: 60), kinds: [.unsupported], messageContains: "BMP"),
        BadFile(name: "WebP", bytes: Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8 ".utf8), kinds: [.unsupported],
                messageContains: "WebP"),
        BadFile(name: "TIFF", bytes: [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], kinds: [.unsupported], messageContains: "TIFF"),
        BadFile(name: "PNG signature only", bytes: PNGChunks.signature, kinds: [.truncated, .corrupt], messageContains: "PNG"),
        BadFile(name: "PNG truncated inside IHDR", bytes: Array(tinyPNG.prefix(20)), kinds: [.truncated, .corrupt],
                messageContains: "PNG"),
        BadFile(name: "PNG truncated inside IDAT", bytes: Array(photoPNG.prefix(photoPNG.count / 2)), kinds: [.truncated, .corrupt],
                messageContains: "PNG"),
        BadFile(name: "PNG with bad IHDR CRC", bytes: PNGChunks.signature + PNGChunks.chunk("IHDR", PNGChunks.be32(4) + PNGChunks.be32(4) + [8, 2, 0, 0, 0], corruptCRC: true),
                kinds: [.corrupt], messageContains: "CRC"),
        BadFile(name: "PNG with bad IDAT CRC", bytes: pngWithBadIDATCRC, kinds: [.corrupt], messageContains: "CRC"),
        BadFile(name: "PNG 0×0", bytes: PNGChunks.signature + PNGChunks.ihdr(width: 0, height: 0) + PNGChunks.chunk("IEND", []),
                kinds: [.corrupt], messageContains: "zero"),
        BadFile(name: "PNG bit depth 3", bytes: PNGChunks.signature + PNGChunks.ihdr(width: 4, height: 4, depth: 3, colorType: 0)
                + PNGChunks.chunk("IEND", []), kinds: [.corrupt, .unsupported], messageContains: "bit depth"),
        BadFile(name: "PNG colour type 1", bytes: PNGChunks.signature + PNGChunks.ihdr(width: 4, height: 4, depth: 8, colorType: 1)
                + PNGChunks.chunk("IEND", []), kinds: [.corrupt, .unsupported], messageContains: "color type"),
        BadFile(name: "PNG 60000×60000 (decompression bomb)", bytes: PNGChunks.signature + PNGChunks.ihdr(width: 60000, height: 60000)
                + PNGChunks.chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + PNGChunks.chunk("IEND", []), kinds: [.tooLarge], messageContains: "exceeds the limit"),
        BadFile(name: "PNG without IDAT", bytes: PNGChunks.signature + PNGChunks.ihdr(width: 4, height: 4) + PNGChunks.chunk("IEND", []),
                kinds: [.corrupt, .truncated], messageContains: "PNG"),
        BadFile(name: "photo over a 10 kpx limit", bytes: photoPNG, kinds: [.tooLarge], messageContains: "exceeds the limit",
                options: DecodeOptions(maxPixels: 10_000)),
        BadFile(name: "file over the byte limit", bytes: photoPNG, kinds: [.tooLarge], messageContains: "byte limit",
                options: DecodeOptions(maxFileBytes: 1000)),
        BadFile(name: "JPEG SOI only", bytes: [0xFF, 0xD8, 0xFF], kinds: [.corrupt, .truncated], messageContains: "JPEG"),
        BadFile(name: "JPEG garbage after SOI", bytes: [0xFF, 0xD8, 0xFF] + (0..<200).map { UInt8(($0 * 13) % 251) },
                kinds: [.corrupt, .truncated], messageContains: "JPEG"),
        BadFile(name: "JPEG truncated in the scan", bytes: Array(photoJPEG.prefix(photoJPEG.count / 2)), kinds: [.truncated],
                messageContains: "truncated JPEG"),
        BadFile(name: "JPEG truncated in the header", bytes: Array(photoJPEG.prefix(400)), kinds: [.truncated, .corrupt],
                messageContains: "JPEG"),
        BadFile(name: "JPEG 65000×65000 (decompression bomb)", bytes: jpegWithSize(width: 65000, height: 65000),
                kinds: [.tooLarge], messageContains: "exceeds the limit"),
        BadFile(name: "JPEG with zero height", bytes: jpegWithSize(width: 64, height: 0), kinds: [.corrupt],
                messageContains: "JPEG"),
    ]

    @Test("bad bytes give a typed error naming the file", arguments: cases)
    func badBytes(_ bad: BadFile) throws {
        let dir = Fixtures.scratch("bad-\(bad.name)")
        let path = dir + "/input.jpg"
        try AtomicFile.write(bad.bytes, to: path)
        do {
            let decoded = try ImageDecoder.decode(contentsOf: path, options: bad.options)
            Issue.record("decoded without error: \(decoded.info)")
        } catch {
            #expect(bad.kinds.contains(error.kind), "kind \(error.kind) — \(error)")
            #expect(error.description.hasPrefix(path + ": "), "\(error)")
            #expect(error.description.lowercased().contains(bad.messageContains.lowercased()), "\(error)")
        }
    }

    @Test("at least 20 kinds of bad input are covered, plus file-system failures")
    func count() { #expect(Self.cases.count + 4 >= 24) }

    @Test("missing file")
    func missing() {
        let path = Fixtures.scratch() + "/does-not-exist.png"
        #expect { try ImageDecoder.decode(contentsOf: path) } throws: { e in
            (e as? ImageError)?.kind == .fileNotFound && "\(e)".contains("does-not-exist.png: no such file")
        }
    }

    @Test("directory instead of file")
    func directory() {
        let dir = Fixtures.scratch()
        #expect { try ImageDecoder.decode(contentsOf: dir) } throws: { e in
            (e as? ImageError)?.kind == .notARegularFile && "\(e)".contains("is a directory")
        }
    }

    @Test("named pipe instead of file (never blocks)")
    func fifo() {
        let path = Fixtures.scratch() + "/pipe.png"
        #expect(mkfifo(path, 0o644) == 0)
        #expect { try ImageDecoder.decode(contentsOf: path) } throws: { e in
            (e as? ImageError)?.kind == .notARegularFile
        }
    }

    @Test("path through a file (ENOTDIR)")
    func throughFile() throws {
        let file = Fixtures.scratch() + "/plain.png"
        try AtomicFile.write(Self.tinyPNG, to: file)
        #expect { try ImageDecoder.decode(contentsOf: file + "/x.png") } throws: { e in
            (e as? ImageError)?.kind == .fileNotFound
        }
    }

    @Test("the committed invalid fixtures fail cleanly (Pillow fails on them too)", arguments: Fixtures.goldens.errors)
    func committedInvalid(_ golden: PillowGoldens.ErrorCase) {
        #expect(throws: ImageError.self) { try ImageDecoder.decode(contentsOf: Fixtures.path(golden.file)) }
    }

    @Test("a truncated JPEG decodes with --allow-truncated and says so")
    func allowTruncated() throws {
        let bytes = Array(Self.photoJPEG.prefix(Self.photoJPEG.count / 2))
        let decoded = try ImageDecoder.decode(bytes, options: DecodeOptions(allowTruncated: true))
        #expect(decoded.info.truncated)
        #expect(!decoded.info.warnings.isEmpty)
        #expect(decoded.rgb().width == 640)
    }

    @Test("errors from in-memory data carry no path; from files they do")
    func pathAttribution() {
        #expect { try ImageDecoder.decode([1, 2, 3]) } throws: { e in (e as? ImageError)?.path == nil }
    }
}
