import Imaging

/// `gaussian-blur`: Pillow's `ImageFilter.GaussianBlur(radius: sigma)`, bit-exact (Pillow 9–13).
///
/// Convention: Pillow's `radius` **is the standard deviation** σ in pixels, so `sigma` here is passed
/// straight through. Pillow approximates the Gaussian with 3 passes of an extended (fractional-radius)
/// box blur per axis (see ``PillowBoxBlur``): box radius `r = l + a` from σ²/3 per pass, edges
/// extended by repetition. `sigma = 0` is the identity (Pillow returns a copy).
public struct GaussianBlur: ImageModification {
    public var name: String { "gaussian-blur" }
    public var sigma: Double
    public var scope: BlurScope
    public var padding: RegionPadding
    public var parameters: [String: ParameterValue] {
        ["sigma": .double(sigma), "scope": .string(scope.rawValue),
         "padding": .double(padding.relative), "paddingPixels": .double(padding.pixels)]
    }

    public init(sigma: Double, scope: BlurScope = .image, padding: RegionPadding = RegionPadding()) {
        self.sigma = sigma
        self.scope = scope
        self.padding = padding
    }

    /// Pillow-exact Gaussian blur of any 8-bit image.
    public static func blur(_ image: Image, sigma: Double) throws(PerturbationError) -> Image {
        guard sigma > 0 else { return image }
        let r = PillowBoxBlur.gaussianBoxRadius(Float(sigma), passes: 3)
        return try PillowBoxBlur.blur(image, xRadius: r, yRadius: r, passes: 3)
    }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        guard sigma >= 0, sigma <= 100_000 else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "sigma", message: "must be in 0…100000, got \(sigma)")
        }
        return try RegionRestrictedFilter.run(name: name, parameters: parameters, scope: scope, padding: padding,
                                              image: image, regions: regions, seed: seed) { try Self.blur($0, sigma: sigma) }
    }
}
