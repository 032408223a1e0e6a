/// Outcome of one (image, condition, method) item, stored as text in `records.status`.
public enum RecordStatus: String, Sendable, Codable, CaseIterable {
    /// Computed; the probability, logit and (usually) CAM columns are filled.
    case ok
    /// The condition does not apply to this image (e.g. face occlusion on an image without a face).
    case notApplicable = "not-applicable"
    /// Something went wrong (corrupt image, numerical failure …); `error` says what.
    case failed
}
