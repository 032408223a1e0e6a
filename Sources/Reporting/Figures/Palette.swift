/// Colour tables for figures, all safe for the common forms of colour-vision deficiency.
///
/// Sources (tables copied verbatim, not re-derived):
/// * ``okabeIto`` — Okabe & Ito (2008), "Color Universal Design (CUD): How to make figures and
///   presentations that are friendly to colorblind people", https://jfly.uni-koeln.de/color/ .
/// * ``rdBu`` — ColorBrewer 2.0 "RdBu" 11-class diverging scheme (Cynthia Brewer, Mark Harrower,
///   Pennsylvania State University; Apache-2.0), https://colorbrewer2.org/ ; listed blue → red so
///   that negative values are blue and positive values red.
/// * ``viridis`` — matplotlib's "viridis" (Stéfan van der Walt, Nathaniel Smith, Eric Firing; CC0),
///   17 entries sampled evenly from matplotlib's 256-entry `_viridis_data` (index round(k·255/16), k = 0…16).
public enum Palette {
    /// Okabe–Ito categorical colours, in their usual order with black moved last
    /// (orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, black).
    public static let okabeIto: [Colour] = [
        Colour(hex: 0xE69F00), Colour(hex: 0x56B4E9), Colour(hex: 0x009E73), Colour(hex: 0xF0E442),
        Colour(hex: 0x0072B2), Colour(hex: 0xD55E00), Colour(hex: 0xCC79A7), Colour(hex: 0x000000),
    ]

    /// Categorical colour `index` (cycled). Yellow (index 3) is skipped for lines and markers on white,
    /// where it is too light; pass `forLines: false` to use all eight.
    public static func category(_ index: Int, forLines: Bool = true) -> Colour {
        let order = forLines ? [4, 0, 2, 5, 6, 1, 7] : [0, 1, 2, 3, 4, 5, 6, 7]
        return okabeIto[order[((index % order.count) + order.count) % order.count]]
    }

    /// ColorBrewer RdBu (11 classes), from dark blue (low) through near-white to dark red (high).
    public static let rdBu: [Colour] = [
        Colour(hex: 0x053061), Colour(hex: 0x2166AC), Colour(hex: 0x4393C3), Colour(hex: 0x92C5DE),
        Colour(hex: 0xD1E5F0), Colour(hex: 0xF7F7F7), Colour(hex: 0xFDDBC7), Colour(hex: 0xF4A582),
        Colour(hex: 0xD6604D), Colour(hex: 0xB2182B), Colour(hex: 0x67001F),
    ]

    /// matplotlib viridis, 17 evenly spaced entries from dark purple (low) to yellow (high).
    public static let viridis: [Colour] = [
        Colour(hex: 0x440154), Colour(hex: 0x48186A), Colour(hex: 0x472D7B), Colour(hex: 0x424086),
        Colour(hex: 0x3B528B), Colour(hex: 0x33638D), Colour(hex: 0x2C728E), Colour(hex: 0x26828E),
        Colour(hex: 0x21918C), Colour(hex: 0x1F9F88), Colour(hex: 0x27AD81), Colour(hex: 0x3DBC74),
        Colour(hex: 0x5CC863), Colour(hex: 0x81D34D), Colour(hex: 0xAADC32), Colour(hex: 0xD5E21A),
        Colour(hex: 0xFDE725),
    ]

    /// Piecewise-linear lookup in a table of evenly spaced stops, `t` in 0…1 (clamped).
    public static func interpolate(_ table: [Colour], _ t: Double) -> Colour {
        precondition(!table.isEmpty)
        let t = min(1, max(0, t.isFinite ? t : 0))
        let pos = t * Double(table.count - 1)
        let i = min(table.count - 2, Int(pos.rounded(.down)))
        if table.count == 1 { return table[0] }
        return Colour.mix(table[i], table[i + 1], pos - Double(i))
    }

    /// Fill for cells and rows without a value (n/a): light grey, distinct from every map colour.
    public static let missing = Colour(hex: 0xD4D4D4)
    /// Hatch lines drawn over ``missing``.
    public static let missingHatch = Colour(hex: 0x9A9A9A)
    /// Figure text.
    public static let text = Colour(hex: 0x1A1A1A)
    /// Secondary text (n/a labels, notes).
    public static let mutedText = Colour(hex: 0x767676)
    /// Axis lines and ticks.
    public static let axis = Colour(hex: 0x4D4D4D)
    /// Grid lines.
    public static let grid = Colour(hex: 0xE6E6E6)
}
