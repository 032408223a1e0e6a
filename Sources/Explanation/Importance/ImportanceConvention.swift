/// How an object's importance (the mean CAM inside its box) is computed. See `docs/importance.md`.
public enum ImportanceConvention: String, Sendable, CaseIterable, Codable {
    /// Default. The CAM resized to the original W×H (cv2 bilinear); boxes in original pixels; pixel
    /// `(i, j)` counts when its centre `(i + 0.5, j + 0.5)` lies in the half-open box
    /// `[x, x + w) × [y, y + h)`, i.e. columns `⌈x − 0.5⌉ … ⌈x + w − 0.5⌉ − 1`, rows likewise,
    /// clamped to the image. Empty → no value ("empty box" / "box outside the image").
    case clamped
    /// EmoCAM, exactly as the authors' code (reference §4.5): the W×H map letterboxed to 608×608
    /// (Pillow BICUBIC "F", zero padding); box corners truncated with `int()`; mean of
    /// `cam608[y0:y1, x0:x1]` with Python slicing — negative starts wrap around (§6 A8), empty → NaN
    /// (no value here).
    case emocam
}
