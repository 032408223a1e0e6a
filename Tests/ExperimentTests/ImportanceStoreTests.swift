import Foundation
import Testing
@testable import Experiment

/// Object importances live beside their records: written in the record's transaction, replaced
/// with it, read back per record and per object row, and carried over by merge.
@Suite struct ImportanceStoreTests {
    static func store(_ name: String) throws -> (ResultStore, URL) {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("emoshift-importance-\(name)-\(UUID().uuidString)")
        let s = try ResultStore.open(output: folder, spec: StoreSpec(name: "imp", hash: "imp", resolved: "{}"))
        try s.registerConditions([ConditionEntry(name: "original", transform: "identity", parameters: "{}")])
        return (s, folder)
    }

    static let image = ImageEntry(path: "a.png", contentSHA256: "aa", width: 10, height: 10, byteSize: 1)
    static let detections = [
        DetectionEntry(index: 0, label: "Human face", score: 0.9, x: 1, y: 1, width: 4, height: 4, source: "import:csv"),
        DetectionEntry(index: 1, label: "Person", score: 0.05, x: 0, y: 0, width: 10, height: 10, source: "import:csv"),
    ]

    static func record(_ values: [Double?]) -> ResultRecord {
        var p = [Float](repeating: 0.04, count: 20); p[3] = 0.24
        var r = ResultRecord(condition: "original", method: "grad-cam", probabilities: p, top1: 3,
                             cam: StoredMap(width: 2, height: 2, values: [0, 1, 2, 3]), targetClass: 3)
        r.importances = values.enumerated().map {
            ObjectImportanceEntry(detectionIndex: $0.offset, value: $0.element, reason: $0.element == nil ? "empty box" : nil, convention: "clamped")
        }
        return r
    }

    @Test func writeReplaceReadAndMerge() throws {
        let (s, folder) = try Self.store("a")
        defer { try? FileManager.default.removeItem(at: folder) }
        try s.saveRecords([Self.record([0.5, nil])], image: Self.image, detections: Self.detections, runID: nil)
        let key = RecordKey(imagePath: "a.png", imageSHA256: "aa", condition: "original", method: "grad-cam")
        #expect(try s.importances(for: key).map(\.value) == [0.5, nil])
        #expect(try s.importances(for: key)[1].reason == "empty box")
        try s.saveRecords([Self.record([0.75, 0.25])], image: Self.image, detections: Self.detections, runID: nil)
        #expect(try s.importances(for: key).map(\.value) == [0.75, 0.25])
        var rows: [ObjectRow] = []
        try s.forEachObjectRow { rows.append($0) }
        #expect(rows.count == 2)
        #expect(rows[0].detection.label == "Human face" && rows[0].importance == 0.75 && rows[0].top1 == 3)
        #expect(abs((rows[0].topProbability ?? 0) - 0.24) < 1e-6)

        let merged = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("emoshift-importance-merged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: merged) }
        _ = try ResultStore.merge(into: merged, shards: [folder])
        let m = try ResultStore.openExisting(merged)
        #expect(try m.importances(for: key).map(\.value) == [0.75, 0.25])
    }
}
