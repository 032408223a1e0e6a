/// A typed table cell. Numbers keep full precision for CSV and JSON and are rounded only when a
/// human format (Markdown, LaTeX) prints them.
public enum TableCell: Sendable, Equatable {
    /// Free text (labels, test names, "t(19) = 2.31" style summaries).
    case text(String)
    /// An integer count.
    case integer(Int)
    /// A real number printed with `digits` significant digits (at least 1 decimal when |x| ≥ 1).
    case number(Double, digits: Int = 3)
    /// A p-value: `< .001`-style in human formats (APA), full precision in CSV/JSON.
    case pValue(Double)
    /// A confidence interval `[lower, upper]`.
    case interval(Double, Double, digits: Int = 3)
    /// Not computable; printed `n/a`, and `reason` is listed under the table.
    case missing(String)

    public var missingReason: String? {
        if case .missing(let reason) = self { return reason }
        return nil
    }

    /// A number when finite, otherwise ``missing(_:)`` with `reason` — so NaN/∞ never print as numbers.
    public static func number(_ value: Double?, digits: Int = 3, otherwise reason: String) -> TableCell {
        guard let value, value.isFinite else { return .missing(reason) }
        return .number(value, digits: digits)
    }

    /// A p-value cell or ``missing(_:)``.
    public static func pValue(_ value: Double?, otherwise reason: String) -> TableCell {
        guard let value, value.isFinite else { return .missing(reason) }
        return .pValue(value)
    }

    /// An interval cell or ``missing(_:)`` when a bound is absent or not finite.
    public static func interval(_ lower: Double?, _ upper: Double?, digits: Int = 3, otherwise reason: String) -> TableCell {
        guard let lower, let upper, lower.isFinite, upper.isFinite else { return .missing(reason) }
        return .interval(lower, upper, digits: digits)
    }
}
