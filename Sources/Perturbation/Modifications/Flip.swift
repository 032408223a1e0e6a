import Imaging

/// `flip`: mirror `horizontal` (left↔right, Pillow `FLIP_LEFT_RIGHT`) or `vertical` (top↔bottom). Exact.
public struct Flip: ImageModification {
    public enum Direction: String, Sendable, Hashable, Codable, CaseIterable { case horizontal, vertical }
    public var name: String { "flip" }
    public var direction: Direction
    public var parameters: [String: ParameterValue] { ["direction": .string(direction.rawValue)] }
    public init(direction: Direction = .horizontal) { self.direction = direction }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        let out = image.transposed(direction == .horizontal ? .flipLeftRight : .flipTopBottom)
        return .make(name, parameters: parameters, seed: seed, input: image, output: out)
    }
}
