/// How files are decoded. The defaults reproduce what emonet-py does with Pillow.
public struct DecodeOptions: Sendable, Hashable {
    /// Largest accepted `width × height`; larger files are refused before any pixel memory is
    /// allocated (decompression-bomb guard, like Pillow's `MAX_IMAGE_PIXELS`). 0 disables it.
    public var maxPixels: Int
    /// Rotate/flip by the EXIF Orientation tag (Pillow's `ImageOps.exif_transpose`). Off by
    /// default because emonet-py does not apply it.
    public var applyEXIFOrientation: Bool
    /// Accept JPEG files whose data ends early (libjpeg fills the rest with grey). Off by
    /// default: Pillow raises "image file is truncated" for them.
    public var allowTruncated: Bool
    /// Largest accepted file, in bytes.
    public var maxFileBytes: Int

    public static let defaultMaxPixels = 100_000_000

    public init(maxPixels: Int = DecodeOptions.defaultMaxPixels, applyEXIFOrientation: Bool = false,
                allowTruncated: Bool = false, maxFileBytes: Int = 1 << 30) {
        self.maxPixels = maxPixels
        self.applyEXIFOrientation = applyEXIFOrientation
        self.allowTruncated = allowTruncated
        self.maxFileBytes = maxFileBytes
    }
}
