import Imaging

/// `re-encode`: PNG encode + decode round trip (a control; lossless, so the pixels are unchanged —
/// the record's `pixelsChanged` proves it).
public struct ReEncode: ImageModification {
    public var name: String { "re-encode" }
    public var parameters: [String: ParameterValue] { [:] }
    public init() {}

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        let out: Image
        do {
            out = try ImageDecoder.decode(ImageEncoder.png(image, compression: 1)).rgb()
        } catch {
            throw PerturbationError.imaging("re-encode: \(error.description)")
        }
        return .make(name, parameters: parameters, seed: seed, input: image, output: out)
    }
}
