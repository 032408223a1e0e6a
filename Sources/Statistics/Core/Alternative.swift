/// The alternative hypothesis of a test (scipy's `alternative=` values, same spelling).
///
/// For paired tests on differences `d = x − y`: `.greater` means "the location of `d` is > 0",
/// `.less` means "< 0", `.twoSided` means "≠ 0". For correlations: ρ > 0, ρ < 0, ρ ≠ 0.
public enum Alternative: String, Sendable, Codable, CaseIterable {
    case twoSided = "two-sided"
    case less
    case greater
}
