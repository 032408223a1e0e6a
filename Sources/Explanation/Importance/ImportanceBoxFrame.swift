/// The pixel frame an ``ImportanceBox`` is expressed in.
public enum ImportanceBoxFrame: String, Sendable, CaseIterable, Codable {
    /// Pixels of the original W×H image (x right, y down, origin at the top-left corner).
    case original
    /// Pixels of the detector's 608×608 letterbox (EmoCAM's YOLOv3 output frame, reference §4.4).
    case letterbox608
}
