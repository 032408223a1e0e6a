import Imaging

/// `gaussian-noise`: additive i.i.d. Gaussian noise, `sigma` in 0–255 units, seeded.
///
/// `out = clamp(round_half_up(x + sigma·z), 0, 255)` with one standard normal `z` per sample,
/// drawn in pixel order then channel order from ``PerturbationRandom`` (SplitMix64 seeded with
/// `seed`, Box–Muller cosine branch). `sigma = 0` is the identity.
public struct GaussianNoise: ImageModification {
    public var name: String { "gaussian-noise" }
    public var sigma: Double
    public var parameters: [String: ParameterValue] { ["sigma": .double(sigma)] }
    public init(sigma: Double) { self.sigma = sigma }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        guard sigma >= 0, sigma.isFinite else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "sigma", message: "must be ≥ 0, got \(sigma)")
        }
        if sigma == 0 { return .make(name, parameters: parameters, seed: seed, input: image, output: image) }
        var rng = PerturbationRandom(seed: seed)
        let px = image.pixels.map { ImageBuffer.clamp8(Double($0) + sigma * rng.nextGaussian()) }
        return .make(name, parameters: parameters, seed: seed, input: image,
                     output: try ImageBuffer.make(image.width, image.height, .rgb, px))
    }
}
