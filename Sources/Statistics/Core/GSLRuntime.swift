import CGSL

/// Process-wide GSL set-up. GSL's default error handler calls `abort()`; EmoShift turns it off
/// once, before the first GSL call, and every routine checks its inputs (and the returned value for
/// NaN) itself, so a degenerate input yields a documented "n/a" instead of a crash.
public enum GSLRuntime {
    /// Idempotent and thread-safe (a `static let` is initialised exactly once).
    public static func prepare() { _ = handlerDisabled }

    private static let handlerDisabled: Bool = {
        gsl_set_error_handler_off()
        return true
    }()
}
