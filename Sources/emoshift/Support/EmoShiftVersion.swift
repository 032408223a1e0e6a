import CImageCodecs

/// Version and build provenance printed by `--version` and written into outputs.
enum EmoShiftVersion {
    static let number = "0.1.0"
    static var string: String {
        "emoshift \(number) (libpng \(String(cString: ecodec_libpng_version())), libjpeg-turbo \(libjpegVersion))"
    }
    static var libjpegVersion: String {
        let v = Int(ecodec_libjpeg_version())
        return "\(v / 1_000_000).\(v / 1000 % 1000).\(v % 1000)"
    }
}
