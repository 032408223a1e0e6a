/// A decoded file: what it declared (``ImageInfo``) and its samples as decoded (``SourceRaster``).
/// Convert with ``rgb()`` (Pillow's `convert("RGB")`) or ``rgba()``.
public struct DecodedImage: Sendable {
    public var info: ImageInfo
    public var raster: SourceRaster
    /// EXIF orientation to undo on conversion (set when `applyEXIFOrientation` was requested).
    var pendingTranspose: Transpose?

    /// The image as 8-bit RGB exactly as Pillow's `Image.open(f).convert("RGB")` gives it
    /// (followed by `exif_transpose` when requested in ``DecodeOptions``).
    public func rgb() -> Image {
        let px = PillowConversion.toRGB(raster, model: info.colorModel, bitDepth: info.bitDepth)
        let image = Image(uncheckedWidth: raster.width, height: raster.height, format: .rgb, pixels: px)
        return pendingTranspose.map { image.transposed($0) } ?? image
    }

    /// The image as 8-bit RGBA (for cut-outs): colour as ``rgb()``, alpha from the file or 255.
    public func rgba() -> Image {
        let px = PillowConversion.toRGBA(raster, model: info.colorModel, bitDepth: info.bitDepth)
        let image = Image(uncheckedWidth: raster.width, height: raster.height, format: .rgba, pixels: px)
        return pendingTranspose.map { image.transposed($0) } ?? image
    }
}
