import CImageCodecs
import Foundation

/// Encodes 8-bit images as PNG or JPEG and writes them atomically.
public enum ImageEncoder {
    /// PNG bytes (8-bit, any ``PixelFormat``), zlib `compression` 0…9.
    public static func png(_ image: Image, compression: Int = 6) throws(ImageError) -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        var err = [CChar](repeating: 0, count: 256)
        let status = image.pixels.withUnsafeBufferPointer { px in
            ecodec_png_encode(px.baseAddress, Int32(image.width), Int32(image.height), Int32(image.channelCount),
                              Int32(compression), &out, &size, &err, err.count)
        }
        defer { ecodec_free(out) }
        guard status == ECODEC_OK, let out else {
            throw ImageError(.encodeFailed, "PNG encoding failed: \(String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }

    /// Baseline (or progressive) JPEG bytes, `quality` 1…100, 4:2:0 chroma subsampling.
    /// Grey and RGB only: images with alpha are refused, as Pillow refuses them.
    public static func jpeg(_ image: Image, quality: Int = 90, progressive: Bool = false) throws(ImageError) -> [UInt8] {
        guard !image.format.hasAlpha else {
            throw ImageError(.encodeFailed, "JPEG cannot store alpha (\(image.format.rawValue)); drop it or write PNG")
        }
        guard (1...100).contains(quality) else {
            throw ImageError(.encodeFailed, "JPEG quality must be 1…100, got \(quality)")
        }
        var out: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        var err = [CChar](repeating: 0, count: 256)
        let status = image.pixels.withUnsafeBufferPointer { px in
            ecodec_jpeg_encode(px.baseAddress, Int32(image.width), Int32(image.height), Int32(image.channelCount),
                               Int32(quality), progressive ? 1 : 0, &out, &size, &err, err.count)
        }
        defer { ecodec_free(out) }
        guard status == ECODEC_OK, let out else {
            throw ImageError(.encodeFailed, "JPEG encoding failed: \(String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }

    /// Writes `image` to `path`, choosing PNG or JPEG from the extension (.png, .jpg, .jpeg).
    /// The file appears atomically (temporary file + rename), so a crash never leaves half a file.
    public static func write(_ image: Image, to path: String, jpegQuality: Int = 90) throws(ImageError) {
        let ext = (path as NSString).pathExtension.lowercased()
        let bytes: [UInt8]
        switch ext {
        case "png": bytes = try png(image)
        case "jpg", "jpeg": bytes = try jpeg(image, quality: jpegQuality)
        default:
            throw ImageError(.encodeFailed, "cannot tell the format from the extension '.\(ext)'; use .png, .jpg or .jpeg", path: path)
        }
        try AtomicFile.write(bytes, to: path)
    }
}

/// Writes files through a temporary sibling and `rename(2)`.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(ImageError) {
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw ImageError(.writeFailed, "cannot create: \(String(cString: strerror(errno)))", path: path)
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd); unlink(tmp)
                throw ImageError(.writeFailed, "write failed: \(reason)", path: path)
            }
            offset += n
        }
        close(fd)
        guard rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw ImageError(.writeFailed, "cannot move into place: \(reason)", path: path)
        }
    }
}
