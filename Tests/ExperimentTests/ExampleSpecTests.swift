import Foundation
import Testing
@testable import Experiment

/// The example specs in Experiments/ validate from the repository root.
@Suite struct ExampleSpecTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test(arguments: ["demo.yaml", "face-occlusion.yaml", "colour-shift.yaml"])
    func exampleValidates(_ file: String) {
        let result = SpecValidator(workingDirectory: Self.root).validate(file: Self.root + "/Experiments/" + file)
        #expect(result.problems.map(\.description) == [])
        #expect(result.spec != nil)
        #expect(!result.corpusFiles.isEmpty)
    }

    @Test func demoExpandsToTheDocumentedConditions() throws {
        let result = SpecValidator(workingDirectory: Self.root).validate(file: Self.root + "/Experiments/demo.yaml")
        let spec = try #require(result.spec)
        #expect(spec.expandedConditions.map(\.id) == ["blur-sigma2", "blur-sigma4", "blur-sigma8",
                                                      "no-faces-fillgrey", "no-faces-fillblur", "desaturate", "add-gift"])
        #expect(spec.name == "demo")
        #expect(spec.seed == 7)
        #expect(spec.output == "Results/demo")
        #expect(spec.detect.detectors.map(\.name.rawValue) == ["faces"])
        #expect(spec.explain.methods == [.gradCAM, .ablationCAM, .liftCAM])
        #expect(spec.detect.imports.count == 1 && spec.analysis.corpus.emotionConfidence == 0.2)
        #expect(spec.analysis.correction == .holm)
        #expect(spec.analysis.alpha == 0.05)
        #expect(result.corpusFiles.count == 9)
        #expect(spec.expandedConditions[0].parameters["sigma"] == .int(2))
        #expect(spec.expandedConditions[0].transform == "gaussian-blur")
    }
}
