import Imaging

/// `grayscale`: torchvision `F.rgb_to_grayscale(img_uint8, num_output_channels=3)`, bit-exact:
/// `L = UInt8(trunc(0.2989·R + 0.587·G + 0.114·B))` in Float32, written to all three channels
/// (the output stays RGB).
public struct Grayscale: ImageModification {
    public var name: String { "grayscale" }
    public var parameters: [String: ParameterValue] { [:] }
    public init() {}

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        let p = image.pixels
        var px = [UInt8](repeating: 0, count: p.count)
        for i in 0..<image.pixelCount {
            let g = TorchColour.gray(p[3 * i], p[3 * i + 1], p[3 * i + 2])
            px[3 * i] = g; px[3 * i + 1] = g; px[3 * i + 2] = g
        }
        return .make(name, parameters: parameters, seed: seed, input: image,
                     output: try ImageBuffer.make(image.width, image.height, .rgb, px))
    }
}
