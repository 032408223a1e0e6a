import Imaging

/// `jpeg`: re-encode as baseline JPEG at `quality` (1…100, 4:2:0, libjpeg via ``ImageEncoder``),
/// then decode back to RGB. Deterministic for a given libjpeg build.
public struct JPEGCompression: ImageModification {
    public var name: String { "jpeg" }
    public var quality: Int
    public var parameters: [String: ParameterValue] { ["quality": .int(quality)] }
    public init(quality: Int = 75) { self.quality = quality }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        guard (1...100).contains(quality) else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "quality", message: "must be 1…100, got \(quality)")
        }
        let out: Image
        do {
            out = try ImageDecoder.decode(ImageEncoder.jpeg(image, quality: quality)).rgb()
        } catch {
            throw PerturbationError.imaging("jpeg: \(error.description)")
        }
        return .make(name, parameters: parameters, seed: seed, input: image, output: out)
    }
}
