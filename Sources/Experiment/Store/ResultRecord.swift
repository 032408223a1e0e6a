/// The values of one (image, condition, method) item — a row of `records` without its image.
///
/// Floats are kept exactly: `probabilities`, `logits` and the CAM map go to float32 LE BLOBs
/// (bit-exact), `valence`/`arousal` to untyped columns holding the 8-byte IEEE double (exact,
/// `-0.0` included) — except NaN, which SQLite cannot store (it becomes NULL and reads back as `nil`).
/// Equality (`==`) compares floats by bit pattern, which is what "identical record" means for
/// resume and merge.
public struct ResultRecord: Sendable, Equatable {
    /// Number of EmoNet classes; `probabilities`/`logits` must have this many entries when present.
    public static let classCount = 20

    /// The condition's name (`ConditionEntry.name`, i.e. `ExpandedCondition.id`); it must be
    /// registered with ``ResultStore/registerConditions(_:)`` before records refer to it.
    public var condition: String
    /// CAM method name (e.g. `gradcam`), or a placeholder such as `none` when no map is computed.
    public var method: String
    public var status: RecordStatus
    public var error: String?
    /// Softmax output, 20 entries in EmoNet class order.
    public var probabilities: [Float]?
    public var logits: [Float]?
    public var top1: Int?
    public var valence: Double?
    public var arousal: Double?
    /// The raw (unnormalised) CAM map at layer resolution.
    public var cam: StoredMap?
    /// Class index the CAM explains.
    public var targetClass: Int?
    /// Which score the CAM targeted (`probability` | `logit`, as the Explanation module says).
    public var targetScoreKind: String?
    /// JSON object text: the parameters actually applied to this item (after seeding/resolution).
    public var appliedParameters: String?
    /// Deterministic per-item seed derived from (spec seed, image, condition). Stored as the
    /// INTEGER with the same 64-bit pattern (`Int64(bitPattern:)`).
    public var itemSeed: UInt64
    /// Object importances of the image's detections in this record's CAM (empty without a CAM or
    /// detections). Derived from `cam` and the stored detections, so ``==`` does not compare them.
    public var importances: [ObjectImportanceEntry] = []

    public init(condition: String, method: String, status: RecordStatus = .ok,
                error: String? = nil, probabilities: [Float]? = nil, logits: [Float]? = nil, top1: Int? = nil,
                valence: Double? = nil, arousal: Double? = nil, cam: StoredMap? = nil, targetClass: Int? = nil,
                targetScoreKind: String? = nil, appliedParameters: String? = nil, itemSeed: UInt64 = 0) {
        self.condition = condition
        self.method = method
        self.status = status
        self.error = error
        self.probabilities = probabilities
        self.logits = logits
        self.top1 = top1
        self.valence = valence
        self.arousal = arousal
        self.cam = cam
        self.targetClass = targetClass
        self.targetScoreKind = targetScoreKind
        self.appliedParameters = appliedParameters
        self.itemSeed = itemSeed
    }

    public static func == (a: ResultRecord, b: ResultRecord) -> Bool {
        a.condition == b.condition && a.method == b.method
            && a.status == b.status && a.error == b.error
            && FloatBlob.identical(a.probabilities, b.probabilities) && FloatBlob.identical(a.logits, b.logits)
            && a.top1 == b.top1 && FloatBlob.identical(a.valence, b.valence)
            && FloatBlob.identical(a.arousal, b.arousal) && a.cam == b.cam && a.targetClass == b.targetClass
            && a.targetScoreKind == b.targetScoreKind && a.appliedParameters == b.appliedParameters
            && a.itemSeed == b.itemSeed
    }
}
