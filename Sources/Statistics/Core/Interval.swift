/// A point estimate with a confidence interval.
///
/// `nil` = n/a (with `reason`). A one-sided interval (e.g. the paired t CI for `.less`) leaves its
/// unbounded side `nil` and says so in `reason`. Values are never NaN or ±∞.
public struct Interval: Sendable, Equatable, Codable {
    public var estimate: Double?
    public var lower: Double?
    public var upper: Double?
    /// Confidence level in (0, 1), e.g. 0.95.
    public var level: Double
    /// "t", "wilson", "percentile", "bca", …
    public var method: String
    public var reason: String?

    public init(estimate: Double?, lower: Double?, upper: Double?, level: Double, method: String, reason: String? = nil) {
        self.estimate = estimate.finiteOrNil
        self.lower = lower.finiteOrNil
        self.upper = upper.finiteOrNil
        self.level = level
        self.method = method
        self.reason = reason
    }
}
