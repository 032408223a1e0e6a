import Foundation
import Imaging

/// DejaVu Sans as embedded in EmoShift: text measurement and glyph bitmaps for figures.
///
/// Both backends measure text with the font's own advance widths (font units × size / unitsPerEm,
/// no kerning), so a layout computed for the PNG is the layout of the SVG. The PNG backend draws
/// glyphs from a coverage atlas rasterised at the pixel sizes in ``availableSizes``; the SVG names
/// the font family "DejaVu Sans, Helvetica, Arial, sans-serif" and lets the viewer draw it.
///
/// Characters outside the embedded set (printable ASCII plus − ± Δ ρ α β γ δ ε η κ λ μ σ τ χ ω Σ
/// ≤ ≥ ≠ ≈ × · → ← ↑ ↓ ∞ ² ³ ° … – — ‘ ’ “ ” √ é è ü ö ä µ •) are measured and drawn as "?" in the
/// PNG; the SVG keeps the original character.
public enum FigureFont {
    /// The CSS font-family list written into SVG text.
    public static let svgFontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// Pixel sizes (em size in pixels) available for text.
    public static var availableSizes: [Int] { DejaVuSansAtlas.sizes }

    /// `size` rounded to the nearest available size (ties go to the smaller one).
    public static func snappedSize(_ size: Int) -> Int {
        var best = DejaVuSansAtlas.sizes[0]
        for s in DejaVuSansAtlas.sizes where abs(s - size) < abs(best - size) { best = s }
        return best
    }

    /// Whether the PNG backend can draw `scalar` (otherwise it draws "?").
    public static func hasGlyph(_ scalar: Unicode.Scalar) -> Bool { FontData.shared.index[scalar] != nil }

    /// Width in pixels of `string` set at `size` (snapped), from the font's advance widths.
    public static func width(of string: String, size: Int) -> Double {
        let data = FontData.shared
        let scale = Double(snappedSize(size)) / Double(DejaVuSansAtlas.unitsPerEm)
        var units = 0
        for s in string.unicodeScalars { units += data.advances[data.glyphIndex(s)] }
        return Double(units) * scale
    }

    /// Distance in pixels from the baseline up to the top of capitals (cap height, 0.729 em).
    public static func capHeight(size: Int) -> Double { 0.729 * Double(snappedSize(size)) }
    /// Distance in pixels from the baseline up to the top of the tallest glyphs (0.76 em).
    public static func ascent(size: Int) -> Double { 0.76 * Double(snappedSize(size)) }
    /// Distance in pixels from the baseline down to the bottom of descenders (0.236 em).
    public static func descent(size: Int) -> Double { 0.236 * Double(snappedSize(size)) }

    /// Offset in pixels from the anchor to the alphabetic baseline, along the direction that is
    /// "down" for the text (positive = below the anchor for horizontal text).
    public static func baselineOffset(_ baseline: TextBaseline, size: Int) -> Double {
        switch baseline {
        case .alphabetic: 0
        case .middle: capHeight(size: size) / 2
        case .top: ascent(size: size)
        case .bottom: -descent(size: size)
        }
    }

    /// `string` shortened with a trailing "…" so that it is at most `maxWidth` pixels wide at `size`
    /// (unchanged when it already fits; just "…" when nothing else fits).
    public static func truncated(_ string: String, size: Int, maxWidth: Double) -> String {
        if width(of: string, size: size) <= maxWidth { return string }
        var chars = Array(string)
        while !chars.isEmpty {
            chars.removeLast()
            while let last = chars.last, last == " " { chars.removeLast() }
            let candidate = String(chars) + "…"
            if width(of: candidate, size: size) <= maxWidth { return candidate }
        }
        return "…"
    }
}

/// One glyph bitmap in the atlas: rectangle and offset from the pen on the baseline (pixels, y down).
struct GlyphBox: Sendable {
    var x: Int, y: Int, width: Int, height: Int, dx: Int, dy: Int
}

/// The decoded atlas (decoded once, on first use).
final class FontData: Sendable {
    static let shared = FontData()

    let scalars: [Unicode.Scalar]
    let index: [Unicode.Scalar: Int]
    let advances: [Int]
    /// boxes[size] [glyph index]
    let boxes: [Int: [GlyphBox]]
    let atlas: Image
    let questionMark: Int

    private init() {
        let scalars = DejaVuSansAtlas.scalars.split(separator: " ").map { Unicode.Scalar(UInt32($0)!)! }
        self.scalars = scalars
        var index: [Unicode.Scalar: Int] = [:]
        for (i, s) in scalars.enumerated() { index[s] = i }
        self.index = index
        advances = DejaVuSansAtlas.advances.split(separator: " ").map { Int($0)! }
        var boxes: [Int: [GlyphBox]] = [:]
        for size in DejaVuSansAtlas.sizes {
            boxes[size] = Array(repeating: GlyphBox(x: 0, y: 0, width: 0, height: 0, dx: 0, dy: 0), count: scalars.count)
        }
        for line in DejaVuSansAtlas.glyphTable.split(separator: "\n") {
            let f = line.split(separator: " ").map { Int($0)! }
            boxes[f[0]]![f[1]] = GlyphBox(x: f[2], y: f[3], width: f[4], height: f[5], dx: f[6], dy: f[7])
        }
        self.boxes = boxes
        let b64 = DejaVuSansAtlas.atlasPNGBase64.filter { !$0.isWhitespace }
        let bytes = [UInt8](Data(base64Encoded: b64)!)
        // An 8-bit greyscale PNG: the decoder's samples are the coverage bytes themselves.
        let raster = try! ImageDecoder.decode(bytes).raster
        precondition(raster.channels == 1 && raster.bytesPerSample == 1, "font atlas must be 8-bit grey")
        atlas = try! Image(width: raster.width, height: raster.height, format: .grey, pixels: raster.samples)
        questionMark = index["?"]!
    }

    func glyphIndex(_ s: Unicode.Scalar) -> Int { index[s] ?? questionMark }
}
