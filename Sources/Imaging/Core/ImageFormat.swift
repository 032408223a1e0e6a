/// Container formats recognised from a file's first bytes (never from its extension).
public enum ImageFormat: String, Sendable, Hashable, CaseIterable, Codable {
    case png = "PNG"
    case jpeg = "JPEG"
    // Recognised only to give a precise "unsupported" error.
    case gif = "GIF"
    case bmp = "BMP"
    case tiff = "TIFF"
    case webp = "WebP"
    case heif = "HEIF/AVIF"

    /// Whether EmoShift decodes this format.
    public var isDecodable: Bool { self == .png || self == .jpeg }

    /// Sniffs the format from magic bytes; nil when nothing matches.
    public static func sniff<C: Collection>(_ bytes: C) -> ImageFormat? where C.Element == UInt8 {
        let head = Array(bytes.prefix(16))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF8".utf8)) { return .gif }
        if starts(Array("BM".utf8)) { return .bmp }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("ftyp".utf8), at: 4) { return .heif }
        return nil
    }

    /// A readable rendering of a file's first bytes for "unknown format" errors.
    static func describeMagic<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let head = Array(bytes.prefix(8))
        let hex = head.map { byte in
            let s = String(byte, radix: 16, uppercase: true)
            return s.count == 1 ? "0" + s : s
        }.joined(separator: " ")
        let printable = head.allSatisfy { (0x20..<0x7F).contains($0) || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        return printable ? "starts with \(hex) (looks like text)" : "starts with \(hex)"
    }
}
