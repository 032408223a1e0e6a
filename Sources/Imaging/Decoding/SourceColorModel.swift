/// The colour model a file declares (before any conversion).
public enum SourceColorModel: String, Sendable, Hashable, Codable {
    case grey
    case greyAlpha = "grey+alpha"
    case rgb
    case rgba
    case palette
    case cmyk
}
