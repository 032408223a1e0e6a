import Imaging

/// Arithmetic on `DetectionBox` rectangles, and conversion between the coordinate frames the
/// pipeline uses.
///
/// Conventions, for every function here:
/// * Coordinates are continuous pixels with the origin at the top-left corner of the image; x grows
///   to the right and y downwards. A box covers `[x, x + width) × [y, y + height)`, so its right
///   edge is `x + width` and its bottom edge is `y + height`. Pixel `(i, j)` is the unit square
///   `[i, i + 1) × [j, j + 1)`, and an image of `W × H` pixels is the rectangle `[0, W] × [0, H]`.
/// * A box with a negative or zero `width` or `height` is empty: its area is 0.
/// * Only the geometry changes; `label`, `score` and `source` are carried through untouched.
///
/// Frames:
/// * **original**: the image file's own pixels (what importers return).
/// * **resized**: the image resized to a fixed size without keeping the aspect ratio, e.g. EmoNet's
///   227 × 227 input. Each axis scales independently: `x' = x · W'/W`, `y' = y · H'/H`.
/// * **letterbox**: the aspect-preserving fit plus padding of Imaging's `Letterbox`, e.g. EmoCAM's
///   608 × 608 YOLOv3 input: `x' = x · scaleX + padLeft`, `y' = y · scaleY + padTop`.
public enum BoxGeometry {
    // MARK: Measures

    /// `max(0, width) · max(0, height)`, in square pixels.
    public static func area(_ box: DetectionBox) -> Double {
        max(0, box.width) * max(0, box.height)
    }

    /// The overlap of `a` and `b` as a box, or nil when they do not overlap with positive area.
    /// Label, score and source are those of `a`.
    public static func intersectionBox(_ a: DetectionBox, _ b: DetectionBox) -> DetectionBox? {
        let x0 = max(a.x, b.x), y0 = max(a.y, b.y)
        let x1 = min(a.x + a.width, b.x + b.width), y1 = min(a.y + a.height, b.y + b.height)
        guard x1 > x0, y1 > y0 else { return nil }
        var box = a
        box.x = x0; box.y = y0; box.width = x1 - x0; box.height = y1 - y0
        return box
    }

    /// Area of the overlap of `a` and `b` in square pixels (0 when they only touch or are apart).
    public static func intersection(_ a: DetectionBox, _ b: DetectionBox) -> Double {
        let w = min(a.x + max(0, a.width), b.x + max(0, b.width)) - max(a.x, b.x)
        let h = min(a.y + max(0, a.height), b.y + max(0, b.height)) - max(a.y, b.y)
        return max(0, w) * max(0, h)
    }

    /// Intersection over union, `|a ∩ b| / (|a| + |b| − |a ∩ b|)`, in [0, 1]. Two empty boxes have
    /// IoU 0 (never NaN).
    public static func iou(_ a: DetectionBox, _ b: DetectionBox) -> Double {
        let inter = intersection(a, b)
        let union = area(a) + area(b) - inter
        return union > 0 ? inter / union : 0
    }

    // MARK: Clamping and padding

    /// `box` cut to the image rectangle `[0, imageWidth] × [0, imageHeight]`.
    ///
    /// The edges are clamped independently: `x0 = clamp(x, 0, W)`, `x1 = clamp(x + width, 0, W)`,
    /// and the same for y. `clamped` is true when any edge moved. A box entirely outside the image
    /// comes back with zero width or height (`area == 0`); callers decide whether to drop it.
    public static func clamped(
        _ box: DetectionBox, imageWidth: Double, imageHeight: Double
    ) -> (box: DetectionBox, clamped: Bool) {
        let x0 = min(max(box.x, 0), imageWidth), x1 = min(max(box.x + box.width, 0), imageWidth)
        let y0 = min(max(box.y, 0), imageHeight), y1 = min(max(box.y + box.height, 0), imageHeight)
        var out = box
        out.x = x0; out.y = y0; out.width = max(0, x1 - x0); out.height = max(0, y1 - y0)
        let moved = x0 != box.x || y0 != box.y || x1 != box.x + box.width || y1 != box.y + box.height
        return (out, moved)
    }

    /// `box` grown by `fraction` of its own size on every side: each side moves out by
    /// `fraction · width` (left/right) or `fraction · height` (top/bottom), so the new width is
    /// `width · (1 + 2·fraction)`. Negative fractions shrink (down to an empty box at −0.5).
    /// The centre does not move. Not clamped: pass the result to `clamped` if needed.
    public static func padded(_ box: DetectionBox, relative fraction: Double) -> DetectionBox {
        padded(box, left: fraction * box.width, top: fraction * box.height,
               right: fraction * box.width, bottom: fraction * box.height)
    }

    /// `box` grown by `pixels` on every side (new width `width + 2·pixels`). Negative values shrink;
    /// the size never goes below 0. Not clamped.
    public static func padded(_ box: DetectionBox, absolute pixels: Double) -> DetectionBox {
        padded(box, left: pixels, top: pixels, right: pixels, bottom: pixels)
    }

    /// `box` grown by the given number of pixels on each side (negative shrinks). If a side pair
    /// would cross, the box collapses to zero size at the midpoint of the crossed edges. Not clamped.
    public static func padded(
        _ box: DetectionBox, left: Double, top: Double, right: Double, bottom: Double
    ) -> DetectionBox {
        var out = box
        var x0 = box.x - left, x1 = box.x + box.width + right
        var y0 = box.y - top, y1 = box.y + box.height + bottom
        if x1 < x0 { x0 = (x0 + x1) / 2; x1 = x0 }
        if y1 < y0 { y0 = (y0 + y1) / 2; y1 = y0 }
        out.x = x0; out.y = y0; out.width = x1 - x0; out.height = y1 - y0
        return out
    }

    /// `box` grown about its centre so that its area is multiplied by `factor²` (each side length
    /// times `factor`). `factor` 1 is the identity; values below 1 shrink. Not clamped.
    public static func scaledAboutCentre(_ box: DetectionBox, factor: Double) -> DetectionBox {
        padded(box, relative: (factor - 1) / 2)
    }

    // MARK: Frames

    /// `box` in an image of `fromWidth × fromHeight` pixels mapped to the same image resized
    /// (aspect ratio not kept) to `toWidth × toHeight`: `x' = x · toWidth/fromWidth`,
    /// `width' = width · toWidth/fromWidth`, and the same for y with the heights.
    ///
    /// Original → EmoNet input: `rescaled(b, fromWidth: W, fromHeight: H, toWidth: 227, toHeight: 227)`.
    /// The inverse is the same call with the sizes swapped.
    public static func rescaled(
        _ box: DetectionBox, fromWidth: Int, fromHeight: Int, toWidth: Int, toHeight: Int
    ) -> DetectionBox {
        precondition(fromWidth > 0 && fromHeight > 0 && toWidth > 0 && toHeight > 0, "sizes must be positive")
        let sx = Double(toWidth) / Double(fromWidth), sy = Double(toHeight) / Double(fromHeight)
        var out = box
        out.x = box.x * sx; out.width = box.width * sx
        out.y = box.y * sy; out.height = box.height * sy
        return out
    }

    /// `box` in original-image pixels mapped into `letterbox`'s canvas:
    /// `x' = x · scaleX + padLeft`, `width' = width · scaleX`, and the same for y.
    /// The letterbox must have been made for the box's image (`sourceWidth × sourceHeight`).
    public static func toLetterbox(_ box: DetectionBox, _ letterbox: Letterbox) -> DetectionBox {
        let p0 = letterbox.toCanvas(x: box.x, y: box.y)
        let p1 = letterbox.toCanvas(x: box.x + box.width, y: box.y + box.height)
        var out = box
        out.x = p0.x; out.y = p0.y; out.width = p1.x - p0.x; out.height = p1.y - p0.y
        return out
    }

    /// `box` in `letterbox`-canvas pixels (e.g. EmoCAM's 608 × 608 YOLO output) mapped back to
    /// original-image pixels: `x = (x' − padLeft) / scaleX`, `width = width' / scaleX`, and the same
    /// for y. Parts of the box over the padding map outside the image; use `clamped` to cut them.
    public static func fromLetterbox(_ box: DetectionBox, _ letterbox: Letterbox) -> DetectionBox {
        let p0 = letterbox.toSource(x: box.x, y: box.y)
        let p1 = letterbox.toSource(x: box.x + box.width, y: box.y + box.height)
        var out = box
        out.x = p0.x; out.y = p0.y; out.width = p1.x - p0.x; out.height = p1.y - p0.y
        return out
    }

    /// `box` in a resized frame (`resizedWidth × resizedHeight`, aspect ratio not kept) mapped into
    /// the letterbox canvas of the original image: first back to original pixels with `rescaled`,
    /// then forward with `toLetterbox`. EmoCAM's fusion step moves the 227 × 227 CAM into the
    /// 608 × 608 detector frame this way.
    public static func resizedToLetterbox(
        _ box: DetectionBox, resizedWidth: Int, resizedHeight: Int, _ letterbox: Letterbox
    ) -> DetectionBox {
        let original = rescaled(box, fromWidth: resizedWidth, fromHeight: resizedHeight,
                                toWidth: letterbox.sourceWidth, toHeight: letterbox.sourceHeight)
        return toLetterbox(original, letterbox)
    }

    /// `box` in the letterbox canvas mapped to a resized frame (`resizedWidth × resizedHeight`,
    /// aspect ratio not kept) of the original image: `fromLetterbox`, then `rescaled`.
    /// E.g. an EmoCAM detection (608 letterbox) onto EmoNet's 227 × 227 input.
    public static func letterboxToResized(
        _ box: DetectionBox, _ letterbox: Letterbox, resizedWidth: Int, resizedHeight: Int
    ) -> DetectionBox {
        let original = fromLetterbox(box, letterbox)
        return rescaled(original, fromWidth: letterbox.sourceWidth, fromHeight: letterbox.sourceHeight,
                        toWidth: resizedWidth, toHeight: resizedHeight)
    }

    /// The integer pixel rectangle EmoCAM averages the CAM over (reference §4.5 step 3):
    /// `x0 = trunc(x)`, `x1 = trunc(x + width)`, `y0 = trunc(y)`, `y1 = trunc(y + height)`, with
    /// truncation toward zero as Python's `int`. The rectangle is half-open, `[x0, x1) × [y0, y1)`.
    public static func truncatedPixelRect(_ box: DetectionBox) -> (x0: Int, y0: Int, x1: Int, y1: Int) {
        (Int(box.x.rounded(.towardZero)), Int(box.y.rounded(.towardZero)),
         Int((box.x + box.width).rounded(.towardZero)), Int((box.y + box.height).rounded(.towardZero)))
    }
}
