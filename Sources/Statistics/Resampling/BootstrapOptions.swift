/// The statistic a bootstrap CI is built for.
public enum BootstrapStatistic: String, Sendable, Codable, CaseIterable {
    case mean
    /// Sample median (mean of the two middle values for even n, as `numpy.median`).
    case median
}

/// How the bootstrap CI is formed from the bootstrap distribution.
public enum BootstrapMethod: String, Sendable, Codable, CaseIterable {
    /// Quantiles α/2 and 1 − α/2 of the bootstrap distribution.
    case percentile
    /// Bias-corrected and accelerated (Efron & Tibshirani 1993, §14.3, eq. 14.10 / 15.36).
    case bca
}

/// The four bootstrap CIs of `Resampling.bootstrapAll` (one shared set of resamples).
public struct BootstrapIntervals: Sendable, Equatable, Codable {
    public var meanPercentile: Interval
    public var meanBCa: Interval
    public var medianPercentile: Interval
    public var medianBCa: Interval
}
