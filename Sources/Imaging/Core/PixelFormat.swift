/// The channel layout of an 8-bit interleaved ``Image``.
///
/// Samples are stored interleaved, row-major, top row first, with no row padding:
/// the sample of channel `c` at column `x`, row `y` is at `(y * width + x) * channelCount + c`.
public enum PixelFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// One luminance channel (Pillow mode "L").
    case grey
    /// Luminance then alpha (Pillow mode "LA").
    case greyAlpha
    /// Red, green, blue (Pillow mode "RGB").
    case rgb
    /// Red, green, blue, straight (non-premultiplied) alpha (Pillow mode "RGBA").
    case rgba

    /// Samples per pixel.
    public var channelCount: Int {
        switch self {
        case .grey: 1
        case .greyAlpha: 2
        case .rgb: 3
        case .rgba: 4
        }
    }

    /// Whether the last channel is alpha.
    public var hasAlpha: Bool { self == .greyAlpha || self == .rgba }

    /// The format with `count` channels (1…4).
    public init?(channelCount count: Int) {
        switch count {
        case 1: self = .grey
        case 2: self = .greyAlpha
        case 3: self = .rgb
        case 4: self = .rgba
        default: return nil
        }
    }
}
