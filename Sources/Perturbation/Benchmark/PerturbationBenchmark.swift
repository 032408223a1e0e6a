import Foundation
import Imaging

/// Times every modification on one image (for `make bench`-style reports; not a test).
///
/// Each entry is applied `iterations` times after one warm-up; the reported time is the median.
public enum PerturbationBenchmark {
    public struct Timing: Sendable, Hashable, Codable {
        public var label: String
        public var medianSeconds: Double
    }

    /// A representative configuration of every transform (label, name, parameters).
    public static let cases: [(label: String, name: String, parameters: [String: ParameterValue])] = [
        ("identity", "identity", [:]), ("re-encode (PNG)", "re-encode", [:]), ("jpeg q=50", "jpeg", ["quality": 50]),
        ("gaussian-blur σ=2", "gaussian-blur", ["sigma": 2]), ("gaussian-blur σ=10", "gaussian-blur", ["sigma": 10]),
        ("box-blur r=3", "box-blur", ["radius": 3]), ("pixelate 8", "pixelate", ["block": 8]),
        ("motion-blur 15 @30°", "motion-blur", ["length": 15, "angle": 30]),
        ("brightness 1.3", "brightness", ["factor": 1.3]), ("contrast 0.7", "contrast", ["factor": 0.7]),
        ("saturation 0.5", "saturation", ["factor": 0.5]), ("hue +0.2", "hue", ["shift": 0.2]),
        ("grayscale", "grayscale", [:]), ("invert", "invert", [:]), ("channel-swap bgr", "channel-swap", ["order": "bgr"]),
        ("colour-temperature 3500K", "colour-temperature", ["kelvin": 3500]),
        ("gaussian-noise σ=15", "gaussian-noise", ["sigma": 15]), ("salt-and-pepper 5%", "salt-and-pepper", ["amount": 0.05]),
        ("crop centre 80%", "crop", ["x": 0.1, "y": 0.1, "width": 0.8, "height": 0.8]), ("flip h", "flip", [:]),
        ("occlude face black", "occlude", ["fill": "black"]), ("occlude face blur σ=8", "occlude", ["fill": "blur", "fillSigma": 8]),
        ("occlude face noise ellipse", "occlude", ["fill": "noise", "shape": "ellipse"]),
    ]

    /// Times ``cases`` (plus insert-object with a synthetic 200×150 RGBA cut-out) on `image`,
    /// with one 200×200 face region at the centre.
    public static func run(on image: Image, iterations: Int = 5) throws -> [Timing] {
        let face = PerturbationRegion(label: "face", x: Double(image.width) / 2 - 100, y: Double(image.height) / 2 - 100,
                                      width: 200, height: 200)
        var modifications: [(String, any ImageModification)] = try cases.map { ($0.label, try ModificationFactory.make($0.name, parameters: $0.parameters)) }
        var cut = [UInt8](repeating: 0, count: 200 * 150 * 4)
        for i in 0..<(200 * 150) { cut[4 * i] = 200; cut[4 * i + 1] = UInt8(i % 256); cut[4 * i + 2] = 50; cut[4 * i + 3] = UInt8((i / 200) % 256) }
        let object = try Image(width: 200, height: 150, format: .rgba, pixels: cut)
        modifications.append(("insert-object scale 0.3 beside", InsertObject(object: object, scale: 0.3, placement: .beside(side: .right, gap: 4))))
        var out: [Timing] = []
        for (label, m) in modifications {
            _ = try m.apply(to: image, regions: [face], seed: 1)
            var times: [Double] = []
            for i in 0..<iterations {
                let t0 = DispatchTime.now().uptimeNanoseconds
                _ = try m.apply(to: image, regions: [face], seed: UInt64(i))
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            }
            out.append(Timing(label: label, medianSeconds: times.sorted()[times.count / 2]))
        }
        return out
    }
}
