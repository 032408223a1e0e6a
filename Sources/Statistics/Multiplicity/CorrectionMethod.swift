/// Multiple-comparison correction over a family of p-values. Raw values are the names the
/// experiment spec uses (`holm`, `bh`, `bonferroni`, `none`).
public enum CorrectionMethod: String, Sendable, Codable, CaseIterable {
    /// Holm's step-down (statsmodels `multipletests(method='holm')`).
    case holm
    /// Benjamini–Hochberg step-up FDR (statsmodels `method='fdr_bh'`).
    case benjaminiHochberg = "bh"
    /// Bonferroni (statsmodels `method='bonferroni'`).
    case bonferroni
    /// No correction: adjusted = raw, reject = p ≤ α.
    case none
}
