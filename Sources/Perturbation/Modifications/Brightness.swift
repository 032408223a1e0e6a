import Imaging

/// `brightness`: torchvision `F.adjust_brightness(img_uint8, factor)`, bit-exact:
/// `out = UInt8(trunc(clamp(Float(factor)·x + Float(1 − factor)·0, 0, 255)))` (blend with black).
/// `factor = 1` is the identity; 0 gives black.
public struct Brightness: ImageModification {
    public var name: String { "brightness" }
    public var factor: Double
    public var parameters: [String: ParameterValue] { ["factor": .double(factor)] }
    public init(factor: Double) { self.factor = factor }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        try requireFactor(factor)
        let ratio = Float(factor), oneMinus = Float(1.0 - factor)
        let px = image.pixels.map { TorchColour.blend(Float($0), 0, ratio: ratio, oneMinus: oneMinus) }
        return .make(name, parameters: parameters, seed: seed, input: image,
                     output: try ImageBuffer.make(image.width, image.height, .rgb, px))
    }
}
