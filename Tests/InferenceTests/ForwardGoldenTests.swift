import Foundation
import Imaging
import Inference
import Testing

/// EmoNet forward with the demo weights against the independent PyTorch re-implementation
/// (Scripts/reference/emonet_reference.py). Tolerances: probabilities relative 1e-4 (absolute
/// 1e-7 for tiny ones) and the same top-1; layer samples within 1e-4 of the layer's largest
/// magnitude (float32 GEMMs summed in different orders differ by ~1e-6 relative).
@Suite("EmoNet forward vs PyTorch")
struct ForwardGoldenTests {
    struct Photo: Sendable, CustomTestStringConvertible {
        var file: String
        var top1: Int
        var probabilities: [Float]
        var logits: [Float]
        var valence: Double
        var arousal: Double
        var valenceFromLogits: Double
        var arousalFromLogits: Double
        var testDescription: String { (file as NSString).lastPathComponent }
    }

    static let photos: [Photo] = {
        let d = InferenceFixtures.json("Tests/Fixtures/goldens/emonet/demo_predictions.json")
        return (d["photos"] as! [[String: Any]]).map { p in
            Photo(file: p["file"] as! String, top1: p["top1"] as! Int,
                  probabilities: (p["probabilities"] as! [Double]).map(Float.init),
                  logits: (p["logits"] as! [Double]).map(Float.init),
                  valence: p["valence"] as! Double, arousal: p["arousal"] as! Double,
                  valenceFromLogits: p["valence_from_logits"] as! Double, arousalFromLogits: p["arousal_from_logits"] as! Double)
        }
    }()

    @Test("probabilities, logits, top-1, valence and arousal match PyTorch", arguments: photos)
    func photoMatches(_ golden: Photo) throws {
        let result = InferenceFixtures.demoNet.forward(try InferenceFixtures.input(golden.file))
        let p = result.probabilities(of: 0)
        for (i, (got, want)) in zip(p, golden.probabilities).enumerated() {
            #expect(abs(got - want) <= max(1e-4 * abs(want), 1e-7), "class \(i): \(got) vs \(want)")
        }
        for (got, want) in zip(result.logits(of: 0), golden.logits) {
            #expect(abs(got - want) <= 1e-4 * max(1, abs(want)))
        }
        #expect(result.top1(of: 0) == golden.top1)
        #expect(abs(AffectHeads.valence(p) - golden.valence) < 1e-5)
        #expect(abs(AffectHeads.arousal(p) - golden.arousal) < 1e-5)
        #expect(abs(AffectHeads.valence(result.logits(of: 0)) - golden.valenceFromLogits) < 1e-4)
        #expect(abs(AffectHeads.arousal(result.logits(of: 0)) - golden.arousalFromLogits) < 1e-4)
    }

    @Test("a batch of all photos equals the photos one at a time")
    func batchEqualsSingle() throws {
        let rgbs = try Self.photos.map { try ImageDecoder.rgb(contentsOf: InferenceFixtures.path($0.file)) }
        let batch = try EmoNetPreprocessor(meanImage: InferenceFixtures.demoWeights.meanImage).batch(rgbs)
        let together = InferenceFixtures.demoNet.forward(batch)
        for (n, golden) in Self.photos.enumerated() {
            for (got, want) in zip(together.probabilities(of: n), golden.probabilities) {
                #expect(abs(got - want) <= max(1e-4 * abs(want), 1e-7))
            }
        }
    }

    @Test("the demo photos are neither uniform nor saturated and not all one class")
    func demoBehaviour() {
        let tops = Set(Self.photos.map(\.top1))
        #expect(tops.count >= 4)
        for p in Self.photos {
            let m = p.probabilities.max()!
            #expect(m > 0.1 && m < 0.9)
        }
    }

    @Test("every layer of the astronaut photo matches PyTorch")
    func layersMatch() throws {
        let d = InferenceFixtures.json("Tests/Fixtures/goldens/emonet/demo_layers_astronaut.json")
        let layers = d["layers"] as! [[String: Any]]
        let result = InferenceFixtures.demoNet.forward(try InferenceFixtures.input(d["file"] as! String),
                                                       keep: Set(EmoNetLayer.allCases))
        #expect(layers.count == EmoNetLayer.allCases.count)
        for layer in layers {
            let name = layer["name"] as! String
            let id = try #require(EmoNetLayer(rawValue: name), "unknown layer \(name)")
            let tensor = try #require(result.layers[id])
            #expect(Array(tensor.shape.dropFirst()) == layer["shape"] as! [Int], "\(name) shape")
            let scale = max(layer["max_abs_float64"] as! Double, 1e-3)
            let indices = layer["indices"] as! [Int]
            let values = layer["values"] as! [Double]
            var worst = 0.0
            for (i, v) in zip(indices, values) { worst = max(worst, abs(Double(tensor.values[i]) - v)) }
            #expect(worst <= 1e-4 * scale, "\(name): worst sampled diff \(worst) (scale \(scale))")
            let sum = tensor.values.reduce(0.0) { $0 + Double($1) }
            #expect(abs(sum - (layer["sum"] as! Double)) <= 1e-4 * scale * Double(tensor.count).squareRoot() + 1e-6, "\(name) sum")
        }
    }
}
