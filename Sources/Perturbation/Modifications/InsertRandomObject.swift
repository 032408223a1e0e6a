import Imaging

/// `insert-object` with a **folder** of cut-outs: picks one per application, seeded
/// (`PerturbationRandom(seed ^ 0x0B1EC7)`, uniform over the files in name order), then inserts it as
/// ``InsertObject`` does with the same seed. The record's `object` parameter names the file chosen.
public struct InsertRandomObject: ImageModification {
    public var name: String { "insert-object" }
    /// Cut-outs and their file names, in name order.
    public var objects: [(name: String, image: Image)]
    /// The insertion used for the chosen object (its `object` is replaced).
    public var template: InsertObject
    public var folder: String

    public var parameters: [String: ParameterValue] {
        var p = template.parameters
        p["object"] = .string(folder)
        return p
    }

    public init(objects: [(name: String, image: Image)], folder: String, template: InsertObject) {
        self.objects = objects
        self.folder = folder
        self.template = template
    }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        guard !objects.isEmpty else {
            return .notApplicable(name, parameters: parameters, seed: seed, input: image, reason: "no cut-outs in \(folder)")
        }
        var rng = PerturbationRandom(seed: seed ^ 0x0B1EC7)
        let pick = objects[rng.nextInt(below: objects.count)]
        var insertion = template
        insertion.object = pick.image
        insertion.objectName = pick.name
        var result = try insertion.apply(to: image, regions: regions, seed: seed)
        result.record.parameters["folder"] = .string(folder)
        return result
    }
}
