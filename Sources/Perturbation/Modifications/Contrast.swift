import Imaging

/// `contrast`: torchvision `F.adjust_contrast(img_uint8, factor)`:
/// `m = mean over the image of grayscale(img)` (uint8 grayscale, see ``Grayscale``, averaged in Float32),
/// `out = UInt8(trunc(clamp(Float(factor)·x + Float(1 − factor)·m, 0, 255)))`.
/// The grayscale sum is an integer, summed exactly here; `m = Float(sum) / Float(N)`. torch sums in
/// float32 (cascade order), which is exact only while the sum stays below 2²⁴ (≈ 65,000 pixels of
/// mean grey); beyond that its mean can differ by an ulp (e.g. chelsea at 640×480: 118.938904 vs
/// 118.938896), which can move an output value by 1. Bit-exact on the 64×48 and 32×32 goldens;
/// golden tolerance 1.
/// `factor = 1` is the identity; 0 gives a uniform grey of the mean luminance.
public struct Contrast: ImageModification {
    public var name: String { "contrast" }
    public var factor: Double
    public var parameters: [String: ParameterValue] { ["factor": .double(factor)] }
    public init(factor: Double) { self.factor = factor }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        try requireFactor(factor)
        let p = image.pixels
        var sum = 0
        for i in 0..<image.pixelCount { sum += Int(TorchColour.gray(p[3 * i], p[3 * i + 1], p[3 * i + 2])) }
        let mean = Float(sum) / Float(image.pixelCount)
        let ratio = Float(factor), oneMinus = Float(1.0 - factor)
        let px = p.map { TorchColour.blend(Float($0), mean, ratio: ratio, oneMinus: oneMinus) }
        var params = parameters
        params["mean"] = .double(Double(mean))
        return .make(name, parameters: params, seed: seed, input: image,
                     output: try ImageBuffer.make(image.width, image.height, .rgb, px))
    }
}
