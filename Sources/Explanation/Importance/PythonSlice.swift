/// Python's (and NumPy's) slicing rule for `a[start:stop]` with step 1 on a sequence of `count`
/// elements — the rule EmoCAM's `cam[y0:y1, x0:x1]` follows.
public enum PythonSlice {
    /// Resolves one bound: a negative index counts from the end (`i + count`) and is clamped at 0;
    /// a non-negative index is clamped at `count`.
    @inlinable
    public static func bound(_ i: Int, count: Int) -> Int {
        i < 0 ? max(0, i + count) : min(i, count)
    }

    /// The indices `a[start:stop]` selects: `bound(start) ..< max(bound(start), bound(stop))`
    /// (empty when the resolved stop is not after the resolved start).
    @inlinable
    public static func range(start: Int, stop: Int, count: Int) -> Range<Int> {
        let lo = bound(start, count: count), hi = bound(stop, count: count)
        return lo..<max(lo, hi)
    }

    /// Python's `int(v)` for a float: truncation toward zero. Values beyond ±2^53 are clamped there
    /// (any slice bound that large resolves the same way); `nil` for NaN and ±∞, where Python raises.
    @inlinable
    public static func int(_ v: Double) -> Int? {
        guard v.isFinite else { return nil }
        let limit = 9_007_199_254_740_992.0
        return Int(min(max(v, -limit), limit).rounded(.towardZero))
    }
}
