import Imaging

/// `hue`: torchvision `F.adjust_hue(img_uint8, shift)`, `shift` ∈ [−0.5, 0.5] (fraction of the hue circle).
///
/// Reproduced step by step in Float32 (torchvision `_rgb2hsv` / `_hsv2rgb`):
///
///     x = Float(u8) / 255;  v = max;  c = max − min;  s = c / (c == 0 ? 1 : v)
///     rc, gc, bc = (v − r, v − g, v − b) / (c == 0 ? 1 : c)
///     h = v == r ? bc − gc : v == g ? (2 + rc) − bc : (4 + gc) − rc
///     h = fmod(h / 6 + 1, 1);   h = (h + shift) mod 1   (torch.remainder)
///     i = ⌊6h⌋, f = 6h − i;  p = v(1 − s), q = v(1 − s·f), t = v(1 − s(1 − f))  (each clamped to 0…1)
///     out = UInt8(trunc(channel · 255.999))          (torchvision convert_image_dtype, eps = 1e-3)
///
/// Note the output of a zero shift is *not* always the input (the 255.999 scaling truncates some
/// values down by 1), exactly as in torchvision; `shift = 0` is therefore treated as a true identity
/// here only when `exactZero` is set (default true). Goldens: max abs diff ≤ 1 vs torchvision.
public struct HueShift: ImageModification {
    public var name: String { "hue" }
    public var shift: Double
    /// Return the input untouched for `shift == 0` (torchvision would still round-trip through HSV).
    public var exactZero: Bool
    public var parameters: [String: ParameterValue] { ["shift": .double(shift)] }

    public init(shift: Double, exactZero: Bool = true) {
        self.shift = shift
        self.exactZero = exactZero
    }

    /// One pixel through torchvision's uint8 → float → HSV → shift → RGB → uint8 path.
    @inline(__always)
    static func shiftPixel(_ r8: UInt8, _ g8: UInt8, _ b8: UInt8, hue: Float) -> (UInt8, UInt8, UInt8) {
        let r = Float(r8) / 255, g = Float(g8) / 255, b = Float(b8) / 255
        let maxc = max(r, max(g, b)), minc = min(r, min(g, b))
        let eqc = maxc == minc
        let cr = maxc - minc
        let s = cr / (eqc ? 1 : maxc)
        let crd: Float = eqc ? 1 : cr
        let rc = (maxc - r) / crd, gc = (maxc - g) / crd, bc = (maxc - b) / crd
        var h: Float
        if maxc == r { h = bc - gc }
        else if maxc == g { h = (2 + rc) - bc }
        else { h = (4 + gc) - rc }
        h = (h / 6 + 1).truncatingRemainder(dividingBy: 1)
        var hs = (h + hue).truncatingRemainder(dividingBy: 1)
        if hs != 0 && hs < 0 { hs += 1 }
        let h6 = hs * 6
        let iF = h6.rounded(.down)
        let f = h6 - iF
        var i = Int(iF) % 6
        if i < 0 { i += 6 }
        let v = maxc
        let p = min(max(v * (1 - s), 0), 1)
        let q = min(max(v * (1 - s * f), 0), 1)
        let t = min(max(v * (1 - s * (1 - f)), 0), 1)
        let rgb: (Float, Float, Float)
        switch i {
        case 0: rgb = (v, t, p)
        case 1: rgb = (q, v, p)
        case 2: rgb = (p, v, t)
        case 3: rgb = (p, q, v)
        case 4: rgb = (t, p, v)
        default: rgb = (v, p, q)
        }
        let k = Float(255.0 + 1.0 - 1e-3)
        return (UInt8(rgb.0 * k), UInt8(rgb.1 * k), UInt8(rgb.2 * k))
    }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        guard (-0.5...0.5).contains(shift) else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "shift", message: "must be in −0.5…0.5, got \(shift)")
        }
        if shift == 0 && exactZero { return .make(name, parameters: parameters, seed: seed, input: image, output: image) }
        let p = image.pixels, hue = Float(shift)
        var px = [UInt8](repeating: 0, count: p.count)
        for i in 0..<image.pixelCount {
            let o = Self.shiftPixel(p[3 * i], p[3 * i + 1], p[3 * i + 2], hue: hue)
            px[3 * i] = o.0; px[3 * i + 1] = o.1; px[3 * i + 2] = o.2
        }
        return .make(name, parameters: parameters, seed: seed, input: image,
                     output: try ImageBuffer.make(image.width, image.height, .rgb, px))
    }
}
