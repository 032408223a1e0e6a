/// Aspect-preserving fit into a square-or-rectangular canvas with padding, and the coordinate
/// mappings between the original image and the canvas.
///
/// Scaling follows EmoCAM's YOLO input (`ImgResize`): the long side becomes the canvas side and
/// the other is `⌊side·short/long⌋` (floor); padding is `⌊(canvas − size)/2⌋` on the top/left and
/// the remainder on the bottom/right. For non-square canvases the limiting axis is chosen by
/// `min(canvasW/W, canvasH/H)` and the other axis is floored the same way.
public struct Letterbox: Sendable, Hashable {
    public let sourceWidth: Int
    public let sourceHeight: Int
    public let canvasWidth: Int
    public let canvasHeight: Int
    /// Size of the scaled image inside the canvas.
    public let scaledWidth: Int
    public let scaledHeight: Int
    /// Left and top padding in canvas pixels.
    public let padLeft: Int
    public let padTop: Int

    public init(sourceWidth: Int, sourceHeight: Int, canvasWidth: Int, canvasHeight: Int) throws(ImageError) {
        guard sourceWidth > 0, sourceHeight > 0, canvasWidth > 0, canvasHeight > 0 else {
            throw ImageError(.invalidDimensions, "letterbox needs positive sizes")
        }
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.canvasWidth = canvasWidth
        self.canvasHeight = canvasHeight
        // Compare canvasW/W with canvasH/H exactly in integers.
        if canvasWidth * sourceHeight <= canvasHeight * sourceWidth {
            scaledWidth = canvasWidth
            scaledHeight = max(1, canvasWidth * sourceHeight / sourceWidth)
        } else {
            scaledHeight = canvasHeight
            scaledWidth = max(1, canvasHeight * sourceWidth / sourceHeight)
        }
        padLeft = (canvasWidth - scaledWidth) / 2
        padTop = (canvasHeight - scaledHeight) / 2
    }

    /// Horizontal and vertical scale factors (canvas pixels per source pixel).
    public var scaleX: Double { Double(scaledWidth) / Double(sourceWidth) }
    public var scaleY: Double { Double(scaledHeight) / Double(sourceHeight) }

    /// A source-pixel point in canvas coordinates.
    public func toCanvas(x: Double, y: Double) -> (x: Double, y: Double) {
        (x * scaleX + Double(padLeft), y * scaleY + Double(padTop))
    }

    /// A canvas point in source-pixel coordinates.
    public func toSource(x: Double, y: Double) -> (x: Double, y: Double) {
        ((x - Double(padLeft)) / scaleX, (y - Double(padTop)) / scaleY)
    }

    /// `image` resized (Pillow BICUBIC by default) and padded with `fill` to the canvas.
    public func apply(to image: Image, filter: ResampleFilter = .bicubic, fill: UInt8 = 0) throws(ImageError) -> Image {
        guard image.width == sourceWidth, image.height == sourceHeight else {
            throw ImageError(.invalidDimensions, "letterbox was made for \(sourceWidth)×\(sourceHeight), got \(image.width)×\(image.height)")
        }
        let scaled = try PillowResampler.resize(image, width: scaledWidth, height: scaledHeight, filter: filter)
        var canvas = try Image(width: canvasWidth, height: canvasHeight, format: image.format, filledWith: fill)
        let c = image.channelCount
        for y in 0..<scaledHeight {
            let src = y * scaledWidth * c
            let dst = ((y + padTop) * canvasWidth + padLeft) * c
            canvas.pixels.replaceSubrange(dst..<dst + scaledWidth * c, with: scaled.pixels[src..<src + scaledWidth * c])
        }
        return canvas
    }
}
