import Crypto
import Foundation

/// A complete, checked set of EmoNet parameters plus the mean image and where they came from.
public struct EmoNetWeights: Sendable {
    public let parameters: ParameterStore
    /// 3×227×227 channel-major (R, G, B planes), 0–255 scale, subtracted from every input.
    public let meanImage: [Float]
    public let provenance: WeightProvenance

    public init(parameters: ParameterStore, meanImage: [Float], provenance: WeightProvenance) throws(WeightError) {
        try Self.check(shapes: parameters.entries.mapValues(\.shape), meanCount: meanImage.count, source: provenance.path)
        self.parameters = parameters
        self.meanImage = meanImage
        self.provenance = provenance
    }

    /// Checks and packs loader output. Every tensor must be present with EmoNet's exact shape.
    public init(tensors: [String: WeightTensor], meanImage: [Float], provenance: WeightProvenance) throws(WeightError) {
        try Self.check(shapes: tensors.mapValues(\.shape), meanCount: meanImage.count, source: provenance.path)
        for (name, t) in tensors where t.values.count != t.elementCount {
            throw WeightError(.wrongShape, "has \(t.values.count) values for shape \(t.shape)", path: provenance.path, tensor: name)
        }
        let ordered = EmoNetParameterLayout.names.map { (name: $0, tensor: tensors[$0]!) }
        self.parameters = ParameterStore(tensors: ordered)
        self.meanImage = meanImage
        self.provenance = provenance
    }

    static func check(shapes: [String: [Int]], meanCount: Int, source: String) throws(WeightError) {
        let missing = EmoNetParameterLayout.names.filter { shapes[$0] == nil }
        if !missing.isEmpty {
            throw WeightError(.missingTensor, "missing \(missing.joined(separator: ", ")) (EmoNet needs \(EmoNetParameterLayout.names.joined(separator: ", ")))", path: source)
        }
        let unexpected = shapes.keys.filter { EmoNetParameterLayout.shape(of: $0) == nil }.sorted()
        if !unexpected.isEmpty {
            throw WeightError(.unexpectedTensor, "unexpected tensor(s) \(unexpected.joined(separator: ", ")): not an EmoNet state_dict", path: source)
        }
        for (name, expected) in EmoNetParameterLayout.tensors where shapes[name]! != expected {
            throw WeightError(.wrongShape, "shape \(shapes[name]!) but EmoNet needs \(expected)", path: source, tensor: name)
        }
        if meanCount != 3 * 227 * 227 {
            throw WeightError(.wrongShape, "mean image has \(meanCount) values, expected 3×227×227 = \(3 * 227 * 227)", path: source, tensor: "img_mean")
        }
    }

    /// The deterministic demo model (docs/demo-model.md). Its hash is the SHA-256 of the packed
    /// parameters and mean image (`contentSHA256`).
    public static func demo() -> EmoNetWeights {
        let tensors = DemoModel.tensors()
        let mean = DemoModel.meanImage()
        let placeholder = WeightProvenance(kind: .demo, path: "demo", sha256: "")
        let weights = try! EmoNetWeights(tensors: tensors, meanImage: mean, provenance: placeholder)
        let hash = weights.contentSHA256()
        return try! EmoNetWeights(parameters: weights.parameters, meanImage: mean,
                                  provenance: WeightProvenance(kind: .demo, path: "demo", sha256: hash))
    }

    /// SHA-256 over every parameter (state_dict order, float32 little-endian) then the mean image.
    public func contentSHA256() -> String {
        var hasher = SHA256()
        for name in EmoNetParameterLayout.names {
            let e = parameters.entries[name]!
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: parameters.pointer(name), count: e.count * 4))
        }
        meanImage.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    public var isDemo: Bool { provenance.isDemo }
}
