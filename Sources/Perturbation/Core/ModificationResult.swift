import Imaging

/// A modified image and the record of what was applied.
public struct ModificationResult: Sendable {
    public var image: Image
    public var record: AppliedModification

    public init(image: Image, record: AppliedModification) {
        self.image = image
        self.record = record
    }

    /// A result for `input` after `output` was produced: counts changed pixels and fills the record.
    public static func make(_ name: String, parameters: [String: ParameterValue], seed: UInt64,
                            input: Image, output: Image, regions: [AppliedRegion] = []) -> ModificationResult {
        ModificationResult(image: output, record: AppliedModification(
            name: name, parameters: parameters, seed: seed, regions: regions,
            pixelsChanged: PixelDiff.changedPixels(input, output),
            outputWidth: output.width, outputHeight: output.height, status: .applied))
    }

    /// The input unchanged, with a `notApplicable` record saying why.
    public static func notApplicable(_ name: String, parameters: [String: ParameterValue], seed: UInt64,
                                     input: Image, reason: String) -> ModificationResult {
        ModificationResult(image: input, record: AppliedModification(
            name: name, parameters: parameters, seed: seed, regions: [], pixelsChanged: 0,
            outputWidth: input.width, outputHeight: input.height, status: .notApplicable(reason: reason)))
    }
}
