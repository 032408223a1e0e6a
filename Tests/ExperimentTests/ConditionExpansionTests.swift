import Testing
@testable import Experiment
import Foundation
import Perturbation

/// Sweep expansion, derived names and list-valued parameters.
@Suite struct ConditionExpansionTests {
    @Test func severalListsExpandToTheCartesianProduct() {
        let c = ConditionSpec(name: "noise", transform: "box-blur", parameters: ["radius": [1, 2], "padding": [0, 0.5], "scope": "regions"])
        let x = ConditionExpander.expand(c, index: 3)
        #expect(x.map(\.id) == ["noise-padding0-radius1", "noise-padding0-radius2", "noise-padding0.5-radius1", "noise-padding0.5-radius2"])
        #expect(x.allSatisfy { $0.sourceIndex == 3 && $0.group == "noise" && $0.parameters["scope"] == "regions" })
        #expect(x[3].sweep == ["padding": 0.5, "radius": 2])
    }

    @Test func listValuedParametersDoNotSweep() {
        let one = ConditionSpec(transform: "occlude", parameters: ["fill": "solid", "colour": [255, 0, 0]], regions: ["faces"])
        #expect(ConditionExpander.expand(one, index: 0).map(\.id) == ["occlude-faces-colour255_0_0-fillsolid"])
        let labels = ConditionSpec(name: "no-people", transform: "mask-objects", parameters: ["labels": ["Person", "Human face"]])
        #expect(ConditionExpander.expand(labels, index: 0).map(\.id) == ["no-people"])
        let swept = ConditionSpec(name: "c", transform: "occlude", parameters: ["fill": "solid", "colour": [[255, 0, 0], [0, 0, 255]]])
        #expect(ConditionExpander.expand(swept, index: 0).map(\.id) == ["c-colour255_0_0", "c-colour0_0_255"])
    }

    @Test func unnamedConditionsAreNamedFromTheirParameters() {
        #expect(ConditionExpander.expand(ConditionSpec(transform: "saturation", parameters: ["factor": 0]), index: 0).map(\.id) == ["saturation-factor0"])
        #expect(ConditionExpander.expand(ConditionSpec(transform: "gaussian-blur", parameters: ["sigma": [2, 4]]), index: 0).map(\.id)
                == ["gaussian-blur-sigma2", "gaussian-blur-sigma4"])
        #expect(ConditionExpander.expand(ConditionSpec(transform: "insert-object", parameters: ["object": "cutouts/Gift Box.png"]), index: 0).map(\.id)
                == ["insert-object-objectgift-box"])
    }

    @Test func includeConcatenatesConditionsAndOverridesScalars() throws {
        let root = ExampleSpecTests.root
        let result = SpecValidator(workingDirectory: root).validate(file: root + "/Experiments/colour-shift.yaml")
        let spec = try #require(result.spec)
        #expect(spec.seed == 3)                       // the including file wins
        #expect(spec.analysis.correction == .bonferroni)
        #expect(spec.corpus.images == ["Experiments/images/*.{jpg,png}"])   // from shared/base.yaml
        #expect(spec.explain.target == .classes(["Joy", "Sadness", "Fear"]))
        #expect(spec.sourceFiles.count == 2)
    }

    @Test func idsAreStableWhenConditionsAreAdded() throws {
        let root = ExampleSpecTests.root
        let base = "name: s\ncorpus: { images: \"Experiments/images/*.png\" }\nconditions:\n"
        let a = SpecValidator(workingDirectory: root).validate(yaml: base + "  - { transform: gaussian-blur, sigma: [1, 2] }\n")
        let b = SpecValidator(workingDirectory: root).validate(yaml: base + "  - { transform: invert }\n  - { transform: gaussian-blur, sigma: [1, 2] }\n")
        let ia = try #require(a.spec).expandedConditions.map(\.id)
        let ib = try #require(b.spec).expandedConditions.map(\.id)
        #expect(ia == ["gaussian-blur-sigma1", "gaussian-blur-sigma2"])
        #expect(ib == ["invert"] + ia)
    }

    @Test func aliasesResolveToCanonicalTransformNames() throws {
        let root = ExampleSpecTests.root
        let r = SpecValidator(workingDirectory: root).validate(yaml: "name: s\ncorpus: Experiments/images\nconditions:\n  - { name: b, transform: blur, sigma: 2 }\n  - { name: g, transform: greyscale }\n")
        #expect(r.problems.map(\.description) == [])
        #expect(try #require(r.spec).expandedConditions.map(\.transform) == ["gaussian-blur", "grayscale"])
    }

    @Test func onYesNoAreStringsNotBooleans() throws {
        let root = ExampleSpecTests.root
        let r = SpecValidator(workingDirectory: root).validate(yaml: "name: s\ncorpus: Experiments/images\ndetect: [faces]\nmodel: { affect: yes }\nconditions:\n  - { name: on-face, transform: insert-object, object: Experiments/cutouts/gift.png, placement: on }\n")
        #expect(r.problems.map(\.description) == ["<spec>:4:18: model.affect: must be true or false, got the string \"yes\""])
    }

    @Test func filesAreNotConsultedWithoutCheckFiles() {
        let r = SpecValidator(workingDirectory: "/nonexistent", checkFiles: false).validate(
            yaml: "name: s\ncorpus: { images: nowhere/*.png }\nmodel: { weights: /no/weights }\nconditions:\n  - { transform: insert-object, object: no.png }\n")
        #expect(r.problems.map(\.description) == [])
        #expect(r.spec?.model.weights == .path("/no/weights"))
    }
}

/// Every per-transform example in docs/spec.md validates.
@Suite struct SpecDocumentationTests {
    @Test func everyTransformExampleInTheDocsValidates() throws {
        let root = ExampleSpecTests.root
        let doc = try String(contentsOfFile: root + "/docs/spec.md", encoding: .utf8)
        let rows = doc.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("`{ transform: ") }
        let examples = rows.compactMap { row -> String? in
            guard let start = row.range(of: "`{ transform: ", options: .backwards) else { return nil }
            let rest = row[row.index(after: start.lowerBound)...]
            return rest.firstIndex(of: "`").map { String(rest[..<$0]) }
        }
        #expect(examples.count == ModificationFactory.transformNames.count)
        let yaml = "name: docs\ncorpus: Experiments/images\ndetect: [faces]\nconditions:\n"
            + examples.map { "  - \($0)\n" }.joined()
        let result = SpecValidator(workingDirectory: root).validate(yaml: yaml)
        #expect(result.problems.map(\.description) == [])
        let transforms = Set(try #require(result.spec).expandedConditions.map(\.transform))
        #expect(transforms == Set(ModificationFactory.transformNames))
    }
}
