import Foundation
import Imaging

/// `colour-temperature`: white-balance shift towards the colour of a black body at `kelvin`
/// (1000…40000; 6500 = identity; lower = warmer/orange, higher = cooler/blue).
///
/// Black-body colour by Tanner Helland's fit (t = K/100):
///
///     R = t ≤ 66 ? 255 : 329.698727446·(t − 60)^−0.1332047592
///     G = t ≤ 66 ? 99.4708025861·ln t − 161.1195681661 : 288.1221695283·(t − 60)^−0.0755148492
///     B = t ≥ 66 ? 255 : t ≤ 19 ? 0 : 138.5177312231·ln(t − 10) − 305.0447927307
///
/// each clamped to 0…255. Channel gains `g_c = C(kelvin) / C(6500)`; `out = clamp(round_half_up(x·g_c))`.
public struct ColourTemperature: ImageModification {
    public var name: String { "colour-temperature" }
    public var kelvin: Double
    public var parameters: [String: ParameterValue] { ["kelvin": .double(kelvin)] }
    public init(kelvin: Double) { self.kelvin = kelvin }

    /// Tanner Helland's black-body RGB (0…255) for `kelvin`.
    public static func blackBody(_ kelvin: Double) -> (Double, Double, Double) {
        let t = kelvin / 100
        func c(_ v: Double) -> Double { min(max(v, 0), 255) }
        let r = t <= 66 ? 255 : c(329.698727446 * pow(t - 60, -0.1332047592))
        let g = t <= 66 ? c(99.4708025861 * log(t) - 161.1195681661) : c(288.1221695283 * pow(t - 60, -0.0755148492))
        let b = t >= 66 ? 255 : (t <= 19 ? 0 : c(138.5177312231 * log(t - 10) - 305.0447927307))
        return (r, g, b)
    }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        guard (1000...40000).contains(kelvin) else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "kelvin", message: "must be in 1000…40000, got \(kelvin)")
        }
        let target = Self.blackBody(kelvin), ref = Self.blackBody(6500)
        let gains = [target.0 / ref.0, target.1 / ref.1, target.2 / ref.2]
        var lut = [[UInt8]](repeating: [], count: 3)
        for c in 0..<3 { lut[c] = (0..<256).map { ImageBuffer.clamp8(Double($0) * gains[c]) } }
        let p = image.pixels
        var px = [UInt8](repeating: 0, count: p.count)
        for i in 0..<p.count { px[i] = lut[i % 3][Int(p[i])] }
        var params = parameters
        params["gains"] = .list(gains.map { .double($0) })
        return .make(name, parameters: params, seed: seed, input: image,
                     output: try ImageBuffer.make(image.width, image.height, .rgb, px))
    }
}
