import Imaging

/// `salt-and-pepper`: each pixel independently, with probability `amount` (0…1), becomes white
/// (255, 255, 255) or black (0, 0, 0) with equal odds. Draws per pixel in raster order:
/// `u = nextUnit()`; if `u < amount`, a second draw `nextUnit() < 0.5` picks pepper (black).
/// The record gives the resolved `saltPixels` and `pepperPixels`.
public struct SaltAndPepper: ImageModification {
    public var name: String { "salt-and-pepper" }
    public var amount: Double
    public var parameters: [String: ParameterValue] { ["amount": .double(amount)] }
    public init(amount: Double) { self.amount = amount }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        guard (0...1).contains(amount) else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "amount", message: "must be in 0…1, got \(amount)")
        }
        var rng = PerturbationRandom(seed: seed)
        var px = image.pixels
        var salt = 0, pepper = 0
        for i in 0..<image.pixelCount where rng.nextUnit() < amount {
            let v: UInt8
            if rng.nextUnit() < 0.5 { v = 0; pepper += 1 } else { v = 255; salt += 1 }
            px[3 * i] = v; px[3 * i + 1] = v; px[3 * i + 2] = v
        }
        var params = parameters
        params["saltPixels"] = .int(salt)
        params["pepperPixels"] = .int(pepper)
        return .make(name, parameters: params, seed: seed, input: image,
                     output: try ImageBuffer.make(image.width, image.height, .rgb, px))
    }
}
