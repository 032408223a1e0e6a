import Imaging

/// `mask-objects`: ``Occlude`` restricted to regions whose label is one of `labels`
/// (case-insensitive, exact match after lower-casing). No matching region → `notApplicable`
/// with the labels that were present.
public struct MaskObjects: ImageModification {
    public var name: String { "mask-objects" }
    public var labels: [String]
    public var occlude: Occlude
    public var parameters: [String: ParameterValue] {
        var p = occlude.parameters
        p["labels"] = .list(labels.map { .string($0) })
        return p
    }

    public init(labels: [String], occlude: Occlude = Occlude()) {
        self.labels = labels
        self.occlude = occlude
    }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        let wanted = Set(labels.map { $0.lowercased() })
        let matching = regions.filter { wanted.contains($0.label.lowercased()) }
        guard !matching.isEmpty else {
            let present = Set(regions.map(\.label)).sorted()
            return .notApplicable(name, parameters: parameters, seed: seed, input: image,
                                  reason: "no region labelled \(labels.joined(separator: " or ")) (present: \(present.isEmpty ? "none" : present.joined(separator: ", ")))")
        }
        return try occlude.apply(to: image, regions: matching, seed: seed, recordName: name,
                                 extraParameters: ["labels": .list(labels.map { .string($0) })])
    }
}
