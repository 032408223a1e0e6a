import Imaging

/// Where a text's anchor point lies along the text's reading direction.
public enum TextAnchor: Sendable, Hashable {
    case start, middle, end
}

/// Where a text's anchor point lies across the reading direction (computed from DejaVu Sans
/// metrics by the figure code, identically for PNG and SVG — no renderer baseline support is used).
public enum TextBaseline: Sendable, Hashable {
    /// The anchor is on the alphabetic baseline.
    case alphabetic
    /// The anchor is at half the cap height (labels centred on a tick or a cell).
    case middle
    /// The anchor is at the top of capitals and ascenders.
    case top
    /// The anchor is at the bottom of descenders.
    case bottom
}

/// Text direction: horizontal, or rotated 90° counter-clockwise (reading bottom to top, as y-axis titles).
public enum TextRotation: Sendable, Hashable {
    case horizontal
    case vertical
}

/// How a text run is drawn: pixel size (em size in pixels, snapped to the embedded sizes, see
/// ``FigureFont/snappedSize(_:)``), colour, anchor, baseline, rotation and weight.
public struct TextStyle: Sendable, Hashable {
    public var size: Int
    public var colour: Colour
    public var anchor: TextAnchor
    public var baseline: TextBaseline
    public var rotation: TextRotation

    public init(size: Int = 12, colour: Colour = Palette.text, anchor: TextAnchor = .start,
                baseline: TextBaseline = .alphabetic, rotation: TextRotation = .horizontal) {
        self.size = FigureFont.snappedSize(size)
        self.colour = colour
        self.anchor = anchor
        self.baseline = baseline
        self.rotation = rotation
    }
}

/// How a line is stroked: width in pixels, colour, optional dash pattern (on/off lengths in pixels).
/// Joins are round; ends are butt.
public struct StrokeStyle: Sendable, Hashable {
    public var colour: Colour
    public var width: Double
    public var dash: [Double]

    public init(colour: Colour, width: Double = 1, dash: [Double] = []) {
        self.colour = colour
        self.width = width
        self.dash = dash
    }
}

/// A drawing surface fed by figures. ``RasterCanvas`` (PNG) and ``SVGCanvas`` (SVG) implement it
/// with the same geometry, so both outputs of a figure show the same picture.
///
/// Coordinates are pixels from the top-left corner (x right, y down); 1 unit = 1 PNG pixel = 1 SVG
/// user unit. Later commands paint over earlier ones. Every command honours the current clip.
public protocol Canvas {
    /// Canvas size in pixels.
    var width: Int { get }
    var height: Int { get }

    /// Fills `rect` with `colour`.
    mutating func fill(_ rect: Rect, colour: Colour)
    /// Fills `rect` with a linear gradient through evenly spaced `stops`; `vertical` runs from the
    /// bottom edge (first stop) to the top edge (last stop), otherwise from left to right.
    mutating func fillGradient(_ rect: Rect, stops: [Colour], vertical: Bool)
    /// Strokes the open polyline through `points`.
    mutating func stroke(_ points: [Point], style: StrokeStyle)
    /// Fills the closed polygon through `points` (non-zero winding).
    mutating func fill(polygon points: [Point], colour: Colour)
    /// A circle of `radius` pixels, filled and/or outlined.
    mutating func circle(centre: Point, radius: Double, fill: Colour?, stroke: StrokeStyle?)
    /// One line of text at `position` (see ``TextStyle``).
    mutating func text(_ string: String, at position: Point, style: TextStyle)
    /// An RGB or RGBA image drawn into `rect` (integer-aligned; the image is resampled to the
    /// rectangle's pixel size if needed).
    mutating func image(_ image: Image, in rect: Rect)
    /// Restricts later drawing to `rect` (nil: the whole canvas). Clips do not nest.
    mutating func setClip(_ rect: Rect?)
}

extension Canvas {
    /// A single segment.
    public mutating func line(from a: Point, to b: Point, style: StrokeStyle) {
        stroke([a, b], style: style)
    }

    /// The outline of `rect` (stroke centred on the edge).
    public mutating func strokeRect(_ rect: Rect, style: StrokeStyle) {
        stroke([Point(rect.minX, rect.minY), Point(rect.maxX, rect.minY), Point(rect.maxX, rect.maxY),
                Point(rect.minX, rect.maxY), Point(rect.minX, rect.minY), Point(rect.maxX, rect.minY)], style: style)
    }
}
