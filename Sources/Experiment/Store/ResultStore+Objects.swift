import Foundation
import GRDB

extension ResultStore {
    /// Streams every (record, detection) importance of `ok` records, optionally of one condition
    /// and/or method, ordered by image, condition, method and detection index.
    public func forEachObjectRow(condition: String? = nil, method: String? = nil, _ body: (ObjectRow) throws -> Void) throws {
        var sql = """
            SELECT i.path, r.condition_name, r.method, r.top1, r.probabilities, d.idx, d.label, d.score, d.x, d.y,
                   d.width, d.height, d.source, m.value, m.reason, m.convention
            FROM importances m
            JOIN records r ON r.id = m.record_id
            JOIN images i ON i.id = r.image_id
            JOIN detections d ON d.image_id = r.image_id AND d.idx = m.detection_idx
            WHERE r.status = 'ok'
            """
        var arguments: [any DatabaseValueConvertible] = []
        if let condition { sql += " AND r.condition_name = ?"; arguments.append(condition) }
        if let method { sql += " AND r.method = ?"; arguments.append(method) }
        sql += " ORDER BY i.path, i.content_sha256, r.condition_name, r.method, d.idx"
        try pool.read { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try rows.next() {
                let top1: Int? = row[3]
                var topProbability: Double?
                if let data = row.dataNoCopy(atIndex: 4), let p = FloatBlob.decode(data), let t = top1, p.indices.contains(t) {
                    topProbability = Double(p[t])
                }
                let detection = DetectionEntry(index: row[5], label: row[6], score: row[7] ?? 0, x: row[8] ?? 0, y: row[9] ?? 0,
                                               width: row[10] ?? 0, height: row[11] ?? 0, source: row[12])
                try body(ObjectRow(image: row[0], condition: row[1], method: row[2], top1: top1, topProbability: topProbability,
                                   detection: detection, importance: row[13], reason: row[14], convention: row[15]))
            }
        }
    }

    /// The importances stored for one record (by detection index).
    public func importances(for key: RecordKey) throws -> [ObjectImportanceEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.detection_idx, m.value, m.reason, m.convention FROM importances m
                JOIN records r ON r.id = m.record_id JOIN images i ON i.id = r.image_id
                WHERE i.path = ? AND i.content_sha256 = ? AND r.condition_name = ? AND r.method = ?
                ORDER BY m.detection_idx
                """, arguments: [key.imagePath, key.imageSHA256, key.condition, key.method]).map {
                ObjectImportanceEntry(detectionIndex: $0[0], value: $0[1], reason: $0[2], convention: $0[3])
            }
        }
    }
}
