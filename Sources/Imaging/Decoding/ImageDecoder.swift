import CImageCodecs
import Foundation

/// Reads PNG and JPEG files through libpng / libjpeg-turbo (see `CImageCodecs`).
///
/// Every failure is an ``ImageError`` naming the file: missing, a directory, unreadable, empty,
/// not an image, an unsupported format, corrupt or truncated data, or over the pixel limit.
/// Nothing is printed; library warnings land in ``ImageInfo/warnings``.
public enum ImageDecoder {
    /// Decodes the file at `path`.
    public static func decode(contentsOf path: String, options: DecodeOptions = DecodeOptions()) throws(ImageError) -> DecodedImage {
        let bytes = try FileReader.read(path, maxBytes: options.maxFileBytes)
        do { return try decode(bytes, options: options) } catch { throw error.at(path) }
    }

    /// Reads only the header of the file at `path` (size, colour model, depth, orientation).
    public static func info(contentsOf path: String, options: DecodeOptions = DecodeOptions()) throws(ImageError) -> ImageInfo {
        let bytes = try FileReader.read(path, maxBytes: options.maxFileBytes)
        do { return try run(bytes, options: options, headerOnly: true).info } catch { throw error.at(path) }
    }

    /// Decodes an in-memory PNG or JPEG.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = DecodeOptions()) throws(ImageError) -> DecodedImage {
        try run(bytes, options: options, headerOnly: false)
    }

    /// Convenience: decode and convert to RGB as emonet-py's `Image.open(f).convert("RGB")`.
    public static func rgb(contentsOf path: String, options: DecodeOptions = DecodeOptions()) throws(ImageError) -> Image {
        try decode(contentsOf: path, options: options).rgb()
    }

    private static func run(_ bytes: [UInt8], options: DecodeOptions, headerOnly: Bool) throws(ImageError) -> DecodedImage {
        guard !bytes.isEmpty else { throw ImageError(.emptyFile, "empty file (0 bytes)") }
        guard let format = ImageFormat.sniff(bytes) else {
            throw ImageError(.unknownFormat, "not a PNG or JPEG file: \(ImageFormat.describeMagic(bytes))")
        }
        guard format.isDecodable else {
            throw ImageError(.unsupported, "\(format.rawValue) files are not supported (PNG and JPEG are); convert it first")
        }
        var info = ecodec_info()
        var pixels: UnsafeMutablePointer<UInt8>? = nil
        let limit = UInt64(max(0, options.maxPixels))
        let status: Int32 = bytes.withUnsafeBufferPointer { buf in
            switch format {
            case .png: ecodec_png_decode(buf.baseAddress, buf.count, limit, headerOnly ? 1 : 0, &pixels, &info)
            default: ecodec_jpeg_decode(buf.baseAddress, buf.count, limit, headerOnly ? 1 : 0, &pixels, &info)
            }
        }
        defer {
            ecodec_free(pixels)
            ecodec_free(info.exif)
        }
        let warnings = cString(&info.warnings).split(separator: "\n").map(String.init)
        var message = cString(&info.error)
        // libpng states the detail of an invalid header as warnings before its generic error.
        if status != ECODEC_OK && !warnings.isEmpty { message += " (" + warnings.joined(separator: "; ") + ")" }
        let kindName = format.rawValue
        switch Int32(status) {
        case Int32(ECODEC_OK): break
        case Int32(ECODEC_TOO_LARGE):
            throw ImageError(.tooLarge, "\(info.width)×\(info.height) = \(Int(info.width) * Int(info.height)) pixels exceeds the limit of \(options.maxPixels) (decompression-bomb guard; raise it with --max-pixels)")
        case Int32(ECODEC_NO_MEMORY):
            throw ImageError(.outOfMemory, "out of memory decoding \(kindName) (\(info.width)×\(info.height))")
        case Int32(ECODEC_UNSUPPORTED):
            throw ImageError(.unsupported, "unsupported \(kindName): \(message)")
        default:
            throw ImageError(classify(message), "corrupt \(kindName): \(message)")
        }
        if info.truncated != 0 && !options.allowTruncated {
            throw ImageError(.truncated, "truncated JPEG: \(warnings.first ?? "premature end of data") (Pillow refuses such files; pass --allow-truncated to accept it)")
        }
        let model: SourceColorModel
        switch Int(info.color_model) {
        case Int(ECODEC_MODEL_GREY): model = .grey
        case Int(ECODEC_MODEL_GREY_ALPHA): model = .greyAlpha
        case Int(ECODEC_MODEL_RGB): model = .rgb
        case Int(ECODEC_MODEL_RGB_ALPHA): model = .rgba
        case Int(ECODEC_MODEL_PALETTE): model = .palette
        default: model = .cmyk
        }
        var exif: [UInt8] = []
        if let e = info.exif, info.exif_size > 0 { exif = Array(UnsafeBufferPointer(start: e, count: info.exif_size)) }
        let orientation = EXIFReader.orientation(exif)
        let depth = Int(info.source_bit_depth)
        let meta = ImageInfo(
            format: format, width: Int(info.width), height: Int(info.height), colorModel: model,
            bitDepth: depth, pillowMode: pillowMode(model, depth: depth),
            hasTransparency: info.has_transparency != 0, interlaced: info.interlaced != 0,
            exifOrientation: orientation, warnings: warnings, truncated: info.truncated != 0)
        guard meta.width > 0, meta.height > 0 else {
            throw ImageError(.invalidDimensions, "\(kindName) declares an empty image (\(meta.width)×\(meta.height))")
        }
        var raster = SourceRaster(width: meta.width, height: meta.height, channels: 0, bytesPerSample: 1, samples: [])
        if !headerOnly, let p = pixels {
            let count = Int(info.width) * Int(info.height) * Int(info.channels) * Int(info.bytes_per_sample)
            raster = SourceRaster(width: Int(info.width), height: Int(info.height), channels: Int(info.channels),
                                  bytesPerSample: Int(info.bytes_per_sample),
                                  samples: Array(UnsafeBufferPointer(start: p, count: count)))
        }
        let transpose = options.applyEXIFOrientation ? orientation.flatMap { Transpose(exifOrientation: $0) } : nil
        return DecodedImage(info: meta, raster: raster, pendingTranspose: transpose)
    }

    /// The Pillow mode name for a declared colour model and depth.
    static func pillowMode(_ model: SourceColorModel, depth: Int) -> String {
        switch model {
        case .grey: depth == 1 ? "1" : (depth == 16 ? "I;16" : "L")
        case .greyAlpha: depth == 16 ? "RGBA" : "LA"
        case .rgb: "RGB"
        case .rgba: "RGBA"
        case .palette: "P"
        case .cmyk: "CMYK"
        }
    }

    private static func classify(_ message: String) -> ImageError.Kind {
        let m = message.lowercased()
        if m.contains("truncated") || m.contains("end of data") || m.contains("premature end") || m.contains("not enough image data") {
            return .truncated
        }
        return .corrupt
    }
}

/// A NUL-terminated C `char` array (imported as a tuple) as a String.
func cString<T>(_ tuple: inout T) -> String {
    withUnsafeBytes(of: &tuple) { raw in
        let bytes = raw.bindMemory(to: UInt8.self)
        let end = bytes.firstIndex(of: 0) ?? bytes.count
        return String(decoding: bytes[0..<end], as: UTF8.self)
    }
}
