import Foundation
import Imaging
@testable import Perturbation

/// Committed fixtures under Tests/Fixtures/perturbation (found from this file's location).
enum PerturbationFixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support → PerturbationTests → Tests → root
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/Tests/Fixtures/perturbation/" + relative }

    static func rgb(_ relative: String) -> Image {
        try! ImageDecoder.decode(contentsOf: path(relative)).rgb()
    }

    static func rgba(_ relative: String) -> Image {
        try! ImageDecoder.decode(contentsOf: path(relative)).rgba()
    }

    /// The 64×48 chelsea crop.
    static let input: Image = rgb("input.png")
    /// The 40×30 RGBA cut-out (soft ellipse; transparent corners).
    static let cutout: Image = rgba("cutout.png")

    struct Golden: Decodable, Sendable {
        var id: String
        var transform: String
        var parameters: [String: ParameterValue]
        var file: String
        var tolerance: Int
        var reference: String
        /// The fixture the golden was made from.
        var input: String
    }

    struct Manifest: Decodable, Sendable {
        var goldens: [Golden]
    }

    static let manifest: Manifest = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: path("goldens.json")))
        return try! JSONDecoder().decode(Manifest.self, from: data)
    }()

    /// Largest |a − b| over all samples (Int.max when the sizes differ) and how many samples differ.
    static func diff(_ a: Image, _ b: Image) -> (max: Int, count: Int) {
        guard a.width == b.width, a.height == b.height, a.format == b.format else { return (Int.max, Int.max) }
        var m = 0, n = 0
        for i in 0..<a.pixels.count {
            let d = abs(Int(a.pixels[i]) - Int(b.pixels[i]))
            if d > 0 { n += 1; m = max(m, d) }
        }
        return (m, n)
    }

    /// A deterministic synthetic RGB image (gradients + a checker), for size-specific tests.
    static func synthetic(width: Int, height: Int) -> Image {
        var px = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 3
                px[i] = UInt8((x * 255) / max(1, width - 1))
                px[i + 1] = UInt8((y * 255) / max(1, height - 1))
                px[i + 2] = ((x / 8 + y / 8) % 2 == 0) ? 40 : 220
            }
        }
        return try! Image(width: width, height: height, format: .rgb, pixels: px)
    }
}
