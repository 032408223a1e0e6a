import Foundation
import GRDB

extension ResultStore {
    /// Unions shard stores into the store of the output directory `output` (created when missing).
    ///
    /// - All shards (and an existing output store) must share the spec hash and the weights
    ///   (SHA-256 + demo flag) that produced their records; otherwise
    ///   ``StoreError/mergeMismatch(shard:what:expected:found:)`` (or `specMismatch` for the output).
    /// - Images are matched by (content SHA-256, path), conditions by name, records by
    ///   (image, condition, method). A key present twice with bit-identical values is kept once; with
    ///   different values the merge throws ``StoreError/conflictingDuplicate(key:shard:difference:)``.
    /// - The whole merge is ONE transaction on the output: on any error nothing is merged.
    /// - Shard runs are copied into `runs` with `merged_from` = the shard's file; records keep their
    ///   `created_at` and point to the copied run. Memory use is bounded (records stream per image).
    @discardableResult
    public static func merge(into output: URL, shards: [URL]) throws -> MergeSummary {
        guard !shards.isEmpty else { throw StoreError.notAStore(path: output.path, reason: "no shard stores to merge") }
        let inputs = try shards.map { try ResultStore.openExisting($0) }
        let reference = inputs[0]
        var weights: (label: String, from: String)?
        for store in inputs {
            if store.spec.hash != reference.spec.hash {
                throw StoreError.mergeMismatch(shard: store.fileURL.path, what: "spec hash",
                                               expected: "\(reference.spec.hash) ('\(reference.spec.name)', from \(reference.fileURL.path))",
                                               found: "\(store.spec.hash) ('\(store.spec.name)')")
            }
            if let label = try store.pool.read({ try recordWeights($0) }) {
                if let w = weights, w.label != label {
                    throw StoreError.mergeMismatch(shard: store.fileURL.path, what: "weights",
                                                   expected: "\(w.label) (from \(w.from))", found: label)
                }
                weights = weights ?? (label, store.fileURL.path)
            }
        }
        let out = try ResultStore.open(output: output, spec: reference.spec)
        let outPath = out.fileURL.standardizedFileURL.resolvingSymlinksInPath().path
        var summary = MergeSummary(shards: 0, runsCopied: 0, imagesAdded: 0, recordsAdded: 0, duplicatesSkipped: 0)
        try out.pool.write { db in
            if let w = weights, let stored = try recordWeights(db), stored != w.label {
                throw StoreError.mergeMismatch(shard: w.from, what: "weights", expected: "\(stored) (in \(out.fileURL.path))", found: w.label)
            }
            let insert = try db.cachedStatement(sql: insertRecordSQL)
            for shard in inputs {
                let shardPath = shard.fileURL.standardizedFileURL.resolvingSymlinksInPath().path
                if shardPath == outPath { continue }
                summary.shards += 1
                try shard.pool.read { sdb in
                    // Conditions.
                    for row in try Row.fetchAll(sdb, sql: "SELECT * FROM conditions ORDER BY id") {
                        do { try registerCondition(condition(row), db, store: out.fileURL.path) } catch let StoreError.conditionMismatch(_, name, stored, new) {
                            throw StoreError.mergeMismatch(shard: shard.fileURL.path, what: "condition '\(name)'", expected: stored, found: new)
                        }
                    }
                    let conditionIDs = try conditionIDs(db)
                    // Runs.
                    var runMap: [Int64: Int64] = [:]
                    for row in try Row.fetchAll(sdb, sql: "SELECT * FROM runs ORDER BY id") {
                        try db.execute(sql: """
                            INSERT INTO runs (spec_name, resolved_spec, spec_hash, provenance, weights_sha256, demo, seed,
                                              started_at, finished_at, status, merged_from)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [row["spec_name"], row["resolved_spec"], row["spec_hash"], row["provenance"],
                                             row["weights_sha256"], row["demo"], row["seed"], row["started_at"],
                                             row["finished_at"], row["status"], (row["merged_from"] as String?) ?? shard.fileURL.path])
                        runMap[row["id"]] = db.lastInsertedRowID
                        summary.runsCopied += 1
                    }
                    // Images, detections, records.
                    for (shardImageID, image) in try images(sdb) {
                        let existed = try Int64.fetchOne(db, sql: "SELECT id FROM images WHERE content_sha256 = ? AND path = ?",
                                                         arguments: [image.contentSHA256, image.path])
                        let imageID = try upsertImage(image, db)
                        if existed == nil { summary.imagesAdded += 1 }
                        let incoming = try detections(imageID: shardImageID, sdb)
                        let present = try detections(imageID: imageID, db)
                        if present.isEmpty {
                            if !incoming.isEmpty { try replaceDetections(incoming, imageID: imageID, db) }
                        } else if !incoming.isEmpty && incoming != present {
                            throw StoreError.conflictingDuplicate(key: "detections of \(image.path)", shard: shard.fileURL.path,
                                                                  difference: "\(present.count) stored vs \(incoming.count) incoming detections, values differ")
                        }
                        let rows = try Row.fetchCursor(sdb, sql: selectRecordSQL + " WHERE r.image_id = ? ORDER BY r.condition_name, r.method",
                                                       arguments: [shardImageID])
                        while let row = try rows.next() {
                            let incomingRecord = try decode(row)
                            let r = incomingRecord.record
                            if let existing = try Row.fetchOne(db, sql: selectRecordSQL + """
                                 WHERE r.image_id = ? AND r.condition_name = ? AND r.method = ?
                                """, arguments: [imageID, r.condition, r.method]) {
                                let stored = try decode(existing).record
                                guard stored == r else {
                                    throw StoreError.conflictingDuplicate(key: incomingRecord.key.description, shard: shard.fileURL.path,
                                                                          difference: differences(stored, r).joined(separator: ", "))
                                }
                                summary.duplicatesSkipped += 1
                                continue
                            }
                            guard let conditionID = conditionIDs[r.condition] else {
                                throw StoreError.notAStore(path: shard.fileURL.path, reason: "record of unregistered condition '\(r.condition)'")
                            }
                            insert.setUncheckedArguments(arguments(r, imageID: imageID, conditionID: conditionID,
                                                                   runID: incomingRecord.runID.flatMap { runMap[$0] },
                                                                   createdAt: incomingRecord.createdAt))
                            try insert.execute()
                            let shardRecordID: Int64 = row["record_id"]
                            let importances = try Row.fetchAll(sdb, sql: """
                                SELECT detection_idx, value, reason, convention FROM importances WHERE record_id = ? ORDER BY detection_idx
                                """, arguments: [shardRecordID]).map {
                                ObjectImportanceEntry(detectionIndex: $0["detection_idx"], value: $0["value"], reason: $0["reason"],
                                                      convention: $0["convention"])
                            }
                            try replaceImportances(importances, imageID: imageID, conditionID: conditionID, method: r.method, db)
                            summary.recordsAdded += 1
                        }
                    }
                }
            }
        }
        return summary
    }

    /// Names of the fields in which two records differ.
    static func differences(_ a: ResultRecord, _ b: ResultRecord) -> [String] {
        var d: [String] = []
        if a.status != b.status { d.append("status \(a.status.rawValue) vs \(b.status.rawValue)") }
        if a.error != b.error { d.append("error") }
        if !FloatBlob.identical(a.probabilities, b.probabilities) { d.append("probabilities") }
        if !FloatBlob.identical(a.logits, b.logits) { d.append("logits") }
        if a.top1 != b.top1 { d.append("top1") }
        if !FloatBlob.identical(a.valence, b.valence) { d.append("valence") }
        if !FloatBlob.identical(a.arousal, b.arousal) { d.append("arousal") }
        if a.cam != b.cam { d.append("CAM map") }
        if a.targetClass != b.targetClass { d.append("target class") }
        if a.targetScoreKind != b.targetScoreKind { d.append("target score kind") }
        if a.appliedParameters != b.appliedParameters { d.append("applied parameters") }
        if a.itemSeed != b.itemSeed { d.append("item seed") }
        return d
    }
}
