/// Point markers; series cycle through them so that lines differ by shape as well as colour.
public enum MarkerShape: Int, Sendable, Hashable, CaseIterable {
    case circle, square, triangleUp, diamond, triangleDown

    /// The marker for series `index` (cycled).
    public static func forSeries(_ index: Int) -> MarkerShape {
        allCases[((index % allCases.count) + allCases.count) % allCases.count]
    }

    /// Draws the marker centred on `c` with roughly `radius` pixels half-size, filled with
    /// `colour` and outlined in white (0.8 px) so overlapping markers stay distinguishable.
    func draw<C: Canvas>(at c: Point, radius r: Double, colour: Colour, on canvas: inout C) {
        let outline = StrokeStyle(colour: .white, width: 0.8)
        switch self {
        case .circle:
            canvas.circle(centre: c, radius: r, fill: colour, stroke: outline)
            return
        case .square:
            let s = r * 0.9
            polygon([Point(c.x - s, c.y - s), Point(c.x + s, c.y - s), Point(c.x + s, c.y + s), Point(c.x - s, c.y + s)])
        case .triangleUp:
            let s = r * 1.2
            polygon([Point(c.x, c.y - s), Point(c.x + s * 0.95, c.y + s * 0.65), Point(c.x - s * 0.95, c.y + s * 0.65)])
        case .triangleDown:
            let s = r * 1.2
            polygon([Point(c.x, c.y + s), Point(c.x - s * 0.95, c.y - s * 0.65), Point(c.x + s * 0.95, c.y - s * 0.65)])
        case .diamond:
            let s = r * 1.25
            polygon([Point(c.x, c.y - s), Point(c.x + s, c.y), Point(c.x, c.y + s), Point(c.x - s, c.y)])
        }
        func polygon(_ p: [Point]) {
            canvas.fill(polygon: p, colour: colour)
            canvas.stroke(p + [p[0], p[1]], style: outline)
        }
    }
}
