/// One detected object in one record, as the EmoCAM corpus analysis reads it (the paper's
/// `yolo_outputs_<method>.csv` row): the record's top-1 emotion and its probability, the detection,
/// and its CAM importance.
public struct ObjectRow: Sendable, Equatable {
    public var image: String
    public var condition: String
    public var method: String
    public var top1: Int?
    /// p̂: the top-1 probability.
    public var topProbability: Double?
    public var detection: DetectionEntry
    public var importance: Double?
    public var reason: String?
    public var convention: String
}
