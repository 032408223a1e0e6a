/// Maps numbers to colours for heatmaps.
///
/// * ``diverging(minimum:maximum:)`` — ColorBrewer RdBu (blue = low, near-white = midpoint,
///   red = high); use a range symmetric about 0 for signed values so white means 0.
/// * ``sequential(minimum:maximum:)`` — matplotlib viridis (dark purple = low, yellow = high) for
///   counts and other non-negative quantities.
///
/// Values outside the range take the end colours; nil and non-finite values have no colour
/// (charts draw them as the n/a pattern, see ``Palette/missing``).
public enum ColourScale: Sendable, Hashable {
    case diverging(minimum: Double, maximum: Double)
    case sequential(minimum: Double, maximum: Double)

    public var minimum: Double {
        switch self { case .diverging(let a, _), .sequential(let a, _): a }
    }
    public var maximum: Double {
        switch self { case .diverging(_, let b), .sequential(_, let b): b }
    }
    /// The colour table, low to high.
    public var stops: [Colour] {
        switch self {
        case .diverging: Palette.rdBu
        case .sequential: Palette.viridis
        }
    }

    /// The colour of `value`, nil when it is nil or not finite.
    public func colour(_ value: Double?) -> Colour? {
        guard let v = value, v.isFinite else { return nil }
        let lo = minimum, hi = maximum
        let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
        return Palette.interpolate(stops, t)
    }

    /// A scale for `values`: diverging and symmetric about 0 when any finite value is negative
    /// (limits ±max |v|), otherwise sequential from 0 (or the minimum, when below 0 is impossible)
    /// to the maximum. All-missing data gives sequential 0…1.
    public static func automatic(for values: [[Double?]]) -> ColourScale {
        let finite = values.flatMap { $0 }.compactMap { $0 }.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return .sequential(minimum: 0, maximum: 1) }
        if lo < 0 {
            let m = max(abs(lo), abs(hi))
            return .diverging(minimum: -m, maximum: m)
        }
        return .sequential(minimum: 0, maximum: hi > 0 ? hi : 1)
    }
}
