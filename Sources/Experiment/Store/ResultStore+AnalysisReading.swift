import Foundation
import GRDB

extension ResultStore {
    static let analysisRecordSQL = """
        SELECT r.image_id, i.path, i.width, i.height, r.condition_name, r.method, r.status, r.probabilities,
               r.top1, r.valence, r.arousal, r.cam, r.cam_width, r.cam_height, r.applied_parameters
        FROM records r JOIN images i ON i.id = r.image_id
        WHERE r.image_id = ? ORDER BY r.condition_name, r.method
        """

    /// Streams the records of `images` (ids from ``images()``, in that order) as ``AnalysisRecord``s,
    /// each image's records together, ordered by condition then method — the order of
    /// ``forEachRecord(condition:method:_:)``. One read transaction; safe to call from several
    /// threads at once on disjoint image lists (the pool serves concurrent readers).
    public func forEachAnalysisRecord(images: [Int64], _ body: (AnalysisRecord) throws -> Void) throws {
        try pool.read { db in
            let statement = try db.cachedStatement(sql: Self.analysisRecordSQL)
            for id in images {
                let rows = try Row.fetchCursor(statement, arguments: [id])
                while let row = try rows.next() { try body(try Self.decodeAnalysis(row)) }
            }
        }
    }

    static func decodeAnalysis(_ row: Row) throws -> AnalysisRecord {
        let path: String = row[1]
        func floats(_ index: Int, _ name: String) throws -> [Float]? {
            guard let data = row.dataNoCopy(atIndex: index) else { return nil }
            guard let values = FloatBlob.decode(data) else {
                throw StoreError.invalidRecord(key: path, reason: "\(name) blob has \(data.count) bytes, not a multiple of 4")
            }
            return values
        }
        var cam: StoredMap?
        if let values = try floats(11, "cam") {
            cam = StoredMap(width: row[12] ?? 0, height: row[13] ?? 0, values: values)
        }
        let statusText: String = row[6]
        return AnalysisRecord(imageID: row[0], imagePath: path, imageWidth: row[2], imageHeight: row[3], condition: row[4],
                              method: row[5], status: RecordStatus(rawValue: statusText) ?? .failed,
                              probabilities: try floats(7, "probabilities"), top1: row[8], valence: row[9], arousal: row[10],
                              cam: cam, appliedParameters: row[14])
    }
}
