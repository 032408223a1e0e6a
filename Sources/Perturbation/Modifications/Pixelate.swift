import Imaging

/// `pixelate`: Pillow's idiom, bit-exact:
///
///     small = img.resize((max(1, W // block), max(1, H // block)), Image.BOX)
///     out   = small.resize((W, H), Image.NEAREST)
///
/// When `block` divides the size, each `block × block` tile becomes its mean (Pillow fixed-point
/// rounding); otherwise tiles are `W / (W // block)` pixels wide on average (Pillow's BOX and
/// NEAREST geometry decide the exact edges). `block = 1` is the identity.
public struct Pixelate: ImageModification {
    public var name: String { "pixelate" }
    public var block: Int
    public var scope: BlurScope
    public var padding: RegionPadding
    public var parameters: [String: ParameterValue] {
        ["block": .int(block), "scope": .string(scope.rawValue),
         "padding": .double(padding.relative), "paddingPixels": .double(padding.pixels)]
    }

    public init(block: Int, scope: BlurScope = .image, padding: RegionPadding = RegionPadding()) {
        self.block = block
        self.scope = scope
        self.padding = padding
    }

    /// Pixelates `image` with `block`-pixel tiles (Pillow BOX down, NEAREST up).
    public static func pixelate(_ image: Image, block: Int) throws(PerturbationError) -> Image {
        guard block > 1 else { return image }
        do {
            let small = try PillowResampler.resize(image, width: max(1, image.width / block),
                                                   height: max(1, image.height / block), filter: .box)
            return try NearestResampler.resize(small, width: image.width, height: image.height)
        } catch {
            throw PerturbationError.imaging("pixelate: \(error.description)")
        }
    }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        guard block >= 1 else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "block", message: "must be ≥ 1, got \(block)")
        }
        return try RegionRestrictedFilter.run(name: name, parameters: parameters, scope: scope, padding: padding,
                                              image: image, regions: regions, seed: seed) { try Self.pixelate($0, block: block) }
    }
}
