import Foundation

/// Number formats for human-readable tables (Markdown, LaTeX, the HTML report).
///
/// - Numbers: `digits` significant digits, but never fewer than needed to show the integer part
///   and never scientific notation for 1e-4 ≤ |x| < 1e6; outside that range `1.23e-05`.
///   Negative numbers use U+2212 MINUS SIGN in Markdown/HTML (typographic) and `-` in LaTeX/CSV.
/// - p-values (APA 7): three decimals without the leading zero (`.012`), `< .001` below 0.001,
///   `1.000` is printed as `1`; CSV/JSON keep the full double.
public enum NumberFormatting {
    /// Rounds to `digits` significant digits and prints without trailing zeros beyond them.
    public static func significant(_ x: Double, digits: Int = 3, typographicMinus: Bool = false) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "−∞") }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        var text: String
        if magnitude < 1e-4 || magnitude >= 1e6 {
            text = String(format: "%.\(max(0, digits - 1))e", x)
        } else {
            let exponent = Int(floor(log10(magnitude)))
            var decimals = max(0, digits - 1 - exponent)
            // Rounding can carry into a new digit (0.9996 → 1.000); recompute once.
            let rounded = (x * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals))
            if rounded != 0, Int(floor(log10(abs(rounded)))) > exponent { decimals = max(0, decimals - 1) }
            text = String(format: "%.\(decimals)f", x)
        }
        if typographicMinus, text.hasPrefix("-") { text = "−" + text.dropFirst() }
        return text
    }

    /// APA-style p-value text: `.012`, `< .001`, `1`.
    public static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "n/a" }
        if p < 0.001 { return "< .001" }
        if p >= 0.9995 { return "1" }
        var text = String(format: "%.3f", p)
        if text.hasPrefix("0") { text.removeFirst() }
        return text
    }

    /// Significance marks from an (adjusted) p-value: `***` < .001, `**` < .01, `*` < `alpha`.
    public static func marks(_ p: Double?, alpha: Double = 0.05) -> String {
        guard let p, p.isFinite else { return "" }
        if p < 0.001 && alpha >= 0.001 { return "***" }
        if p < 0.01 && alpha >= 0.01 { return "**" }
        if p < alpha { return "*" }
        return ""
    }

    /// Shortest text that reads back as the same Double (CSV/JSON).
    public static func exact(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
