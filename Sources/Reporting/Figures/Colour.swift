import Foundation

/// An sRGB colour with straight (non-premultiplied) opacity, as used by every figure backend.
///
/// Channels are 8-bit sRGB values 0…255; `opacity` is 0…1. Blending in the PNG backend happens on
/// the stored sRGB values (as SVG renderers and browsers do by default).
public struct Colour: Sendable, Hashable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8
    /// 0 (invisible) … 1 (opaque).
    public var opacity: Double

    public init(red: UInt8, green: UInt8, blue: UInt8, opacity: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.opacity = min(1, max(0, opacity.isFinite ? opacity : 1))
    }

    /// A colour from `0xRRGGBB`.
    public init(hex: UInt32, opacity: Double = 1) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF),
                  opacity: opacity)
    }

    /// The same colour with another opacity.
    public func withOpacity(_ opacity: Double) -> Colour {
        Colour(red: red, green: green, blue: blue, opacity: opacity)
    }

    /// `#rrggbb` (opacity is written separately by the SVG backend).
    public var hexString: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for v in [red, green, blue] {
            s.append(digits[Int(v >> 4)])
            s.append(digits[Int(v & 0xF)])
        }
        return s
    }

    public var description: String { opacity < 1 ? "\(hexString)@\(opacity)" : hexString }

    /// Linear interpolation in sRGB between `a` (t = 0) and `b` (t = 1); opacity interpolated too.
    public static func mix(_ a: Colour, _ b: Colour, _ t: Double) -> Colour {
        let t = min(1, max(0, t.isFinite ? t : 0))
        func lerp(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8((Double(x) + (Double(y) - Double(x)) * t).rounded())
        }
        return Colour(red: lerp(a.red, b.red), green: lerp(a.green, b.green), blue: lerp(a.blue, b.blue),
                      opacity: a.opacity + (b.opacity - a.opacity) * t)
    }

    /// WCAG 2 relative luminance (0 black … 1 white) of the opaque colour.
    public var relativeLuminance: Double {
        func lin(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * lin(red) + 0.7152 * lin(green) + 0.0722 * lin(blue)
    }

    /// Black or white, whichever has the higher WCAG contrast ratio on this colour (for cell labels).
    public var contrastingText: Colour {
        let l = relativeLuminance
        let onBlack = (l + 0.05) / 0.05
        let onWhite = 1.05 / (l + 0.05)
        return onBlack >= onWhite ? .black : .white
    }

    public static let black = Colour(hex: 0x000000)
    public static let white = Colour(hex: 0xFFFFFF)
}
