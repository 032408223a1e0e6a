import Foundation
import Imaging
import Testing
@testable import Perturbation

/// The factory's errors and the record's JSON form.
@Suite struct SpecAndRecordTests {
    @Test func everyNamedTransformCanBeBuilt() throws {
        let cutout = PerturbationFixtures.path("cutout.png")
        let required: [String: [String: ParameterValue]] = [
            "gaussian-blur": ["sigma": 1], "box-blur": ["radius": 1], "pixelate": ["block": 2],
            "motion-blur": ["length": 3], "brightness": ["factor": 1], "contrast": ["factor": 1],
            "saturation": ["factor": 1], "hue": ["shift": 0.1], "colour-temperature": ["kelvin": 5000],
            "gaussian-noise": ["sigma": 5], "salt-and-pepper": ["amount": 0.1], "mask-objects": ["labels": "face"],
            "insert-object": ["object": .string(cutout)],
        ]
        for name in ModificationFactory.transformNames {
            let m = try ModificationFactory.make(name, parameters: required[name] ?? [:])
            #expect(m.name == name)
        }
    }

    @Test func unknownTransformListsValidOnes() {
        #expect {
            try ModificationFactory.make("blurr")
        } throws: { error in
            guard case PerturbationError.unknownTransform(let n, let valid) = error else { return false }
            return n == "blurr" && valid == ModificationFactory.transformNames
                && (error as! PerturbationError).description.contains("gaussian-blur")
        }
    }

    @Test func unknownParameterListsValidOnes() {
        #expect {
            try ModificationFactory.make("gaussian-blur", parameters: ["sigma": 1, "radius": 2])
        } throws: { error in
            (error as? PerturbationError)?.description
                == "gaussian-blur: unknown parameter 'radius'; valid parameters: padding, paddingPixels, scope, sigma"
        }
    }

    @Test func badValuesAreRejected() {
        let bad: [(String, [String: ParameterValue])] = [
            ("gaussian-blur", ["sigma": -1]), ("gaussian-blur", [:]), ("gaussian-blur", ["sigma": "big"]),
            ("hue", ["shift": 0.7]), ("jpeg", ["quality": 0]), ("jpeg", ["quality": 50.5]),
            ("occlude", ["fill": "purple"]), ("occlude", ["fill": "solid"]), ("occlude", ["fill": "solid", "colour": [1, 2]]),
            ("channel-swap", ["order": "rrg"]), ("crop", ["x": 0.8, "width": 0.5]), ("flip", ["direction": "diagonal"]),
            ("insert-object", ["object": "/nonexistent.png"]), ("salt-and-pepper", ["amount": 2]),
            ("gaussian-blur", ["sigma": 1, "scope": "face"]),
        ]
        for (name, params) in bad {
            #expect(throws: PerturbationError.self, "\(name) \(params)") { try ModificationFactory.make(name, parameters: params) }
        }
    }

    @Test func aliasesAndCaseAreAccepted() throws {
        #expect(try ModificationFactory.make("Greyscale").name == "grayscale")
        #expect(try ModificationFactory.make("color-temperature", parameters: ["kelvin": 4000]).name == "colour-temperature")
    }

    @Test func recordRoundTripsThroughJSON() throws {
        let image = PerturbationFixtures.input
        let region = PerturbationRegion(label: "face", x: 3, y: 4, width: 10, height: 8)
        for r in [try Occlude(fill: .mean).apply(to: image, regions: [region], seed: 42),
                  try Occlude().apply(to: image, regions: [], seed: 42)] {
            let data = try JSONEncoder().encode(r.record)
            let back = try JSONDecoder().decode(AppliedModification.self, from: data)
            #expect(back == r.record)
        }
        let na = try Occlude().apply(to: image, regions: [], seed: 1).record
        let json = String(decoding: try JSONEncoder().encode(na.status), as: UTF8.self)
        #expect(json.contains("\"kind\":\"notApplicable\""))
    }

    @Test func specDecodesFromJSON() throws {
        let json = #"{"name": "occlude", "parameters": {"fill": "solid", "colour": [255, 0, 0], "shape": "ellipse", "padding": 0.2}}"#
        let spec = try JSONDecoder().decode(ModificationSpec.self, from: Data(json.utf8))
        let m = try spec.make() as! Occlude
        #expect(m.fill == .solid(r: 255, g: 0, b: 0) && m.shape == .ellipse && m.padding.relative == 0.2)
    }
}
