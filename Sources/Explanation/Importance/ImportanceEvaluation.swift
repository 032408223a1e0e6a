/// How ``ObjectImportance`` evaluates box means. Both give the same means up to float32 rounding of
/// intermediate maps (≤ ~2e-7 absolute on maps in [0, 1]; both are checked against the same goldens
/// at 1e-6). See `docs/importance.md` for the cost.
public enum ImportanceEvaluation: String, Sendable, CaseIterable, Codable {
    /// Default. The full-size map is never built: the W×H map is `B_y · M · B_xᵀ` (cv2 bilinear is a
    /// separable linear operator on the 227×227 CAM `M`), and EmoCAM's letterbox interior is
    /// `(P_y·B_y) · M · (P_x·B_x)ᵀ` (Pillow BICUBIC is too). A box sum is then
    /// `Σ_i (Σ_{r∈rows} A_y[r,i]) · (Σ_{c∈cols} (M·A_xᵀ)[i,c])`, from one prefix table per axis:
    /// precomputation O(227·(W + H)·taps), at most 227 multiply-adds per box, 8·227·(W + H + 2)
    /// bytes.
    case factorised
    /// Builds the maps exactly as cv2 and Pillow do (float32 arithmetic, same operation order) and a
    /// Double summed-area table over them: O(W·H) time, 8·(W+1)·(H+1) bytes (clamped) or O(W·H·taps)
    /// time and a 609×609 table (emocam); O(1) per box. Bit-faithful intermediate maps.
    case fullResolution
}
