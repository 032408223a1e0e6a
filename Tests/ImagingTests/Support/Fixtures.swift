import Crypto
import Foundation
import Imaging

/// Paths of the committed fixtures and goldens (found from this file's location, no bundles).
enum Fixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support → ImagingTests → Tests → root
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static let goldens: PillowGoldens = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: path("Tests/Fixtures/goldens/pillow.json")))
        return try! JSONDecoder().decode(PillowGoldens.self, from: data)
    }()

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func sha256(_ floats: [Float]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(floats.count * 4)
        for f in floats {
            let b = f.bitPattern.littleEndian
            bytes += [UInt8(b & 0xFF), UInt8(b >> 8 & 0xFF), UInt8(b >> 16 & 0xFF), UInt8(b >> 24)]
        }
        return sha256(bytes)
    }

    /// Scratch folder unique to one test.
    static func scratch(_ name: String = #function) -> String {
        let dir = NSTemporaryDirectory() + "emoshift-tests-\(getpid())/" + name.filter { $0.isLetter || $0.isNumber }
        try? FileManager.default.removeItem(atPath: dir)
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// `Tests/Fixtures/goldens/pillow.json`, written by `Scripts/reference/make_image_goldens.py`.
struct PillowGoldens: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var op: String
        var mode: String?
        var width: Int
        var height: Int
        var sha256: String
        var samples: [[Int]]?
        var source: String?
        var filter: String?
        var in_width: Int?
        var in_height: Int?
        var pass_order: String?
        var png: String?

        var testDescription: String {
            let name = (file as NSString).lastPathComponent
            if op == "resize" {
                return "\(name) \(source ?? "decode") \(filter ?? "") \(in_width ?? 0)x\(in_height ?? 0)→\(width)x\(height) \(pass_order ?? "")"
            }
            return "\(name) \(op)"
        }
    }

    struct ErrorCase: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var pillow_error: String
        var message: String
        var testDescription: String { (file as NSString).lastPathComponent }
    }

    struct FloatCase: Decodable, Sendable, CustomTestStringConvertible {
        var interpolation: String
        var in_width: Int
        var in_height: Int
        var out_width: Int
        var out_height: Int
        var input_file: String
        var input_sha256: String
        var file: String
        var sha256: String
        var testDescription: String { "\(interpolation) \(in_width)x\(in_height)→\(out_width)x\(out_height)" }
    }

    var pillow: String
    var cases: [Case]
    var errors: [ErrorCase]
    var bilinear: [FloatCase]
}

import Testing
