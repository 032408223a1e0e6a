/// The columns of a record the analysis needs, read positionally (no logits, seeds or timestamps):
/// about 3× faster to stream than ``StoredRecord`` for large stores.
public struct AnalysisRecord: Sendable {
    public var imageID: Int64
    public var imagePath: String
    public var imageWidth: Int?
    public var imageHeight: Int?
    public var condition: String
    public var method: String
    public var status: RecordStatus
    public var probabilities: [Float]?
    public var top1: Int?
    public var valence: Double?
    public var arousal: Double?
    public var cam: StoredMap?
    public var appliedParameters: String?
}
