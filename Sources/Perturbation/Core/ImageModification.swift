import Imaging

/// An image modification: a value type holding its parameters, applied with a seed and regions.
///
/// Contract:
/// * `apply` is a pure function of (`self`, image, regions, seed): same inputs → byte-identical output.
/// * The record lists resolved parameters (including resolved random choices) and the boxes touched.
/// * A region-based modification given no usable region returns the image unchanged with
///   ``ModificationStatus/notApplicable(reason:)`` — never silently unmodified.
/// * Global modifications ignore `regions` unless documented otherwise (blur/pixelate `scope: regions`).
/// * Input images are ``PixelFormat/rgb`` (other formats are refused with ``PerturbationError``).
public protocol ImageModification: Sendable {
    /// The transform name as the spec layer spells it.
    var name: String { get }
    /// The parameters as given (after defaults), for the record.
    var parameters: [String: ParameterValue] { get }
    func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult
}

extension ImageModification {
    /// Convenience for global modifications.
    public func apply(to image: Image, seed: UInt64 = 0) throws -> ModificationResult {
        try apply(to: image, regions: [], seed: seed)
    }

    /// Refuses non-RGB input with a clear error.
    func requireRGB(_ image: Image) throws(PerturbationError) {
        guard image.format == .rgb else {
            throw PerturbationError.unsupportedImage("\(name) needs an RGB image, got \(image.format.rawValue)")
        }
    }

    /// Refuses a negative or non-finite blend factor (brightness, contrast, saturation).
    func requireFactor(_ factor: Double) throws(PerturbationError) {
        guard factor >= 0, factor.isFinite else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "factor", message: "must be ≥ 0, got \(factor)")
        }
    }
}
