import Crypto
import Foundation
import Imaging
import Inference

/// Shared fixtures for the inference tests: repository paths, the demo weights (generated once
/// per test process) and the PyTorch goldens of Scripts/reference/emonet_reference.py.
enum InferenceFixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    /// The demo model, generated in memory (no cache files touched).
    static let demoWeights: EmoNetWeights = EmoNetWeights.demo()
    static let demoNet = EmoNet(weights: demoWeights)

    static func json(_ relative: String) -> [String: Any] {
        let data = try! Data(contentsOf: URL(fileURLWithPath: path(relative)))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func sha256(_ floats: UnsafeBufferPointer<Float>) -> String {
        SHA256.hash(data: UnsafeRawBufferPointer(floats)).map { String(format: "%02x", $0) }.joined()
    }

    static func sha256(_ floats: [Float]) -> String {
        floats.withUnsafeBufferPointer { sha256($0) }
    }

    /// The preprocessed network input for a photo, as emonet-py builds it.
    static func input(_ relative: String, weights: EmoNetWeights = demoWeights) throws -> Tensor {
        let rgb = try ImageDecoder.rgb(contentsOf: path(relative))
        return try EmoNetPreprocessor(meanImage: weights.meanImage).batch([rgb])
    }

    static func scratch(_ name: String = #function) -> String {
        let dir = NSTemporaryDirectory() + "emoshift-inference-\(getpid())/" + name.filter { $0.isLetter || $0.isNumber }
        try? FileManager.default.removeItem(atPath: dir)
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
