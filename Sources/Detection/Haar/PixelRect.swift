/// An integer rectangle in pixel coordinates, OpenCV's `cv::Rect` (top-left `x`, `y`, then `width`, `height`).
public struct PixelRect: Sendable, Hashable, Codable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var area: Int { width * height }

    /// `cv::Rect` `&`: the intersection, or an empty (all-zero) rectangle when they do not overlap.
    public func intersection(_ o: PixelRect) -> PixelRect {
        let x1 = max(x, o.x), y1 = max(y, o.y)
        let x2 = min(x + width, o.x + o.width), y2 = min(y + height, o.y + o.height)
        if x2 <= x1 || y2 <= y1 { return PixelRect(x: 0, y: 0, width: 0, height: 0) }
        return PixelRect(x: x1, y: y1, width: x2 - x1, height: y2 - y1)
    }

    public var description: String { "(\(x), \(y), \(width)×\(height))" }
}
