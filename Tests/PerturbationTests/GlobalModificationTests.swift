import Imaging
import Testing
@testable import Perturbation

/// What each global modification must and must not change.
@Suite struct GlobalModificationTests {
    let image = PerturbationFixtures.input

    @Test func splitMix64MatchesReferenceSequence() {
        var rng = PerturbationRandom(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        var r1 = PerturbationRandom(seed: 42), r2 = PerturbationRandom(seed: 42)
        for _ in 0..<10 { #expect(r1.next() == r2.next()) }
    }

    /// Parameter values that must be exact identities (including the controls).
    static let identities: [(String, [String: ParameterValue])] = [
        ("identity", [:]), ("re-encode", [:]), ("gaussian-blur", ["sigma": 0]), ("box-blur", ["radius": 0]),
        ("pixelate", ["block": 1]), ("motion-blur", ["length": 1]), ("brightness", ["factor": 1]),
        ("contrast", ["factor": 1]), ("saturation", ["factor": 1]), ("hue", ["shift": 0]),
        ("colour-temperature", ["kelvin": 6500]), ("gaussian-noise", ["sigma": 0]),
        ("salt-and-pepper", ["amount": 0]), ("channel-swap", ["order": "rgb"]),
        ("crop", ["x": 0, "y": 0, "width": 1, "height": 1]),
    ]

    @Test(arguments: identities.indices)
    func neutralParametersAreIdentity(_ index: Int) throws {
        let (name, params) = Self.identities[index]
        let r = try ModificationFactory.make(name, parameters: params).apply(to: image, regions: [], seed: 7)
        #expect(r.image == image, "\(name) \(params) changed the image")
        #expect(r.record.pixelsChanged == 0)
        #expect(r.record.status == .applied)
    }

    static let changing: [(String, [String: ParameterValue])] = [
        ("gaussian-blur", ["sigma": 2]), ("box-blur", ["radius": 2]), ("pixelate", ["block": 4]),
        ("motion-blur", ["length": 9, "angle": 30]), ("brightness", ["factor": 0.6]), ("contrast", ["factor": 0.5]),
        ("saturation", ["factor": 0]), ("hue", ["shift": 0.25]), ("grayscale", [:]), ("invert", [:]),
        ("channel-swap", ["order": "bgr"]), ("colour-temperature", ["kelvin": 3000]),
        ("gaussian-noise", ["sigma": 20]), ("salt-and-pepper", ["amount": 0.1]), ("jpeg", ["quality": 20]),
        ("flip", ["direction": "horizontal"]), ("flip", ["direction": "vertical"]),
    ]

    @Test(arguments: changing.indices)
    func changesPixelsAndKeepsSize(_ index: Int) throws {
        let (name, params) = Self.changing[index]
        let m = try ModificationFactory.make(name, parameters: params)
        let r = try m.apply(to: image, regions: [], seed: 1)
        #expect(r.image.width == image.width && r.image.height == image.height && r.image.format == .rgb)
        #expect(r.record.pixelsChanged > 0, "\(name) changed nothing")
        #expect(r.record.pixelsChanged == PixelDiff.changedPixels(image, r.image))
        #expect(r.record.name == name)
        // Deterministic: same seed, same bytes.
        #expect(try m.apply(to: image, regions: [], seed: 1).image == r.image)
    }

    @Test(arguments: ["gaussian-noise", "salt-and-pepper"])
    func noiseDependsOnSeed(_ name: String) throws {
        let params: [String: ParameterValue] = name == "gaussian-noise" ? ["sigma": 10] : ["amount": 0.05]
        let m = try ModificationFactory.make(name, parameters: params)
        let a = try m.apply(to: image, regions: [], seed: 1).image
        let b = try m.apply(to: image, regions: [], seed: 1).image
        let c = try m.apply(to: image, regions: [], seed: 2).image
        #expect(a.pixels == b.pixels)
        #expect(a.pixels != c.pixels)
    }

    @Test func gaussianNoiseHasRequestedSpread() throws {
        let flat = try Image(width: 200, height: 200, format: .rgb, filledWith: 128)
        let out = try GaussianNoise(sigma: 10).apply(to: flat, seed: 3).image
        let d = out.pixels.map { Double($0) - 128 }
        let mean = d.reduce(0, +) / Double(d.count)
        let sd = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(d.count)).squareRoot()
        #expect(abs(mean) < 0.2)
        #expect(abs(sd - 10) < 0.3)
    }

    @Test func saltAndPepperHitsRoughlyAmountAndRecordsCounts() throws {
        let flat = try Image(width: 100, height: 100, format: .rgb, filledWith: 100)
        let r = try SaltAndPepper(amount: 0.2).apply(to: flat, seed: 9)
        let salt = r.record.parameters["saltPixels"]!.intValue!, pepper = r.record.parameters["pepperPixels"]!.intValue!
        #expect(salt + pepper == r.record.pixelsChanged)
        #expect(abs(Double(salt + pepper) / 10_000 - 0.2) < 0.02)
        #expect(abs(salt - pepper) < 300)
    }

    @Test func hueShiftKeepsMaxAndMinChannel() throws {
        // An HSV hue rotation keeps V = max(R, G, B) and S, hence min(R, G, B); uint8 rounding moves them by ≤ 1.
        let colours = PerturbationFixtures.rgb("colours.png")
        for shift in [-0.5, -0.2, 0.1, 0.33, 0.5] {
            let out = try HueShift(shift: shift).apply(to: colours, seed: 0).image
            for i in 0..<colours.pixelCount {
                let a = colours.pixels[3 * i..<3 * i + 3].map(Int.init), b = out.pixels[3 * i..<3 * i + 3].map(Int.init)
                #expect(abs(a.max()! - b.max()!) <= 1)
                #expect(abs(a.min()! - b.min()!) <= 1)
            }
        }
        // A full turn's worth: +0.5 twice returns the colour within 2 levels.
        let twice = try HueShift(shift: 0.5).apply(to: try HueShift(shift: 0.5).apply(to: colours, seed: 0).image, seed: 0).image
        #expect(PerturbationFixtures.diff(twice, colours).max <= 2)
    }

    @Test func grayscaleMakesChannelsEqualAndSaturationZeroMatchesIt() throws {
        let g = try Grayscale().apply(to: image, seed: 0).image
        for i in 0..<g.pixelCount { #expect(g.pixels[3 * i] == g.pixels[3 * i + 1] && g.pixels[3 * i] == g.pixels[3 * i + 2]) }
        #expect(try Saturation(factor: 0).apply(to: image, seed: 0).image == g)
    }

    @Test func brightnessZeroIsBlackAndContrastZeroIsUniform() throws {
        #expect(try Brightness(factor: 0).apply(to: image, seed: 0).image.pixels.allSatisfy { $0 == 0 })
        let c = try Contrast(factor: 0).apply(to: image, seed: 0)
        #expect(Set(c.image.pixels).count == 1)
        #expect(c.record.parameters["mean"] != nil)
    }

    @Test func invertAndFlipAreInvolutions() throws {
        let inv = try Invert().apply(to: image, seed: 0).image
        #expect(try Invert().apply(to: inv, seed: 0).image == image)
        #expect(inv[0, 0, 0] == 255 - image[0, 0, 0])
        for d in Flip.Direction.allCases {
            let f = try Flip(direction: d).apply(to: image, seed: 0).image
            #expect(try Flip(direction: d).apply(to: f, seed: 0).image == image)
        }
        let h = try Flip(direction: .horizontal).apply(to: image, seed: 0).image
        #expect(h[0, 5, 1] == image[image.width - 1, 5, 1])
    }

    @Test func channelSwapPermutes() throws {
        let out = try ChannelSwap(order: "brg").apply(to: image, seed: 0).image
        #expect(out[3, 4, 0] == image[3, 4, 2] && out[3, 4, 1] == image[3, 4, 0] && out[3, 4, 2] == image[3, 4, 1])
    }

    @Test func colourTemperatureWarmsAndCools() throws {
        let warm = try ColourTemperature(kelvin: 3000).apply(to: image, seed: 0).image
        let cool = try ColourTemperature(kelvin: 12000).apply(to: image, seed: 0).image
        func meanOf(_ img: Image, _ c: Int) -> Double {
            Double(stride(from: c, to: img.pixels.count, by: 3).map { Int(img.pixels[$0]) }.reduce(0, +)) / Double(img.pixelCount)
        }
        #expect(meanOf(warm, 2) < meanOf(image, 2) - 20)      // less blue
        #expect(meanOf(warm, 0) == meanOf(image, 0))          // red gain is 1 below 6600 K
        #expect(meanOf(cool, 0) < meanOf(image, 0))           // less red
    }

    @Test func motionBlurKernelIsNormalisedAndOriented() throws {
        let k = MotionBlur.kernel(length: 7, angle: 0)
        #expect(abs(k.reduce(0) { $0 + $1.weight } - 1) < 1e-12)
        #expect(k.allSatisfy { $0.dy == 0 } && k.count == 7)
        let v = MotionBlur.kernel(length: 5, angle: 90)
        #expect(v.allSatisfy { $0.dx == 0 } && v.count == 5)
        // A horizontal blur leaves an image that is constant along rows unchanged.
        var px = [UInt8](repeating: 0, count: 20 * 10 * 3)
        for y in 0..<10 { for x in 0..<20 { for c in 0..<3 { px[(y * 20 + x) * 3 + c] = UInt8(y * 20) } } }
        let rows = try Image(width: 20, height: 10, format: .rgb, pixels: px)
        #expect(try MotionBlur(length: 9, angle: 0).apply(to: rows, seed: 0).image == rows)
        #expect(try MotionBlur(length: 9, angle: 90).apply(to: rows, seed: 0).record.pixelsChanged > 0)
    }

    @Test func blurKeepsUniformImagesAndLowersVariance() throws {
        let flat = try Image(width: 30, height: 20, format: .rgb, filledWith: 77)
        for sigma in [0.3, 1.0, 5.0, 50.0] {
            #expect(try GaussianBlur(sigma: sigma).apply(to: flat, seed: 0).image == flat)
        }
        let blurred = try GaussianBlur(sigma: 3).apply(to: image, seed: 0).image
        func variance(_ img: Image) -> Double {
            let v = img.pixels.map(Double.init), m = v.reduce(0, +) / Double(v.count)
            return v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count)
        }
        #expect(variance(blurred) < variance(image))
    }

    @Test func pixelateMakesConstantTiles() throws {
        let img = PerturbationFixtures.synthetic(width: 64, height: 48)
        let out = try Pixelate(block: 8).apply(to: img, seed: 0).image
        for ty in 0..<6 { for tx in 0..<8 {
            let ref = (out[tx * 8, ty * 8, 0], out[tx * 8, ty * 8, 1], out[tx * 8, ty * 8, 2])
            for y in 0..<8 { for x in 0..<8 {
                #expect(out[tx * 8 + x, ty * 8 + y, 0] == ref.0 && out[tx * 8 + x, ty * 8 + y, 2] == ref.2)
            } }
        } }
    }

    @Test func cropKeepsTheRequestedBox() throws {
        let r = try Crop(x: 0.25, y: 0.5, width: 0.5, height: 0.25).apply(to: image, seed: 0)
        #expect(r.image.width == 32 && r.image.height == 12)
        #expect(r.record.regions == [AppliedRegion(label: "crop", x: 16, y: 24, width: 32, height: 12)])
        #expect(r.image[0, 0, 1] == image[16, 24, 1] && r.image[31, 11, 2] == image[47, 35, 2])
        #expect(r.record.outputWidth == 32 && r.record.pixelsChanged == 32 * 12)
    }

    @Test func jpegIsLossyButClose() throws {
        let r = try JPEGCompression(quality: 90).apply(to: image, seed: 0)
        #expect(r.record.pixelsChanged > 0)
        #expect(PerturbationFixtures.diff(r.image, image).max < 60)
        let low = try JPEGCompression(quality: 5).apply(to: image, seed: 0)
        #expect(PerturbationFixtures.diff(low.image, image).count > PerturbationFixtures.diff(r.image, image).count)
    }

    @Test func nonRGBInputIsRefused() throws {
        let rgba = try Image(width: 4, height: 4, format: .rgba, filledWith: 9)
        #expect(throws: PerturbationError.self) { try Invert().apply(to: rgba, seed: 0) }
    }
}
