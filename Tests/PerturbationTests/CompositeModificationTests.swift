import Foundation
import Imaging
import Perturbation
import Testing

@Suite("Composite modifications")
struct CompositeModificationTests {
    @Test("color with one adjustment equals that adjustment; identity parameters change nothing")
    func color() throws {
        let image = PerturbationFixtures.input
        let viaColor = try ModificationFactory.make("color", parameters: ["saturation": .int(0)]).apply(to: image, regions: [], seed: 0)
        let direct = try ModificationFactory.make("saturation", parameters: ["factor": .int(0)]).apply(to: image, regions: [], seed: 0)
        #expect(viaColor.image == direct.image)
        let identity = try ModificationFactory.make("color").apply(to: image, regions: [], seed: 0)
        #expect(identity.image == image && identity.record.pixelsChanged == 0)
        let both = try ModificationFactory.make("color", parameters: ["brightness": .double(1.3), "hue": .double(0.1)])
            .apply(to: image, regions: [], seed: 0)
        let b = try Brightness(factor: 1.3).apply(to: image, regions: [], seed: 0).image
        #expect(both.image == (try HueShift(shift: 0.1).apply(to: b, regions: [], seed: 0).image))
        #expect(throws: (any Error).self) { try ModificationFactory.make("color", parameters: ["hue": .double(0.8)]) }
    }

    @Test("insert-object from a folder picks a cut-out per seed, reproducibly, and records which")
    func folder() throws {
        let dir = NSTemporaryDirectory() + "emoshift-cutouts-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cut = PerturbationFixtures.rgba("cutout.png")
        try ImageEncoder.write(cut, to: dir + "/a.png")
        var flipped = cut
        for i in stride(from: 0, to: flipped.pixels.count, by: 4) { flipped.pixels[i] = 255 - flipped.pixels[i] }
        try ImageEncoder.write(flipped, to: dir + "/b.png")
        let m = try ModificationFactory.make("insert-object", parameters: ["object": .string(dir), "placement": .string("centre")])
        var chosen = Set<String>()
        for seed in UInt64(0)..<12 {
            let r1 = try m.apply(to: PerturbationFixtures.input, regions: [], seed: seed)
            let r2 = try m.apply(to: PerturbationFixtures.input, regions: [], seed: seed)
            #expect(r1.image == r2.image)
            if case .string(let name) = r1.record.parameters["object"] { chosen.insert(name) }
        }
        #expect(chosen == ["a.png", "b.png"])
    }
}
