/// Pillow's `Image.Transpose` operations, which `ImageOps.exif_transpose` maps EXIF orientations to.
public enum Transpose: String, Sendable, Hashable, CaseIterable {
    case flipLeftRight
    case flipTopBottom
    /// 90° counter-clockwise (Pillow `ROTATE_90`).
    case rotate90
    case rotate180
    /// 90° clockwise (Pillow `ROTATE_270`).
    case rotate270
    /// Mirror about the main diagonal: out(x, y) = in(y, x).
    case transpose
    /// Mirror about the anti-diagonal.
    case transverse

    /// The operation that undoes EXIF orientation `o` (Pillow `exif_transpose`); nil for 1 or unknown.
    public init?(exifOrientation o: Int) {
        switch o {
        case 2: self = .flipLeftRight
        case 3: self = .rotate180
        case 4: self = .flipTopBottom
        case 5: self = .transpose
        case 6: self = .rotate270
        case 7: self = .transverse
        case 8: self = .rotate90
        default: return nil
        }
    }

    /// Whether width and height swap.
    public var swapsAxes: Bool {
        switch self {
        case .rotate90, .rotate270, .transpose, .transverse: true
        default: false
        }
    }
}

extension Image {
    /// The image with `op` applied (exact pixel permutation, no resampling).
    public func transposed(_ op: Transpose) -> Image {
        let w = width, h = height, c = channelCount
        let ow = op.swapsAxes ? h : w
        let oh = op.swapsAxes ? w : h
        var out = [UInt8](repeating: 0, count: pixels.count)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        let (sx, sy): (Int, Int)
                        switch op {
                        case .flipLeftRight: (sx, sy) = (w - 1 - ox, oy)
                        case .flipTopBottom: (sx, sy) = (ox, h - 1 - oy)
                        case .rotate180: (sx, sy) = (w - 1 - ox, h - 1 - oy)
                        case .rotate90: (sx, sy) = (w - 1 - oy, ox)
                        case .rotate270: (sx, sy) = (oy, h - 1 - ox)
                        case .transpose: (sx, sy) = (oy, ox)
                        case .transverse: (sx, sy) = (w - 1 - oy, h - 1 - ox)
                        }
                        let s = (sy * w + sx) * c, d = (oy * ow + ox) * c
                        for k in 0..<c { dst[d + k] = src[s + k] }
                    }
                }
            }
        }
        return Image(uncheckedWidth: ow, height: oh, format: format, pixels: out)
    }
}
