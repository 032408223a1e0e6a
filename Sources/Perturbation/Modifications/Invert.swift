import Imaging

/// `invert`: `out = 255 − x` per channel (torchvision `F.invert` / Pillow `ImageOps.invert`, exact).
public struct Invert: ImageModification {
    public var name: String { "invert" }
    public var parameters: [String: ParameterValue] { [:] }
    public init() {}

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        return .make(name, parameters: parameters, seed: seed, input: image,
                     output: try ImageBuffer.make(image.width, image.height, .rgb, image.pixels.map { 255 - $0 }))
    }
}
