import Imaging

/// `saturation`: torchvision `F.adjust_saturation(img_uint8, factor)`, bit-exact:
/// `g = grayscale(img)` (uint8, see ``Grayscale``), `out = UInt8(trunc(clamp(Float(factor)·x + Float(1 − factor)·g, 0, 255)))`.
/// `factor = 1` is the identity, 0 is grayscale, > 1 oversaturates.
public struct Saturation: ImageModification {
    public var name: String { "saturation" }
    public var factor: Double
    public var parameters: [String: ParameterValue] { ["factor": .double(factor)] }
    public init(factor: Double) { self.factor = factor }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        try requireFactor(factor)
        let p = image.pixels
        let ratio = Float(factor), oneMinus = Float(1.0 - factor)
        var px = [UInt8](repeating: 0, count: p.count)
        for i in 0..<image.pixelCount {
            let g = Float(TorchColour.gray(p[3 * i], p[3 * i + 1], p[3 * i + 2]))
            for c in 0..<3 { px[3 * i + c] = TorchColour.blend(Float(p[3 * i + c]), g, ratio: ratio, oneMinus: oneMinus) }
        }
        return .make(name, parameters: parameters, seed: seed, input: image,
                     output: try ImageBuffer.make(image.width, image.height, .rgb, px))
    }
}
