import Imaging

/// `channel-swap`: permutes the channels; `order` is a permutation of "rgb" naming which input
/// channel feeds each output channel (e.g. "bgr": out.R = in.B, out.G = in.G, out.B = in.R).
/// "rgb" is the identity.
public struct ChannelSwap: ImageModification {
    public var name: String { "channel-swap" }
    public var order: String
    public var parameters: [String: ParameterValue] { ["order": .string(order)] }
    public init(order: String = "bgr") { self.order = order.lowercased() }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        let map = order.compactMap { ["r": 0, "g": 1, "b": 2][$0] }
        guard map.count == 3, order.count == 3, Set(map).count == 3 else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "order",
                                                     message: "must be a permutation of \"rgb\" (e.g. \"bgr\"), got \"\(order)\"")
        }
        let p = image.pixels
        var px = [UInt8](repeating: 0, count: p.count)
        for i in 0..<image.pixelCount {
            for c in 0..<3 { px[3 * i + c] = p[3 * i + map[c]] }
        }
        return .make(name, parameters: parameters, seed: seed, input: image,
                     output: try ImageBuffer.make(image.width, image.height, .rgb, px))
    }
}
