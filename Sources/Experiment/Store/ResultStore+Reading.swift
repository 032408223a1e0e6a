import Foundation
import GRDB

/// Read access for export, statistics and reports. Record reads stream (a cursor per image); only
/// the image list is held in memory.
extension ResultStore {
    /// Read access for ad-hoc SQL (statistics, reports). Use `read { db in … }` only; writes go
    /// through the store's API so that its invariants hold.
    public var reader: any DatabaseReader { pool }

    public func recordCount() throws -> Int {
        try pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM records") ?? 0 }
    }

    /// Registered conditions in registration order.
    public func conditions() throws -> [ConditionEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM conditions ORDER BY id").map(Self.condition)
        }
    }

    /// All images with their row ids, ordered by (path, content hash).
    public func images() throws -> [(id: Int64, image: ImageEntry)] {
        try pool.read { try Self.images($0) }
    }

    public func detections(imageID: Int64) throws -> [DetectionEntry] {
        try pool.read { try Self.detections(imageID: imageID, $0) }
    }

    public func runs() throws -> [RunEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id").map { row in
                RunEntry(id: row["id"], specName: row["spec_name"], specHash: row["spec_hash"],
                         resolvedSpec: row["resolved_spec"], provenance: try RunProvenance.fromJSON(row["provenance"]),
                         seed: UInt64(bitPattern: row["seed"] as Int64), startedAt: row["started_at"],
                         finishedAt: row["finished_at"], status: RunStatus(rawValue: row["status"]) ?? .failed,
                         mergedFrom: row["merged_from"])
            }
        }
    }

    /// The stored record for a key, if any.
    public func record(for key: RecordKey) throws -> StoredRecord? {
        try pool.read { db in
            let row = try Row.fetchOne(db, sql: Self.selectRecordSQL + """
                 WHERE i.path = ? AND i.content_sha256 = ? AND r.condition_name = ? AND r.method = ?
                """, arguments: [key.imagePath, key.imageSHA256, key.condition, key.method])
            return try row.map(Self.decode)
        }
    }

    /// Streams every record (optionally of one condition and/or method) in a deterministic order —
    /// image path, content hash, condition name, method — independent of insertion order, so two
    /// stores with the same records stream identically. Runs in one read transaction (a consistent
    /// snapshot even while a run is writing).
    public func forEachRecord(condition: String? = nil, method: String? = nil,
                              _ body: (StoredRecord) throws -> Void) throws {
        try pool.read { db in
            var sql = Self.selectRecordSQL + " WHERE r.image_id = ?"
            var extra: [any DatabaseValueConvertible] = []
            if let condition { sql += " AND r.condition_name = ?"; extra.append(condition) }
            if let method { sql += " AND r.method = ?"; extra.append(method) }
            sql += " ORDER BY r.condition_name, r.method"
            for (id, _) in try Self.images(db) {
                let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments([id] + extra))
                while let row = try rows.next() { try body(try Self.decode(row)) }
            }
        }
    }

    static let selectRecordSQL = """
        SELECT r.id AS record_id, r.image_id, i.path, i.content_sha256, i.width AS image_width, i.height AS image_height, i.byte_size,
               r.run_id, r.created_at, r.condition_name, r.method, r.status, r.error, r.probabilities,
               r.logits, r.top1, r.valence, r.arousal, r.cam, r.cam_width, r.cam_height, r.target_class,
               r.target_score_kind, r.applied_parameters, r.item_seed
        FROM records r JOIN images i ON i.id = r.image_id
        """

    static func decode(_ row: Row) throws -> StoredRecord {
        let image = ImageEntry(path: row["path"], contentSHA256: row["content_sha256"], width: row["image_width"],
                               height: row["image_height"], byteSize: row["byte_size"])
        func floats(_ column: String) throws -> [Float]? {
            guard let data = row[column] as Data? else { return nil }
            guard let values = FloatBlob.decode(data) else {
                throw StoreError.invalidRecord(key: image.path, reason: "\(column) blob has \(data.count) bytes, not a multiple of 4")
            }
            return values
        }
        var cam: StoredMap?
        if let values = try floats("cam") {
            cam = StoredMap(width: row["cam_width"] ?? 0, height: row["cam_height"] ?? 0, values: values)
        }
        let statusText: String = row["status"]
        let record = ResultRecord(
            condition: row["condition_name"], method: row["method"],
            status: RecordStatus(rawValue: statusText) ?? .failed, error: row["error"],
            probabilities: try floats("probabilities"), logits: try floats("logits"), top1: row["top1"],
            valence: row["valence"], arousal: row["arousal"], cam: cam, targetClass: row["target_class"],
            targetScoreKind: row["target_score_kind"], appliedParameters: row["applied_parameters"],
            itemSeed: UInt64(bitPattern: row["item_seed"] as Int64))
        return StoredRecord(imageID: row["image_id"], image: image, runID: row["run_id"], createdAt: row["created_at"],
                            record: record)
    }

    static func images(_ db: Database) throws -> [(id: Int64, image: ImageEntry)] {
        try Row.fetchAll(db, sql: "SELECT * FROM images ORDER BY path, content_sha256").map { row in
            (row["id"], ImageEntry(path: row["path"], contentSHA256: row["content_sha256"], width: row["width"],
                                   height: row["height"], byteSize: row["byte_size"]))
        }
    }

    static func detections(imageID: Int64, _ db: Database) throws -> [DetectionEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM detections WHERE image_id = ? ORDER BY idx", arguments: [imageID]).map {
            DetectionEntry(index: $0["idx"], label: $0["label"], score: $0["score"], x: $0["x"], y: $0["y"],
                           width: $0["width"], height: $0["height"], source: $0["source"])
        }
    }
}
