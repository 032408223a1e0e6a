import Foundation

/// A record read back from the store: the values plus the image it belongs to and bookkeeping.
public struct StoredRecord: Sendable, Equatable {
    public var imageID: Int64
    public var image: ImageEntry
    public var runID: Int64?
    public var createdAt: Date
    public var record: ResultRecord

    public var key: RecordKey {
        RecordKey(imagePath: image.path, imageSHA256: image.contentSHA256,
                  condition: record.condition, method: record.method)
    }
}
