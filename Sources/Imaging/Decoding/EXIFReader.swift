/// Minimal EXIF (TIFF) reader: finds the Orientation tag (0x0112) in IFD0.
///
/// Input is the TIFF structure that follows "Exif\0\0" in a JPEG APP1 segment or the payload
/// of a PNG eXIf chunk: byte-order mark "II"/"MM", 42, IFD0 offset, then 12-byte entries
/// (tag, type, count, value). Malformed data yields nil, never a crash.
enum EXIFReader {
    static func orientation(_ exif: [UInt8]) -> Int? {
        guard exif.count >= 8 else { return nil }
        let little: Bool
        if exif[0] == 0x49 && exif[1] == 0x49 { little = true }
        else if exif[0] == 0x4D && exif[1] == 0x4D { little = false }
        else { return nil }
        func u16(_ o: Int) -> Int? {
            guard o >= 0, o + 2 <= exif.count else { return nil }
            return little ? Int(exif[o]) | Int(exif[o + 1]) << 8 : Int(exif[o]) << 8 | Int(exif[o + 1])
        }
        func u32(_ o: Int) -> Int? {
            guard let a = u16(o), let b = u16(o + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard u16(2) == 42, let ifd = u32(4), let entries = u16(ifd) else { return nil }
        for e in 0..<min(entries, 512) {
            let o = ifd + 2 + e * 12
            guard let tag = u16(o) else { return nil }
            if tag == 0x0112 {
                guard let type = u16(o + 2), type == 3, let value = u16(o + 8) else { return nil }
                return (1...8).contains(value) ? value : nil
            }
        }
        return nil
    }
}
