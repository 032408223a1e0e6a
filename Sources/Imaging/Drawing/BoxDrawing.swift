/// Rectangle outlines on 8-bit RGB images (for `emoshift detect --draw`).
public enum BoxDrawing {
    /// Draws the outline of the box `[x, x+width) × [y, y+height)` (clipped to the image) with
    /// `thickness` pixels inside the box edge, in `colour`.
    public static func outline(_ image: inout Image, x: Int, y: Int, width: Int, height: Int,
                               colour: (UInt8, UInt8, UInt8), thickness: Int = 2) {
        guard image.format == .rgb, width > 0, height > 0 else { return }
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(image.width, x + width), y1 = min(image.height, y + height)
        guard x0 < x1, y0 < y1 else { return }
        func paint(_ px: Int, _ py: Int) {
            let o = (py * image.width + px) * 3
            image.pixels[o] = colour.0; image.pixels[o + 1] = colour.1; image.pixels[o + 2] = colour.2
        }
        for py in y0..<y1 {
            for px in x0..<x1 {
                let edge = px - x < thickness || x + width - 1 - px < thickness || py - y < thickness || y + height - 1 - py < thickness
                if edge { paint(px, py) }
            }
        }
    }

    /// A distinct colour per label index (cycled).
    public static func colour(_ index: Int) -> (UInt8, UInt8, UInt8) {
        let palette: [(UInt8, UInt8, UInt8)] = [(230, 25, 75), (60, 180, 75), (255, 225, 25), (0, 130, 200),
                                                (245, 130, 48), (145, 30, 180), (70, 240, 240), (240, 50, 230)]
        return palette[index % palette.count]
    }
}
