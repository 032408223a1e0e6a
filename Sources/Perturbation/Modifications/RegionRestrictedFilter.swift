import Imaging

/// Applies a whole-image filter either everywhere or only inside region boxes (``BlurScope``).
enum RegionRestrictedFilter {
    static func run(name: String, parameters: [String: ParameterValue], scope: BlurScope, padding: RegionPadding,
                    image: Image, regions: [PerturbationRegion], seed: UInt64,
                    filter: (Image) throws -> Image) throws -> ModificationResult {
        switch scope {
        case .image:
            return .make(name, parameters: parameters, seed: seed, input: image, output: try filter(image))
        case .regions:
            let resolved = RegionGeometry.resolve(regions, padding: padding, shape: .box, width: image.width, height: image.height)
            guard !resolved.isEmpty else {
                return .notApplicable(name, parameters: parameters, seed: seed, input: image,
                                      reason: regions.isEmpty ? "scope is regions but no region was given"
                                                              : "no region overlaps the image")
            }
            let mask = RegionGeometry.mask(resolved, width: image.width, height: image.height)
            let out = try RegionGeometry.composite(image, try filter(image), mask: mask)
            return .make(name, parameters: parameters, seed: seed, input: image, output: out, regions: resolved.map(\.applied))
        }
    }
}
