import Explanation
import Foundation
import Imaging
import Inference
import Testing

/// Properties every method must have, independent of the golden files.
@Suite("CAM method properties")
struct MethodPropertyTests {
    static func context(_ photo: String = "chelsea.png", seed: UInt64 = 0) throws -> ExplanationContext {
        let net = ExplanationFixtures.net
        let input = try ExplanationFixtures.input(photo)
        return ExplanationContext(net: net, input: input, classes: [net.forward(input).top1(of: 0)], seed: seed)
    }

    @Test("every method gives a finite, non-negative 13×13 map", arguments: CAMMethodKind.allCases)
    func finiteMaps(_ kind: CAMMethodKind) throws {
        let map = CAMMethods.method(kind).maps(try Self.context())[0]
        #expect(map.raw.width == 13 && map.raw.height == 13)
        #expect(map.raw.values.allSatisfy { $0.isFinite && $0 >= 0 })
        let up = map.upsampled()
        #expect(up.width == 227 && up.values.allSatisfy { $0 >= 0 && $0 <= 1 })
        if kind != .randomCAM { #expect(map.raw.values.contains { $0 > 0 }, "\(kind) map is all zero on a normal photo") }
    }

    @Test("Ablation-CAM's fc6 shortcut equals re-running the tail with the channel zeroed")
    func ablationShortcut() throws {
        let ctx = try Self.context()
        let a = ctx.activations
        let cls = ctx.classes[0]
        let fast = AblationCAM.ablatedScores(net: ctx.net, conv5: a, item: 0, classIndex: cls)
        for k in [0, 7, 128, 255] {
            var v = a.values
            for i in 0..<169 { v[k * 169 + i] = -1e7 }  // pytorch-grad-cam's ablation value: zero after ReLU
            let direct = ctx.net.tail(conv5: Tensor(shape: [1, 256, 13, 13], values: v)).probabilities.values[cls]
            #expect(abs(fast[k] - direct) <= 1e-5 * max(direct, 1e-3), "channel \(k)")
        }
    }

    @Test("LRP-CAM is the target logit times the logit Grad-CAM channel sums")
    func lrpClosedForm() throws {
        let ctx = try Self.context()
        let lrp = CAMMethods.method(.lrpCAM).maps(ctx)[0]
        let g = ctx.net.gradients(ctx.input, targets: [.logit(ctx.classes[0])])
        for k in [3, 100, 200] {
            var s: Float = 0
            for i in 0..<169 { s += g.gradients.values[k * 169 + i] }
            #expect(abs(lrp.channelWeights![k] - g.scores[0] * s) <= 1e-6 * max(1, abs(g.scores[0] * s)))
        }
        #expect(lrp.target == .logit(ctx.classes[0]))
    }

    @Test("LIME-CAM and Random-CAM are reproducible for a seed and change with it", arguments: [CAMMethodKind.limeCAM, .randomCAM])
    func seeded(_ kind: CAMMethodKind) throws {
        let a = CAMMethods.method(kind).maps(try Self.context(seed: 5))[0]
        let b = CAMMethods.method(kind).maps(try Self.context(seed: 5))[0]
        let c = CAMMethods.method(kind).maps(try Self.context(seed: 6))[0]
        #expect(a.channelWeights == b.channelWeights)
        #expect(a.channelWeights != c.channelWeights)
    }

    @Test("Score-CAM weights are a softmax over channels")
    func scoreWeights() throws {
        let map = ScoreCAM(batchSize: 64).maps(try Self.context())[0]
        let w = try #require(map.channelWeights)
        #expect(w.count == 256 && abs(w.reduce(0, +) - 1) < 1e-4 && w.allSatisfy { $0 > 0 })
    }

    @Test("Eigen-CAM's sign points towards the active region")
    func eigenSign() throws {
        let ctx = try Self.context()
        let p = EigenCAM.projection(ctx.activations, item: 0)
        var activity = [Float](repeating: 0, count: 169)
        for k in 0..<256 { for i in 0..<169 { activity[i] += ctx.activations.values[k * 169 + i] } }
        let mean = activity.reduce(0, +) / 169
        let agreement = zip(p, activity).reduce(Float(0)) { $0 + $1.0 * ($1.1 - mean) }
        #expect(agreement > 0)
    }

    @Test("a zero map stays zero through normalisation, upsampling and overlay (no NaN)")
    func zeroMap() throws {
        let zero = CAMMap(method: .gradCAM, layer: .conv5, target: .probability(0), targetScore: 0.1,
                          raw: try FloatMap(width: 13, height: 13))
        #expect(zero.normalized().values.allSatisfy { $0 == 0 })
        #expect(zero.upsampled().values.allSatisfy { $0 == 0 })
        let captum = CAMMap(method: .liftCAM, layer: .conv5, target: .logit(0), targetScore: 1, raw: try FloatMap(width: 13, height: 13))
        #expect(captum.upsampled().values.allSatisfy { $0 == 0 })
        let image = try Image(width: 227, height: 227, format: .rgb, filledWith: 100)
        let overlay = try CAMOverlay.blend(image: image, mask: zero.upsampled())
        // heat = jet(0) = (0, 0, 128)/255 everywhere; cam = 0.5·heat + 0.5·100/255, scaled by its max.
        let r = Float(0.5 * 100 / 255), b = Float(0.5 * 128 / 255) + r
        let expected: [UInt8] = [UInt8(255 * (r / b)), UInt8(255 * (r / b)), 255]
        #expect(Array(overlay.pixels[0..<3]) == expected && Array(overlay.pixels.suffix(3)) == expected)
    }

    @Test("method names parse in common spellings and reject unknown ones")
    func names() {
        #expect(CAMMethodKind(name: "GradCAM++") == .gradCAMPlusPlus)
        #expect(CAMMethodKind(name: "gradcamplusplus") == .gradCAMPlusPlus)
        #expect(CAMMethodKind(name: "score_cam") == .scoreCAM)
        #expect(CAMMethodKind(name: "ScoreCAM") == .scoreCAM)
        #expect(CAMMethodKind(name: "guided-backprop") == nil)
    }

    @Test("explaining a fixed class: maps differ between classes for class-discriminative methods")
    func fixedClass() throws {
        let net = ExplanationFixtures.net
        let input = try ExplanationFixtures.input("coffee.png")
        let a = GradCAM().maps(ExplanationContext(net: net, input: input, classes: [2]))[0]
        let b = GradCAM().maps(ExplanationContext(net: net, input: input, classes: [12]))[0]
        #expect(a.raw != b.raw && a.target == .probability(2))
    }
}

@Suite("Salient region")
struct SalientRegionTests {
    @Test("the box holds the peak, covers the top fraction's component, and a zero map has none")
    func box() throws {
        var values = [Float](repeating: 0, count: 13 * 13)
        values[6 * 13 + 6] = 1; values[6 * 13 + 7] = 0.8; values[5 * 13 + 6] = 0.7
        let map = CAMMap(method: .gradCAM, layer: .conv5, target: .probability(0), targetScore: 1,
                         raw: try FloatMap(width: 13, height: 13, values: values))
        let b = try #require(SalientRegion.box(map, imageWidth: 130, imageHeight: 130, fraction: 0.02))
        #expect(b.x <= 66 && b.x + b.width >= 66 && b.y <= 66 && b.y + b.height >= 66)
        #expect(b.width < 60 && b.height < 60 && b.mass > 0)
        let zero = CAMMap(method: .gradCAM, layer: .conv5, target: .probability(0), targetScore: 1, raw: try FloatMap(width: 13, height: 13))
        #expect(SalientRegion.box(zero, imageWidth: 50, imageHeight: 50) == nil)
    }
}
