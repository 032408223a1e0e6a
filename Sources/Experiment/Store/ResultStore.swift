import Foundation
import GRDB

/// The experiment record store: one SQLite file `<output>/emoshift.sqlite`, accessed through a
/// GRDB `DatabasePool` (WAL journal, `synchronous = NORMAL`, foreign keys on).
/// The schema is documented on `StoreSchema`.
///
/// ## Semantics
/// - **Spec check.** A store is stamped with the spec hash it was created for. Re-opening it with a
///   different hash throws ``StoreError/specMismatch(store:storedName:storedHash:newName:newHash:recordCount:changes:)``
///   (with the changed lines of the resolved spec) as soon as it holds a record; an empty store is
///   simply re-stamped. `fresh: true` moves the old file (and its `-wal`/`-shm`) aside to
///   `emoshift.sqlite.bak-<UTC timestamp>` — results are never deleted.
/// - **Weights check.** ``beginRun(provenance:seed:startedAt:)`` refuses a run whose weights
///   (SHA-256, demo flag) differ from those that produced the stored records.
/// - **Atomic images.** ``saveRecords(_:image:detections:runID:)`` writes the image row, its
///   detections and all its records in ONE transaction: either all of them are committed or none.
/// - **Resume.** ``completedKeys(includingFailed:)`` returns the keys already stored; the runner
///   computes only the missing ones. Saving an existing key replaces it (upsert), so the unique key
///   `(image, condition, method)` never holds duplicates.
/// - **Kill safety.** Every committed transaction is in the WAL before `COMMIT` returns; a SIGKILL
///   (or a crash) of the process loses at most the image whose transaction was in flight, and the
///   file is never left half-written (SQLite rolls an incomplete WAL tail back on the next open).
///   With `synchronous = NORMAL` an OS crash or power loss may additionally lose the last few
///   committed transactions, never the consistency of the file.
/// - **Concurrency.** The type is `Sendable`: any number of threads may read concurrently (WAL
///   readers never block the writer) while writes are serialised by the pool. Another process may
///   read the file while a run writes it (e.g. `emoshift export` during a run).
public final class ResultStore: Sendable {
    /// File name of the store inside an output directory.
    public static let fileName = "emoshift.sqlite"

    /// The SQLite file.
    public let fileURL: URL
    /// The spec identity the store is stamped with.
    public let spec: StoreSpec
    /// Where `fresh: true` moved a previous store, if it did.
    public let movedAside: URL?

    let pool: DatabasePool

    private init(fileURL: URL, pool: DatabasePool, spec: StoreSpec, movedAside: URL?) {
        self.fileURL = fileURL
        self.pool = pool
        self.spec = spec
        self.movedAside = movedAside
    }

    // MARK: - Opening

    /// Opens (or creates) the store in the output directory `output` for `spec`.
    ///
    /// - Parameter fresh: move an existing store aside (`emoshift.sqlite.bak-<timestamp>`) and start
    ///   an empty one.
    /// - Throws: ``StoreError/specMismatch(store:storedName:storedHash:newName:newHash:recordCount:changes:)``
    ///   when the existing store holds records of another spec hash; SQLite/GRDB errors otherwise.
    public static func open(output: URL, spec: StoreSpec, fresh: Bool = false, now: Date = Date()) throws -> ResultStore {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let file = output.appendingPathComponent(fileName)
        var moved: URL?
        if fresh, FileManager.default.fileExists(atPath: file.path) {
            moved = try moveAside(file, now: now)
        }
        let pool = try makePool(file)
        try StoreSchema.migrator.migrate(pool)
        try pool.write { db in
            let meta = try readMeta(db)
            if let storedHash = meta["spec_hash"] {
                guard storedHash != spec.hash else { return }
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") ?? 0
                if count > 0 {
                    throw StoreError.specMismatch(
                        store: file.path, storedName: meta["spec_name"] ?? "?", storedHash: storedHash,
                        newName: spec.name, newHash: spec.hash, recordCount: count,
                        changes: lineChanges(old: meta["resolved_spec"] ?? "", new: spec.resolved))
                }
                // No records yet: nothing can be mixed; re-stamp and drop the old expansion.
                try db.execute(sql: "DELETE FROM conditions")
            } else {
                try writeMeta(db, ["created_at": isoString(now), "format": StoreSchema.format])
            }
            try writeMeta(db, ["spec_hash": spec.hash, "spec_name": spec.name, "resolved_spec": spec.resolved])
        }
        return ResultStore(fileURL: file, pool: pool, spec: spec, movedAside: moved)
    }

    /// Opens an existing store without a spec check (export, report, merge input).
    /// `location` is an output directory or the `.sqlite` file itself.
    public static func openExisting(_ location: URL) throws -> ResultStore {
        let file = storeFile(for: location)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw StoreError.notAStore(path: file.path, reason: "no such file")
        }
        let pool = try makePool(file)
        try StoreSchema.migrator.migrate(pool)
        let meta = try pool.read { try readMeta($0) }
        guard let hash = meta["spec_hash"] else {
            throw StoreError.notAStore(path: file.path, reason: "it has no spec stamp (store_meta.spec_hash)")
        }
        let spec = StoreSpec(name: meta["spec_name"] ?? "", hash: hash, resolved: meta["resolved_spec"] ?? "")
        return ResultStore(fileURL: file, pool: pool, spec: spec, movedAside: nil)
    }

    /// The `.sqlite` file for a location that is either an output directory or the file itself.
    public static func storeFile(for location: URL) -> URL {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: location.path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? location.appendingPathComponent(fileName) : location
        }
        return location.pathExtension == "sqlite" ? location : location.appendingPathComponent(fileName)
    }

    static func makePool(_ file: URL) throws -> DatabasePool {
        var config = Configuration()
        config.label = "EmoShift.ResultStore"
        config.busyMode = .timeout(30)
        config.foreignKeysEnabled = true
        // Reads of large stores (the report) go through the OS page cache instead of SQLite's copies.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
        // DatabasePool puts the file in WAL mode and sets synchronous = NORMAL.
        return try DatabasePool(path: file.path, configuration: config)
    }

    /// Moves `file` and its `-wal`/`-shm` companions to `<file>.bak-<yyyyMMdd'T'HHmmss'Z'>[-n]`.
    static func moveAside(_ file: URL, now: Date) throws -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let fm = FileManager.default
        let stem = file.path + ".bak-" + formatter.string(from: now)
        var target = stem
        var n = 2
        while fm.fileExists(atPath: target) || fm.fileExists(atPath: target + "-wal") {
            target = "\(stem)-\(n)"
            n += 1
        }
        try fm.moveItem(atPath: file.path, toPath: target)
        for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: file.path + suffix) {
            try fm.moveItem(atPath: file.path + suffix, toPath: target + suffix)
        }
        return URL(fileURLWithPath: target)
    }

    // MARK: - Runs and conditions

    /// Records the start of a run and returns its id (pass it to `saveRecords` and `finishRun`).
    /// - Throws: ``StoreError/weightsMismatch(store:stored:new:)`` if stored records were computed
    ///   with other weights (SHA-256 or demo flag).
    public func beginRun(provenance: RunProvenance, seed: UInt64, startedAt: Date = Date()) throws -> Int64 {
        let json = try provenance.jsonText()
        return try pool.write { db in
            if let stored = try Self.recordWeights(db), stored != Self.weightsLabel(provenance) {
                throw StoreError.weightsMismatch(store: fileURL.path, stored: stored, new: Self.weightsLabel(provenance))
            }
            try db.execute(sql: """
                INSERT INTO runs (spec_name, resolved_spec, spec_hash, provenance, weights_sha256, demo, seed,
                                  started_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [spec.name, spec.resolved, spec.hash, json, provenance.weightsSHA256, provenance.demo,
                                 Int64(bitPattern: seed), startedAt, RunStatus.running.rawValue])
            return db.lastInsertedRowID
        }
    }

    /// Marks a run finished (`.interrupted` after Ctrl-C) and checkpoints the WAL into the main
    /// file, so that `emoshift.sqlite` alone is complete (e.g. when a shard is copied off a cluster
    /// node without its `-wal`). The checkpoint is best-effort: with readers still open it may only
    /// be partial; the data is safe either way.
    public func finishRun(_ runID: Int64, status: RunStatus = .completed, at date: Date = Date()) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE runs SET status = ?, finished_at = ? WHERE id = ?",
                           arguments: [status.rawValue, date, runID])
        }
        _ = try? pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
    }

    /// Closes the database connections (also done on deinit). The store must not be used afterwards.
    public func close() throws {
        try pool.close()
    }

    /// Registers the conditions expanded from the spec (call once per run, before saving records).
    /// Idempotent; new names are added; a known name with other contents throws
    /// ``StoreError/conditionMismatch(store:name:stored:new:)``.
    public func registerConditions(_ conditions: [ConditionEntry]) throws {
        try pool.write { db in
            for c in conditions { try Self.registerCondition(c, db, store: fileURL.path) }
        }
    }

    static func registerCondition(_ c: ConditionEntry, _ db: Database, store: String) throws {
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM conditions WHERE name = ?", arguments: [c.name]) {
            let stored = condition(row)
            if stored != c {
                throw StoreError.conditionMismatch(store: store, name: c.name, stored: describe(stored), new: describe(c))
            }
        } else {
            try db.execute(sql: "INSERT INTO conditions (name, transform, parameters, group_name, sweep) VALUES (?, ?, ?, ?, ?)",
                           arguments: [c.name, c.transform, c.parameters, c.group, c.sweep])
        }
    }

    static func condition(_ row: Row) -> ConditionEntry {
        ConditionEntry(name: row["name"], transform: row["transform"], parameters: row["parameters"],
                       group: row["group_name"], sweep: row["sweep"])
    }

    /// Condition name → row id.
    static func conditionIDs(_ db: Database) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM conditions") { ids[row["name"]] = row["id"] }
        return ids
    }

    private static func describe(_ c: ConditionEntry) -> String {
        "\(c.transform) \(c.parameters)" + (c.group.map { " group \($0)" } ?? "") + (c.sweep.map { " sweep \($0)" } ?? "")
    }

    // MARK: - Images, detections, records

    /// Inserts the image or updates its size fields; returns its row id. Own transaction.
    @discardableResult
    public func upsertImage(_ image: ImageEntry) throws -> Int64 {
        try pool.write { db in try Self.upsertImage(image, db) }
    }

    /// Replaces the detections of an image (own transaction).
    public func saveDetections(_ detections: [DetectionEntry], imageID: Int64) throws {
        try pool.write { db in try Self.replaceDetections(detections, imageID: imageID, db) }
    }

    /// Writes one image, its detections (when given; they replace stored ones) and all its records in
    /// ONE transaction, and returns the image id. If anything fails (validation, constraint, I/O),
    /// nothing of this image is stored. Existing keys are replaced.
    @discardableResult
    public func saveRecords(_ records: [ResultRecord], image: ImageEntry, detections: [DetectionEntry]? = nil,
                            runID: Int64?, now: Date = Date()) throws -> Int64 {
        try saveRecords(records, image: image, detections: detections, runID: runID, now: now, afterEach: nil)
    }

    /// `afterEach` is a test hook called after each record insert (throw to simulate a failure).
    func saveRecords(_ records: [ResultRecord], image: ImageEntry, detections: [DetectionEntry]?, runID: Int64?,
                     now: Date, afterEach: ((Int) throws -> Void)?) throws -> Int64 {
        try pool.write { db in
            let imageID = try Self.upsertImage(image, db)
            if let detections { try Self.replaceDetections(detections, imageID: imageID, db) }
            let statement = try db.cachedStatement(sql: Self.insertRecordSQL)
            let conditionIDs = try Self.conditionIDs(db)
            for (i, r) in records.enumerated() {
                try Self.validate(r, image: image)
                guard let conditionID = conditionIDs[r.condition] else {
                    throw StoreError.invalidRecord(key: "\(image.path) condition \(r.condition) method \(r.method)",
                                                   reason: "condition '\(r.condition)' is not registered (registerConditions)")
                }
                statement.setUncheckedArguments(Self.arguments(r, imageID: imageID, conditionID: conditionID, runID: runID, createdAt: now))
                try statement.execute()
                try Self.replaceImportances(r.importances, imageID: imageID, conditionID: conditionID, method: r.method, db)
                try afterEach?(i)
            }
            return imageID
        }
    }

    /// Keys already stored. With `includingFailed: false`, `failed` records are left out so that a
    /// re-run retries them.
    public func completedKeys(includingFailed: Bool = true) throws -> Set<RecordKey> {
        try pool.read { db in
            var keys = Set<RecordKey>()
            let sql = """
                SELECT i.path, i.content_sha256, c.name, r.method
                FROM records r JOIN images i ON i.id = r.image_id JOIN conditions c ON c.id = r.condition_id
                """ + (includingFailed ? "" : " WHERE r.status <> 'failed'")
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                keys.insert(RecordKey(imagePath: row[0], imageSHA256: row[1], condition: row[2], method: row[3]))
            }
            return keys
        }
    }

    // MARK: - SQL helpers shared with merge

    static let insertRecordSQL = """
        INSERT INTO records (image_id, condition_id, condition_name, method, status, error, probabilities, logits,
                             top1, valence, arousal, cam, cam_width, cam_height, target_class, target_score_kind,
                             applied_parameters, item_seed, run_id, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (image_id, condition_id, method) DO UPDATE SET
            condition_name = excluded.condition_name, status = excluded.status, error = excluded.error,
            probabilities = excluded.probabilities, logits = excluded.logits, top1 = excluded.top1,
            valence = excluded.valence, arousal = excluded.arousal, cam = excluded.cam,
            cam_width = excluded.cam_width, cam_height = excluded.cam_height,
            target_class = excluded.target_class, target_score_kind = excluded.target_score_kind,
            applied_parameters = excluded.applied_parameters, item_seed = excluded.item_seed,
            run_id = excluded.run_id, created_at = excluded.created_at
        """

    /// Replaces the importances of the record (image, condition, method) — called right after its
    /// upsert, in the same transaction.
    static func replaceImportances(_ entries: [ObjectImportanceEntry], imageID: Int64, conditionID: Int64, method: String,
                                   _ db: Database) throws {
        guard let recordID = try Int64.fetchOne(db, sql: "SELECT id FROM records WHERE image_id = ? AND condition_id = ? AND method = ?",
                                                arguments: [imageID, conditionID, method]) else { return }
        try db.execute(sql: "DELETE FROM importances WHERE record_id = ?", arguments: [recordID])
        let insert = try db.cachedStatement(sql: "INSERT INTO importances (record_id, detection_idx, value, reason, convention) VALUES (?, ?, ?, ?, ?)")
        for e in entries {
            insert.setUncheckedArguments([recordID, e.detectionIndex, e.value.flatMap { $0.isFinite ? $0 : nil }, e.reason, e.convention])
            try insert.execute()
        }
    }

    static func arguments(_ r: ResultRecord, imageID: Int64, conditionID: Int64, runID: Int64?, createdAt: Date) -> StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            imageID, conditionID, r.condition, r.method, r.status.rawValue, r.error,
            r.probabilities.map(FloatBlob.encode), r.logits.map(FloatBlob.encode), r.top1, r.valence, r.arousal,
            r.cam.map { FloatBlob.encode($0.values) }, r.cam?.width, r.cam?.height, r.targetClass, r.targetScoreKind,
            r.appliedParameters, Int64(bitPattern: r.itemSeed), runID, createdAt,
        ]
        return StatementArguments(values)
    }

    static func validate(_ r: ResultRecord, image: ImageEntry) throws {
        func fail(_ reason: String) -> StoreError {
            .invalidRecord(key: "\(image.path) condition \(r.condition) method \(r.method)", reason: reason)
        }
        if let p = r.probabilities, p.count != ResultRecord.classCount {
            throw fail("\(p.count) probabilities, expected \(ResultRecord.classCount)")
        }
        if let l = r.logits, l.count != ResultRecord.classCount {
            throw fail("\(l.count) logits, expected \(ResultRecord.classCount)")
        }
        if let t = r.top1, !(0..<ResultRecord.classCount).contains(t) { throw fail("top1 \(t) out of range") }
        if let t = r.targetClass, !(0..<ResultRecord.classCount).contains(t) { throw fail("target class \(t) out of range") }
        if let m = r.cam, m.width < 0 || m.height < 0 || m.values.count != m.width * m.height {
            throw fail("CAM map \(m.width)×\(m.height) has \(m.values.count) values")
        }
        if let json = r.appliedParameters,
           (try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])) == nil {
            throw fail("applied parameters are not valid JSON: \(json.prefix(80))")
        }
    }

    static func upsertImage(_ image: ImageEntry, _ db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO images (path, content_sha256, width, height, byte_size) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (content_sha256, path) DO UPDATE SET
                width = COALESCE(excluded.width, width), height = COALESCE(excluded.height, height),
                byte_size = excluded.byte_size
            """, arguments: [image.path, image.contentSHA256, image.width, image.height, image.byteSize])
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM images WHERE content_sha256 = ? AND path = ?",
                                          arguments: [image.contentSHA256, image.path]) else {
            throw StoreError.notAStore(path: image.path, reason: "image row vanished after insert")
        }
        return id
    }

    static func replaceDetections(_ detections: [DetectionEntry], imageID: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM detections WHERE image_id = ?", arguments: [imageID])
        for d in detections {
            try db.execute(sql: """
                INSERT INTO detections (image_id, idx, label, score, x, y, width, height, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [imageID, d.index, d.label, d.score, d.x, d.y, d.width, d.height, d.source])
        }
    }

    /// "sha256:<hex>" or "demo model" for the weights that produced the stored records, or nil.
    static func recordWeights(_ db: Database) throws -> String? {
        let row = try Row.fetchOne(db, sql: """
            SELECT weights_sha256, demo FROM runs WHERE id IN (SELECT DISTINCT run_id FROM records) LIMIT 1
            """)
        guard let row else { return nil }
        return weightsLabel(sha: row["weights_sha256"], demo: row["demo"])
    }

    static func weightsLabel(_ p: RunProvenance) -> String { weightsLabel(sha: p.weightsSHA256, demo: p.demo) }

    static func weightsLabel(sha: String?, demo: Bool) -> String {
        (demo ? "demo model" : "weights") + (sha.map { " sha256:\($0)" } ?? "")
    }

    static func readMeta(_ db: Database) throws -> [String: String] {
        var meta: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM store_meta") { meta[row[0]] = row[1] }
        return meta
    }

    static func writeMeta(_ db: Database, _ values: [String: String]) throws {
        for (k, v) in values.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           arguments: [k, v])
        }
    }

    static func isoString(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    /// Up to 12 `- old` / `+ new` lines that differ between two resolved specs (order-preserving
    /// multiset difference of trimmed non-empty lines).
    static func lineChanges(old: String, new: String, limit: Int = 12) -> [String] {
        func lines(_ s: String) -> [String] {
            s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func minus(_ a: [String], _ b: [String]) -> [String] {
            var counts: [String: Int] = [:]
            for l in b { counts[l, default: 0] += 1 }
            return a.filter { l in
                if let c = counts[l], c > 0 { counts[l] = c - 1; return false }
                return true
            }
        }
        let o = lines(old), n = lines(new)
        var out = minus(o, n).map { "- " + $0 } + minus(n, o).map { "+ " + $0 }
        if out.count > limit { out = Array(out.prefix(limit)) + ["… (\(out.count - limit) more)"] }
        if out.isEmpty && old != new { out = ["(whitespace or line order only)"] }
        return out
    }
}
