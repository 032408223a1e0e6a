/// Where a global filter (blur, pixelate) applies.
public enum BlurScope: String, Sendable, Hashable, Codable, CaseIterable {
    /// The whole image.
    case image
    /// Only pixels inside the (padded) region boxes; the filter still reads pixels outside them,
    /// so the blur near a box edge mixes in its surroundings. No regions → `notApplicable`.
    case regions
}
