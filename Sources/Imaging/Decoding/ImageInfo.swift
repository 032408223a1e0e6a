/// What a file says about itself: container, size, declared colour model and depth, and what
/// happened while reading it.
public struct ImageInfo: Sendable, Hashable {
    public var format: ImageFormat
    public var width: Int
    public var height: Int
    public var colorModel: SourceColorModel
    /// Bits per sample in the file (1, 2, 4, 8 or 16 for PNG; 8 for JPEG).
    public var bitDepth: Int
    /// The mode Pillow opens this file as ("1", "L", "I;16", "LA", "RGB", "RGBA", "P", "CMYK").
    public var pillowMode: String
    /// PNG tRNS chunk present (colour-key or palette transparency).
    public var hasTransparency: Bool
    /// Adam7-interlaced PNG or progressive JPEG.
    public var interlaced: Bool
    /// EXIF Orientation tag (1…8) when present.
    public var exifOrientation: Int?
    /// Non-fatal messages from libpng/libjpeg, collected instead of printed.
    public var warnings: [String]
    /// JPEG whose data ended early (only ever true when `allowTruncated` was set).
    public var truncated: Bool

    /// Number of channels in the file ("RGB" = 3, "P" = 1, …).
    public var channelsInFile: Int {
        switch colorModel {
        case .grey, .palette: 1
        case .greyAlpha: 2
        case .rgb: 3
        case .rgba, .cmyk: 4
        }
    }
}
