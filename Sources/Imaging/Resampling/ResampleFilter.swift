import Foundation

/// Pillow's convolution resampling filters (`Image.Resampling.*`), with Pillow's exact kernels.
///
/// Each kernel `w(x)` is evaluated in Double at tap offsets scaled by the downscale factor
/// (antialiasing); see ``ResampleCoefficients``.
public enum ResampleFilter: String, Sendable, Hashable, CaseIterable, Codable {
    /// Box: 1 on (−0.5, 0.5], support 0.5.
    case box
    /// Triangle (bilinear with antialiasing), support 1.
    case bilinear
    /// Hamming-windowed sinc, support 1.
    case hamming
    /// Keys cubic with a = −0.5, support 2 — Pillow's `BICUBIC`, the one EmoNet's preprocessing uses.
    case bicubic
    /// Lanczos-3 (sinc · sinc(x/3)), support 3.
    case lanczos

    /// Half-width of the kernel at scale 1, in input pixels.
    public var support: Double {
        switch self {
        case .box: 0.5
        case .bilinear, .hamming: 1.0
        case .bicubic: 2.0
        case .lanczos: 3.0
        }
    }

    /// The kernel value at `x` (Pillow's `*_filter` functions, bit for bit).
    @inline(__always)
    public func weight(_ x: Double) -> Double {
        switch self {
        case .box:
            return (x > -0.5 && x <= 0.5) ? 1.0 : 0.0
        case .bilinear:
            let ax = abs(x)
            return ax < 1.0 ? 1.0 - ax : 0.0
        case .hamming:
            let ax = abs(x)
            if ax == 0.0 { return 1.0 }
            if ax >= 1.0 { return 0.0 }
            let px = ax * Double.pi
            // Pillow writes 0.54f and 0.46f: single-precision constants promoted to double.
            return sin(px) / px * (Double(Float(0.54)) + Double(Float(0.46)) * cos(px))
        case .bicubic:
            let a = -0.5
            let ax = abs(x)
            if ax < 1.0 { return ((a + 2.0) * ax - (a + 3.0)) * ax * ax + 1 }
            if ax < 2.0 { return (((ax - 5) * ax + 8) * ax - 4) * a }
            return 0.0
        case .lanczos:
            guard -3.0 <= x && x < 3.0 else { return 0.0 }
            return Self.sinc(x) * Self.sinc(x / 3)
        }
    }

    private static func sinc(_ x: Double) -> Double {
        if x == 0.0 { return 1.0 }
        let px = x * Double.pi
        return sin(px) / px
    }
}
