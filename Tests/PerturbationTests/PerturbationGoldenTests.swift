import Imaging
import Testing
@testable import Perturbation

/// Outputs against Pillow 13 / torchvision 0.29 references made by
/// Scripts/reference/make_perturbation_goldens.py (tolerance per golden in goldens.json:
/// 0 = bit-exact; contrast and hue allow 1).
@Suite struct PerturbationGoldenTests {
    static let cases = PerturbationFixtures.manifest.goldens.filter { $0.transform != "(resize)" }.map(\.id)

    @Test(arguments: cases)
    func matchesReference(_ id: String) throws {
        let g = PerturbationFixtures.manifest.goldens.first { $0.id == id }!
        let modification = try ModificationFactory.make(g.transform, parameters: g.parameters)
        let result = try modification.apply(to: PerturbationFixtures.rgb(g.input), regions: [], seed: 0)
        let expected = PerturbationFixtures.rgb(g.file)
        let d = PerturbationFixtures.diff(result.image, expected)
        #expect(d.max <= g.tolerance, "\(id) vs \(g.reference): max |diff| \(d.max), \(d.count) samples differ")
        #expect(result.record.status == .applied)
    }

    @Test func cutoutResizeMatchesPillowRGBA() throws {
        let expected = PerturbationFixtures.rgba("goldens/cutout-resize-25x19.png")
        let out = try AlphaResize.resize(PerturbationFixtures.cutout, width: 25, height: 19)
        let d = PerturbationFixtures.diff(out, expected)
        #expect(d.max == 0, "max |diff| \(d.max), \(d.count) samples differ")
    }

    @Test func gaussianBoxRadiusMatchesPillowFormula() {
        // sigma 1.5: sigma² / 3 = 0.75; L = √10 = 3.162; l = 1; a = 3·(2 − 2.25) / (6·(0.75 − 4)) = 0.03846
        #expect(abs(PillowBoxBlur.gaussianBoxRadius(1.5, passes: 3) - 1.0384616) < 1e-6)
        #expect(PillowBoxBlur.gaussianBoxRadius(0, passes: 3) == 0)
    }
}
