import Imaging

/// The geometry of EmoCAM's detector input (lightnet `ImgResize`, reference §4.4): the W×H image is
/// resized to fit a `side × side` square keeping its aspect ratio, then zero-padded.
///
/// * `W > H`: `side × ⌊side·H/W⌋`; `W < H`: `⌊side·W/H⌋ × side`; `W = H`: `side × side`
///   (floors computed exactly in integer arithmetic).
/// * Padding: `padLeft = ⌊(side − resizedWidth)/2⌋`, `padTop = ⌊(side − resizedHeight)/2⌋`; the
///   remainder goes right / bottom.
/// * Scale actually used, per axis: `scaleX = resizedWidth/W`, `scaleY = resizedHeight/H` (they
///   differ slightly because of the floor).
///
/// The sizes and padding are Imaging's ``Letterbox`` (the detector-input letterbox) on a square
/// canvas; this type adds the box conversions and map padding the importance code needs, and
/// rejects images whose short side would floor to 0 pixels (Pillow would refuse the resize; the
/// image letterbox keeps 1 pixel).
public struct LetterboxGeometry: Sendable, Hashable {
    /// The underlying image letterbox (`side × side` canvas).
    public let canvas: Letterbox
    public let imageWidth: Int
    public let imageHeight: Int
    public let side: Int
    public let resizedWidth: Int
    public let resizedHeight: Int
    public let padLeft: Int
    public let padTop: Int

    /// EmoCAM's detector side (YOLOv3 at 608×608).
    public static let emocamSide = 608

    public init(imageWidth: Int, imageHeight: Int, side: Int = LetterboxGeometry.emocamSide) throws(ImageError) {
        guard imageWidth > 0, imageHeight > 0, side > 0 else {
            throw ImageError(.invalidDimensions,
                             "letterbox needs positive sizes, got \(imageWidth)×\(imageHeight) → \(side)")
        }
        guard side * min(imageWidth, imageHeight) / max(imageWidth, imageHeight) > 0 else {
            throw ImageError(.invalidDimensions,
                             "a \(imageWidth)×\(imageHeight) image letterboxes to an empty \(side)-side map")
        }
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.side = side
        canvas = try Letterbox(sourceWidth: imageWidth, sourceHeight: imageHeight, canvasWidth: side, canvasHeight: side)
        resizedWidth = canvas.scaledWidth
        resizedHeight = canvas.scaledHeight
        padLeft = canvas.padLeft
        padTop = canvas.padTop
    }

    public var scaleX: Double { canvas.scaleX }
    public var scaleY: Double { canvas.scaleY }

    /// An original-pixel box in the letterbox frame: `x' = x·scaleX + padLeft`, `w' = w·scaleX`,
    /// `y' = y·scaleY + padTop`, `h' = h·scaleY`.
    public func toLetterbox(_ box: ImportanceBox) -> ImportanceBox {
        var b = box
        b.x = box.x * scaleX + Double(padLeft)
        b.y = box.y * scaleY + Double(padTop)
        b.width = box.width * scaleX
        b.height = box.height * scaleY
        return b
    }

    /// The inverse of ``toLetterbox(_:)``: `x = (x' − padLeft)/scaleX`, `w = w'/scaleX`, rows likewise.
    public func toOriginal(_ box: ImportanceBox) -> ImportanceBox {
        var b = box
        b.x = (box.x - Double(padLeft)) / scaleX
        b.y = (box.y - Double(padTop)) / scaleY
        b.width = box.width / scaleX
        b.height = box.height / scaleY
        return b
    }

    /// Pastes a `resizedWidth × resizedHeight` map into a zero `side × side` map at
    /// `(padLeft, padTop)` — numpy zero padding, values unchanged (no clipping).
    public func padded(_ map: FloatMap) throws(ImageError) -> FloatMap {
        guard map.width == resizedWidth, map.height == resizedHeight else {
            throw ImageError(.invalidDimensions,
                             "letterbox expects a \(resizedWidth)×\(resizedHeight) map, got \(map.width)×\(map.height)")
        }
        var out = [Float](repeating: 0, count: side * side)
        for y in 0..<resizedHeight {
            let dst = (y + padTop) * side + padLeft, src = y * resizedWidth
            for x in 0..<resizedWidth { out[dst + x] = map.values[src + x] }
        }
        return try FloatMap(width: side, height: side, values: out)
    }
}
