import Foundation
import Imaging

/// `motion-blur`: convolution with a normalised line kernel (EmoShift's own definition; no reference).
///
/// Kernel: `length` samples at `t = −(length−1)/2 … (length−1)/2` (step 1) along the direction
/// `(cos θ, −sin θ)` (θ = `angle` in degrees, counter-clockwise, 0 = horizontal, y down); each sample
/// is splatted bilinearly onto an integer grid of offsets, and the grid is divided by its sum
/// (so weights sum to 1). Output: `out = round_half_up(Σ w·in[x+dx, y+dy])` with edge pixels repeated
/// (clamp-to-edge), clamped to 0…255. `length ≤ 1` is the identity.
public struct MotionBlur: ImageModification {
    public var name: String { "motion-blur" }
    public var length: Int
    public var angle: Double
    public var parameters: [String: ParameterValue] { ["length": .int(length), "angle": .double(angle)] }

    public init(length: Int, angle: Double = 0) {
        self.length = length
        self.angle = angle
    }

    /// The sparse kernel: (dx, dy, weight) with weights summing to 1.
    public static func kernel(length: Int, angle: Double) -> [(dx: Int, dy: Int, weight: Double)] {
        guard length > 1 else { return [(0, 0, 1)] }
        let theta = angle * Double.pi / 180
        let ux = cos(theta), uy = -sin(theta)
        var weights: [Int: [Int: Double]] = [:]
        for i in 0..<length {
            let t = Double(i) - Double(length - 1) / 2
            let fx = t * ux, fy = t * uy
            let x0 = Int(fx.rounded(.down)), y0 = Int(fy.rounded(.down))
            let ax = fx - Double(x0), ay = fy - Double(y0)
            for (dx, wx) in [(x0, 1 - ax), (x0 + 1, ax)] where wx > 1e-12 {
                for (dy, wy) in [(y0, 1 - ay), (y0 + 1, ay)] where wy > 1e-12 {
                    weights[dy, default: [:]][dx, default: 0] += wx * wy
                }
            }
        }
        var out: [(dx: Int, dy: Int, weight: Double)] = []
        for dy in weights.keys.sorted() {
            for dx in weights[dy]!.keys.sorted() { out.append((dx, dy, weights[dy]![dx]!)) }
        }
        let total = out.reduce(0) { $0 + $1.weight }
        return out.map { ($0.dx, $0.dy, $0.weight / total) }
    }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        guard length >= 1 else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "length", message: "must be ≥ 1, got \(length)")
        }
        guard angle.isFinite else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "angle", message: "must be finite")
        }
        let k = Self.kernel(length: length, angle: angle)
        if k.count == 1 { return .make(name, parameters: parameters, seed: seed, input: image, output: image) }
        let w = image.width, h = image.height
        var out = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { src in
            for y in 0..<h {
                for x in 0..<w {
                    var acc = (0.0, 0.0, 0.0)
                    for t in k {
                        let sx = min(max(x + t.dx, 0), w - 1), sy = min(max(y + t.dy, 0), h - 1)
                        let s = (sy * w + sx) * 3
                        acc.0 += t.weight * Double(src[s])
                        acc.1 += t.weight * Double(src[s + 1])
                        acc.2 += t.weight * Double(src[s + 2])
                    }
                    let d = (y * w + x) * 3
                    out[d] = ImageBuffer.clamp8(acc.0)
                    out[d + 1] = ImageBuffer.clamp8(acc.1)
                    out[d + 2] = ImageBuffer.clamp8(acc.2)
                }
            }
        }
        return .make(name, parameters: parameters, seed: seed, input: image, output: try ImageBuffer.make(w, h, .rgb, out))
    }
}
