/// Identity of one record: the unique key `(image, condition, method)` of the `records` table,
/// with the image named by its stable identity (relative path + content SHA-256) and the condition
/// by its name (`ExpandedCondition.id`) rather than database row ids, so keys compare across
/// re-runs and shards.
public struct RecordKey: Hashable, Sendable, CustomStringConvertible {
    public var imagePath: String
    public var imageSHA256: String
    public var condition: String
    public var method: String

    public init(imagePath: String, imageSHA256: String, condition: String, method: String) {
        self.imagePath = imagePath
        self.imageSHA256 = imageSHA256
        self.condition = condition
        self.method = method
    }

    public var description: String { "\(imagePath) [\(imageSHA256.prefix(12))] condition \(condition) method \(method)" }
}
