import Imaging

/// `box-blur`: Pillow's `ImageFilter.BoxBlur(radius)`, bit-exact: one pass per axis of a box of
/// width `2·radius + 1` (fractional radii weight the two outermost pixels by the fraction, see
/// ``PillowBoxBlur``). `radius = 0` is the identity.
public struct BoxBlur: ImageModification {
    public var name: String { "box-blur" }
    public var radius: Double
    public var scope: BlurScope
    public var padding: RegionPadding
    public var parameters: [String: ParameterValue] {
        ["radius": .double(radius), "scope": .string(scope.rawValue),
         "padding": .double(padding.relative), "paddingPixels": .double(padding.pixels)]
    }

    public init(radius: Double, scope: BlurScope = .image, padding: RegionPadding = RegionPadding()) {
        self.radius = radius
        self.scope = scope
        self.padding = padding
    }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        guard radius >= 0, radius <= 100_000 else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "radius", message: "must be in 0…100000, got \(radius)")
        }
        let r = Float(radius)
        return try RegionRestrictedFilter.run(name: name, parameters: parameters, scope: scope, padding: padding,
                                              image: image, regions: regions, seed: seed) { img in
            r == 0 ? img : try PillowBoxBlur.blur(img, xRadius: r, yRadius: r, passes: 1)
        }
    }
}
