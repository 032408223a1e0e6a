import Foundation
import GRDB
import Synchronization
import Testing
@testable import Experiment

/// Tests of the experiment record store (`Sources/Experiment/Store`).
@Suite("Result store")
struct StoreTests {
    // MARK: fixtures

    static func tempDir(_ tag: String = #function) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("emoshift-store-tests-\(UUID().uuidString.prefix(8))-\(tag.filter(\.isLetter).prefix(24))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let specA = StoreSpec(name: "demo", hash: "a1a1a1a1a1a1a1a1a1a1", resolved: "name: demo\nseed: 7\nconditions:\n  - blur:\n      sigma: 2\n")
    static let specB = StoreSpec(name: "demo", hash: "b2b2b2b2b2b2b2b2b2b2", resolved: "name: demo\nseed: 7\nconditions:\n  - blur:\n      sigma: 3\n")

    static let conditions = [
        ConditionEntry(name: "original", transform: "identity", parameters: "{}"),
        ConditionEntry(name: "blur-sigma2", transform: "blur", parameters: "{\"sigma\":2}", group: "blur", sweep: "{\"sigma\":2}"),
        ConditionEntry(name: "blur-sigma4", transform: "blur", parameters: "{\"sigma\":4}", group: "blur", sweep: "{\"sigma\":4}"),
        ConditionEntry(name: "occlude-faces", transform: "occlude", parameters: "{\"target\":\"face\"}"),
    ]
    static let methods = ["gradcam", "scorecam"]

    static func provenance(weights: String? = "ab12cd34", demo: Bool = false) -> RunProvenance {
        RunProvenance(emoshiftVersion: "0.1.0", gitCommit: "deadbeef", weightsPath: "/w/emonet.pt", weightsSHA256: weights,
                      demo: demo, machine: "linux x86_64, 2 CPUs", blasThreads: 1, jobs: 2, shard: nil)
    }

    static func image(_ i: Int) -> ImageEntry {
        ImageEntry(path: "photos/img\(String(format: "%04d", i)).jpg", contentSHA256: String(format: "%064x", i * 7919 + 1),
                   width: 640 + i, height: 480, byteSize: 10_000 + i)
    }

    /// Deterministic pseudo-random floats including awkward bit patterns.
    static func floats(_ n: Int, seed: UInt64) -> [Float] {
        var s = seed &* 6364136223846793005 &+ 1442695040888963407
        return (0..<n).map { _ in
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Float(bitPattern: UInt32(truncatingIfNeeded: s >> 33) & 0x3F7F_FFFF)   // in [0, 2)
        }
    }

    static func index(_ c: ConditionEntry) -> Int { conditions.firstIndex(of: c)! }

    static func record(image i: Int, condition c: ConditionEntry, method m: String, status: RecordStatus = .ok) -> ResultRecord {
        let seed = UInt64(i * 1000 + index(c) * 10 + (m == "gradcam" ? 0 : 1))
        switch status {
        case .ok:
            let p = floats(20, seed: seed)
            return ResultRecord(condition: c.name, method: m, status: .ok, probabilities: p,
                                logits: floats(20, seed: seed ^ 0xFF), top1: Int(seed % 20), valence: Double(seed) / 3,
                                arousal: -Double(seed) / 7,
                                cam: StoredMap(width: 13, height: 13, values: floats(169, seed: seed ^ 0xABCDEF)),
                                targetClass: Int((seed / 3) % 20), targetScoreKind: "probability",
                                appliedParameters: "{\"sigma\":\(index(c)),\"box\":[1,2,3,4]}", itemSeed: UInt64.max - seed)
        case .notApplicable:
            return ResultRecord(condition: c.name, method: m, status: .notApplicable,
                                error: "no face detected", appliedParameters: "{}", itemSeed: seed)
        case .failed:
            return ResultRecord(condition: c.name, method: m, status: .failed,
                                error: "JPEG decode failed: \"premature end\", line 2\nnext", itemSeed: seed)
        }
    }

    static func detections(_ i: Int) -> [DetectionEntry] {
        (0..<(i % 3)).map { k in
            DetectionEntry(index: k, label: k == 0 ? "face" : "person", score: 0.5 + Double(k) / 10, x: Double(i), y: 1.25,
                           width: 30.5, height: 40, source: "haar-face")
        }
    }

    static func records(image i: Int) -> [ResultRecord] {
        conditions.flatMap { c in
            methods.map { m in
                record(image: i, condition: c, method: m, status: index(c) == 3 && i % 4 == 1 ? .notApplicable : .ok)
            }
        }
    }

    /// Creates a store in `dir` with `images` saved.
    @discardableResult
    static func makeStore(_ dir: URL, images: [Int], weights: String? = "ab12cd34", spec: StoreSpec = specA) throws -> ResultStore {
        let store = try ResultStore.open(output: dir, spec: spec)
        try store.registerConditions(conditions)
        let run = try store.beginRun(provenance: provenance(weights: weights), seed: 7)
        for i in images {
            try store.saveRecords(records(image: i), image: image(i), detections: detections(i), runID: run)
        }
        try store.finishRun(run)
        return store
    }

    static func allRecords(_ store: ResultStore) throws -> [StoredRecord] {
        var out: [StoredRecord] = []
        try store.forEachRecord { out.append($0) }
        return out
    }

    // MARK: tests

    @Test func roundTripIsByteExact() throws {
        let dir = Self.tempDir()
        let store = try ResultStore.open(output: dir, spec: Self.specA)
        try store.registerConditions(Self.conditions)
        let run = try store.beginRun(provenance: Self.provenance(), seed: UInt64.max - 1)

        var odd = Self.record(image: 1, condition: Self.conditions[1], method: "gradcam")
        // Awkward values: -0, subnormal, ±∞, quiet NaN with payload, signalling-NaN pattern.
        odd.probabilities![0] = -0.0
        odd.probabilities![1] = Float(bitPattern: 0x0000_0001)
        odd.probabilities![2] = .infinity
        odd.probabilities![3] = Float(bitPattern: 0x7FC0_1234)
        odd.logits![4] = Float(bitPattern: 0xFFA0_0001)
        odd.cam!.values[5] = -.infinity
        odd.valence = -0.0
        odd.arousal = Double.leastNonzeroMagnitude
        let plain = Self.record(image: 1, condition: Self.conditions[0], method: "gradcam")
        let na = Self.record(image: 1, condition: Self.conditions[3], method: "gradcam", status: .notApplicable)
        let failed = Self.record(image: 1, condition: Self.conditions[2], method: "gradcam", status: .failed)
        let dets = Self.detections(2)
        let imageID = try store.saveRecords([plain, odd, na, failed], image: Self.image(1), detections: dets, runID: run)
        try store.finishRun(run, status: .completed)

        // Re-open from disk in a new instance.
        let reopened = try ResultStore.openExisting(dir)
        #expect(reopened.spec == Self.specA)
        let back = try Self.allRecords(reopened)
        // Read order: image path, condition name, method.
        #expect(back.map(\.record) == [odd, failed, na, plain])   // == compares floats bitwise
        for (a, b) in zip(back.map(\.record), [odd, failed, na, plain]) {
            #expect(a.probabilities?.map(\.bitPattern) == b.probabilities?.map(\.bitPattern))
            #expect(a.logits?.map(\.bitPattern) == b.logits?.map(\.bitPattern))
            #expect(a.cam?.values.map(\.bitPattern) == b.cam?.values.map(\.bitPattern))
            #expect(a.valence?.bitPattern == b.valence?.bitPattern)
            #expect(a.itemSeed == b.itemSeed)
        }
        #expect(back.allSatisfy { $0.image == Self.image(1) && $0.imageID == imageID && $0.runID == run })
        #expect(try reopened.detections(imageID: imageID) == dets)
        #expect(try reopened.conditions() == Self.conditions)
        let runs = try reopened.runs()
        #expect(runs.count == 1)
        #expect(runs[0].provenance == Self.provenance())
        #expect(runs[0].seed == UInt64.max - 1)
        #expect(runs[0].status == .completed && runs[0].finishedAt != nil)
        #expect(runs[0].specHash == Self.specA.hash && runs[0].resolvedSpec == Self.specA.resolved)
        let key = RecordKey(imagePath: Self.image(1).path, imageSHA256: Self.image(1).contentSHA256, condition: "blur-sigma2", method: "gradcam")
        #expect(try reopened.record(for: key)?.record == odd)

        // Blob layout: float32 little-endian, 80 bytes for 20 probabilities.
        let blob = try reopened.pool.read { try Data.fetchOne($0, sql: "SELECT probabilities FROM records WHERE condition_name = 'blur-sigma2'") }
        #expect(blob?.count == 80)
        #expect(blob.map { Array($0.prefix(4)) } == [0, 0, 0, 0x80])   // -0.0f LE

        // Documented limitation: SQLite stores a NaN REAL as NULL, so a NaN valence reads back as nil.
        var nanValence = plain
        nanValence.method = "scorecam"
        nanValence.valence = .nan
        try store.saveRecords([nanValence], image: Self.image(1), runID: run)
        let k2 = RecordKey(imagePath: Self.image(1).path, imageSHA256: Self.image(1).contentSHA256, condition: "original", method: "scorecam")
        #expect(try store.record(for: k2)?.record.valence == nil)
    }

    @Test func resumeComputesOnlyMissingKeys() throws {
        let dir = Self.tempDir()
        let store = try Self.makeStore(dir, images: [0, 1, 2])
        var failedImage = Self.records(image: 3).map { r -> ResultRecord in
            var f = r
            f.status = .failed; f.error = "corrupt"; f.probabilities = nil; f.logits = nil; f.cam = nil
            return f
        }
        failedImage.removeLast(2)
        try store.saveRecords(failedImage, image: Self.image(3), runID: nil)

        // A new process re-opens the same spec.
        let again = try ResultStore.open(output: dir, spec: Self.specA)
        let done = try again.completedKeys()
        let perImage = Self.conditions.count * Self.methods.count
        #expect(done.count == 3 * perImage + failedImage.count)
        var expected = Set<RecordKey>()
        for i in 0..<5 {
            for c in Self.conditions {
                for m in Self.methods {
                    expected.insert(RecordKey(imagePath: Self.image(i).path, imageSHA256: Self.image(i).contentSHA256, condition: c.name, method: m))
                }
            }
        }
        let missing = expected.subtracting(done)
        #expect(missing.count == 2 + perImage)   // two keys of image 3, all of image 4
        #expect(Set(missing.map(\.imagePath)) == [Self.image(3).path, Self.image(4).path])
        // Retrying failures: failed records are not "done".
        #expect(try again.completedKeys(includingFailed: false).count == 3 * perImage)

        // Saving an existing key replaces it: no duplicates.
        try again.saveRecords(Self.records(image: 0), image: Self.image(0), runID: nil)
        #expect(try again.recordCount() == 3 * perImage + failedImage.count)
    }

    @Test func specHashMismatchIsRefusedWithExplanation() throws {
        let dir = Self.tempDir()
        try Self.makeStore(dir, images: [0])
        do {
            _ = try ResultStore.open(output: dir, spec: Self.specB)
            Issue.record("expected a spec mismatch")
        } catch let error as StoreError {
            guard case let .specMismatch(_, _, storedHash, _, newHash, count, changes) = error else {
                Issue.record("wrong error \(error)"); return
            }
            #expect(storedHash == Self.specA.hash && newHash == Self.specB.hash)
            #expect(count == Self.conditions.count * Self.methods.count)
            #expect(changes == ["- sigma: 2", "+ sigma: 3"])
            let text = error.description
            #expect(text.contains("--fresh") && text.contains("sigma: 3") && text.contains("incompatible"))
        }
        // An empty store is simply re-stamped.
        let emptyDir = Self.tempDir()
        _ = try ResultStore.open(output: emptyDir, spec: Self.specA)
        let restamped = try ResultStore.open(output: emptyDir, spec: Self.specB)
        #expect(try ResultStore.openExisting(emptyDir).spec.hash == Self.specB.hash)
        #expect(restamped.movedAside == nil)
    }

    @Test func conditionsAreKeyedByName() throws {
        let dir = Self.tempDir()
        let store = try Self.makeStore(dir, images: [0])
        // Adding a condition later only adds a row; records of the others stay valid.
        let extra = ConditionEntry(name: "desaturate-s0.5", transform: "desaturate", parameters: "{\"strength\":0.5}")
        try store.registerConditions(Self.conditions.reversed() + [extra])
        #expect(try store.conditions() == Self.conditions + [extra])
        try store.saveRecords([ResultRecord(condition: extra.name, method: "gradcam", status: .notApplicable, itemSeed: 1)],
                              image: Self.image(0), runID: nil)
        #expect(try store.completedKeys().contains(RecordKey(imagePath: Self.image(0).path, imageSHA256: Self.image(0).contentSHA256,
                                                             condition: extra.name, method: "gradcam")))
        // Same name, other parameters: refused.
        var changed = Self.conditions[1]
        changed.parameters = "{\"sigma\":2.5}"
        #expect {
            try store.registerConditions([changed])
        } throws: { error in
            guard case let StoreError.conditionMismatch(_, name, _, _) = error else { return false }
            return name == "blur-sigma2" && "\(error)".contains("2.5")
        }
    }

    @Test func weightsMismatchIsRefused() throws {
        let dir = Self.tempDir()
        let store = try Self.makeStore(dir, images: [0])
        #expect(throws: StoreError.self) { try store.beginRun(provenance: Self.provenance(weights: "other"), seed: 7) }
        #expect(throws: StoreError.self) { try store.beginRun(provenance: Self.provenance(weights: nil, demo: true), seed: 7) }
        _ = try store.beginRun(provenance: Self.provenance(), seed: 7)   // same weights: fine
    }

    @Test func freshMovesTheOldStoreAside() throws {
        let dir = Self.tempDir()
        try Self.makeStore(dir, images: [0, 1])
        let stamp = Date(timeIntervalSince1970: 1_800_000_000)   // 2027-01-15T08:00:00Z
        let store = try ResultStore.open(output: dir, spec: Self.specB, fresh: true, now: stamp)
        let moved = try #require(store.movedAside)
        #expect(moved.lastPathComponent == "emoshift.sqlite.bak-20270115T080000Z")
        #expect(try store.recordCount() == 0)
        #expect(try ResultStore.openExisting(moved).recordCount() == 2 * Self.conditions.count * Self.methods.count)
        // A second fresh open in the same second does not overwrite the first backup.
        try store.registerConditions(Self.conditions)
        try store.saveRecords(Self.records(image: 5), image: Self.image(5), runID: nil)
        let third = try ResultStore.open(output: dir, spec: Self.specA, fresh: true, now: stamp)
        #expect(third.movedAside?.lastPathComponent == "emoshift.sqlite.bak-20270115T080000Z-2")
        #expect(try ResultStore.openExisting(moved).recordCount() == 2 * Self.conditions.count * Self.methods.count)
    }

    @Test func imageTransactionIsAtomic() throws {
        let dir = Self.tempDir()
        let store = try Self.makeStore(dir, images: [0])
        let before = try store.recordCount()
        struct Boom: Error {}
        // A failure after three records were inserted (e.g. the process dies or an I/O error).
        #expect(throws: Boom.self) {
            try store.saveRecords(Self.records(image: 1), image: Self.image(1), detections: Self.detections(2), runID: nil,
                                  now: Date(), afterEach: { i in if i == 2 { throw Boom() } })
        }
        // A record failing validation in the middle of the batch.
        var bad = Self.records(image: 2)
        bad[3].probabilities = Array(repeating: 0, count: 19)
        #expect(throws: StoreError.self) {
            try store.saveRecords(bad, image: Self.image(2), detections: Self.detections(2), runID: nil)
        }
        // An unregistered condition (foreign-key violation) as the last record.
        var fk = Self.records(image: 4)
        fk.append(ResultRecord(condition: "nope", method: "gradcam"))
        #expect(throws: StoreError.self) { try store.saveRecords(fk, image: Self.image(4), runID: nil) }
        // A foreign-key violation from SQLite itself (unknown run id) on the first record.
        #expect(throws: (any Error).self) { try store.saveRecords(Self.records(image: 5), image: Self.image(5), runID: 999) }

        #expect(try store.recordCount() == before)
        #expect(try store.images().map(\.image) == [Self.image(0)])
        let detectionCount = try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM detections") }
        #expect(detectionCount == Self.detections(0).count)
    }

    @Test func mergeOfTwoShardsEqualsSingleStore() throws {
        let images = Array(0..<12)
        let single = try Self.makeStore(Self.tempDir("single"), images: images)
        // Shards by content hash parity, inserted in a different order.
        let shardA = Self.tempDir("shardA"), shardB = Self.tempDir("shardB")
        try Self.makeStore(shardA, images: images.filter { $0 % 2 == 0 }.reversed())
        try Self.makeStore(shardB, images: images.filter { $0 % 2 == 1 })
        let out = Self.tempDir("merged")
        let summary = try ResultStore.merge(into: out, shards: [shardB, shardA])
        #expect(summary.recordsAdded == images.count * Self.conditions.count * Self.methods.count)
        #expect(summary.duplicatesSkipped == 0 && summary.shards == 2 && summary.runsCopied == 2 && summary.imagesAdded == 12)

        let merged = try ResultStore.openExisting(out)
        let a = try Self.allRecords(single), b = try Self.allRecords(merged)
        #expect(a.count == b.count)
        #expect(a.map(\.record) == b.map(\.record))
        #expect(a.map(\.image) == b.map(\.image))
        #expect(a.map(\.key) == b.map(\.key))
        for ((ia, imgA), (ib, imgB)) in zip(try single.images(), try merged.images()) {
            #expect(imgA == imgB)
            #expect(try single.detections(imageID: ia) == merged.detections(imageID: ib))
        }
        #expect(try merged.conditions() == Self.conditions)
        #expect(try merged.runs().allSatisfy { $0.mergedFrom != nil })

        // Merging again (and a shard twice) only finds identical duplicates.
        let again = try ResultStore.merge(into: out, shards: [shardA, shardA])
        #expect(again.recordsAdded == 0)
        #expect(again.duplicatesSkipped == 2 * 6 * Self.conditions.count * Self.methods.count)
        #expect(try merged.recordCount() == a.count)

        // Exports of both are byte-identical.
        let e1 = out.appendingPathComponent("one.csv"), e2 = out.appendingPathComponent("two.csv")
        try RecordExporter.export(single, format: .csv, to: e1)
        try RecordExporter.export(merged, format: .csv, to: e2)
        #expect(try Data(contentsOf: e1) == Data(contentsOf: e2))
    }

    @Test func mergeRefusesConflictsAndMismatches() throws {
        let shardA = Self.tempDir("cA"), shardB = Self.tempDir("cB")
        try Self.makeStore(shardA, images: [0, 1])
        let b = try Self.makeStore(shardB, images: [2])
        var changed = Self.records(image: 1)
        changed[5].probabilities![7] = Float(bitPattern: changed[5].probabilities![7].bitPattern ^ 1)   // one ulp
        try b.saveRecords(changed, image: Self.image(1), runID: nil)

        let out = Self.tempDir("cOut")
        do {
            try ResultStore.merge(into: out, shards: [shardA, shardB])
            Issue.record("expected a conflict")
        } catch let StoreError.conflictingDuplicate(key, shard, difference) {
            #expect(key.contains(Self.image(1).path))
            #expect(shard.hasPrefix(shardB.path) || shard.contains(shardB.lastPathComponent))
            #expect(difference == "probabilities")
        }
        // All-or-nothing: the output has no records.
        #expect(try ResultStore.openExisting(out).recordCount() == 0)

        // Spec hash mismatch.
        let other = Self.tempDir("cSpec")
        try Self.makeStore(other, images: [3], spec: Self.specB)
        #expect {
            try ResultStore.merge(into: Self.tempDir("o2"), shards: [shardA, other])
        } throws: { error in
            guard case let StoreError.mergeMismatch(_, what, _, _) = error else { return false }
            return what == "spec hash"
        }
        // Weights mismatch.
        let otherWeights = Self.tempDir("cW")
        try Self.makeStore(otherWeights, images: [4], weights: "ffff")
        #expect {
            try ResultStore.merge(into: Self.tempDir("o3"), shards: [shardA, otherWeights])
        } throws: { error in
            guard case let StoreError.mergeMismatch(_, what, _, found) = error else { return false }
            return what == "weights" && found.contains("ffff")
        }
    }

    @Test func exportCSVAndJSONL() throws {
        let dir = Self.tempDir()
        let store = try Self.makeStore(dir, images: [0, 1, 2])
        try store.saveRecords([Self.record(image: 9, condition: Self.conditions[0], method: "gradcam", status: .failed)],
                              image: Self.image(9), runID: nil)
        let n = try store.recordCount()

        let csvURL = dir.appendingPathComponent("records.csv")
        #expect(try RecordExporter.export(store, format: .csv, to: csvURL) == n)
        let csv = try String(contentsOf: csvURL, encoding: .utf8)
        let header = RecordExporter.csvHeader
        #expect(header.count == 6 + 20 + 6)
        #expect(header.prefix(7) == ["image", "condition", "method", "status", "top1", "top1_name", "p_adoration"])
        #expect(header.contains("p_aesthetic_appreciation") && header.contains("p_sexual_desire"))
        #expect(header.suffix(6) == ["valence", "arousal", "target", "cam_w", "cam_h", "error"])
        #expect(csv.hasPrefix(header.joined(separator: ",") + "\n"))
        // Rows: split on newlines outside quotes.
        var rows: [[String]] = [], field = "", row: [String] = [], quoted = false
        var it = Array(csv).makeIterator()
        var pending: Character?
        while let ch = pending ?? it.next() {
            pending = nil
            if quoted {
                if ch == "\"" { if let nx = it.next() { if nx == "\"" { field.append("\"") } else { quoted = false; pending = nx } } else { quoted = false } }
                else { field.append(ch) }
            } else if ch == "\"" { quoted = true }
            else if ch == "," { row.append(field); field = "" }
            else if ch == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(ch) }
        }
        #expect(rows.count == n + 1)
        #expect(rows.allSatisfy { $0.count == header.count })
        let first = try #require(Self.allRecords(store).first)
        let r0 = rows[1]
        #expect(r0[0] == first.image.path && r0[1] == first.record.condition && r0[2] == first.record.method)
        #expect(r0[4] == String(first.record.top1!))
        #expect(r0[5] == RecordExporter.classNames[first.record.top1!])
        for k in 0..<20 {
            #expect(Float(Double(r0[6 + k])!) == first.record.probabilities![k])   // exact after float32 narrowing
        }
        #expect(r0[29] == "13" && r0[30] == "13")
        let failedRow = try #require(rows.first { $0[3] == "failed" })
        #expect(failedRow[31] == "JPEG decode failed: \"premature end\", line 2\nnext")
        #expect(failedRow[6] == "" && failedRow[29] == "")

        let jsonURL = dir.appendingPathComponent("records.jsonl")
        #expect(try RecordExporter.export(store, format: .jsonl, to: jsonURL) == n)
        let lines = try String(contentsOf: jsonURL, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == n)
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let o = objects[0]
        #expect(Set(o.keys) == ["image", "image_sha256", "condition", "method", "status", "error", "top1", "top1_name",
                                "probabilities", "logits", "valence", "arousal", "target", "target_name", "target_score_kind",
                                "cam", "parameters", "item_seed"])
        let cam = try #require(o["cam"] as? [String: Any])
        let values = try #require(cam["values"] as? [Double])
        #expect(values.count == 169)
        #expect(values.map { Float($0) } == first.record.cam!.values)
        #expect(o["item_seed"] as? String == String(first.record.itemSeed))
        #expect((o["parameters"] as? [String: Any])?["box"] as? [Int] == [1, 2, 3, 4])
        #expect(objects.filter { $0["status"] as? String == "failed" }.count == 1)
    }

    @Test func concurrentReadersAndOneWriter() throws {
        let dir = Self.tempDir()
        let store = try Self.makeStore(dir, images: [])
        let perImage = Self.conditions.count * Self.methods.count
        let images = 300
        let violations = Mutex(0)
        let reads = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            do {
                if worker == 0 {
                    for i in 0..<images {
                        try store.saveRecords(Self.records(image: i), image: Self.image(i), detections: Self.detections(i), runID: nil)
                    }
                } else {
                    var last = 0
                    while last < images * perImage {
                        // Every image visible to a reader is complete (per-image atomicity).
                        let (count, partial) = try store.pool.read { db -> (Int, Int) in
                            let c = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") ?? 0
                            let p = try Int.fetchOne(db, sql: """
                                SELECT COUNT(*) FROM (SELECT i.id FROM images i LEFT JOIN records r ON r.image_id = i.id
                                GROUP BY i.id HAVING COUNT(r.id) <> ?)
                                """, arguments: [perImage]) ?? 0
                            return (c, p)
                        }
                        let keys = try store.completedKeys().count
                        if count < last || partial != 0 || count % perImage != 0 || keys < count { violations.withLock { $0 += 1 } }
                        last = count
                        reads.withLock { $0 += 1 }
                    }
                }
            } catch {
                violations.withLock { $0 += 1000 }
            }
        }
        #expect(violations.withLock { $0 } == 0)
        #expect(try store.recordCount() == images * perImage)
        print("concurrent test: \(reads.withLock { $0 }) consistent snapshot reads during \(images) image writes")
    }

    @Test func timingOf10000Records() throws {
        let dir = Self.tempDir()
        let store = try ResultStore.open(output: dir, spec: Self.specA)
        try store.registerConditions(Self.conditions)
        let run = try store.beginRun(provenance: Self.provenance(), seed: 1)
        // 1,250 images × 4 conditions × 2 methods = 10,000 records with 13×13 maps, one transaction per image.
        let batches = (0..<1250).map { Self.records(image: $0) }
        let clock = ContinuousClock()
        let insert = clock.measure {
            for (i, batch) in batches.enumerated() {
                try! store.saveRecords(batch, image: Self.image(i), detections: Self.detections(i), runID: run)
            }
        }
        #expect(try store.recordCount() == 10_000)
        let keys = clock.measure { _ = try! store.completedKeys() }
        let csv = clock.measure { try! RecordExporter.export(store, format: .csv, to: dir.appendingPathComponent("t.csv")) }
        let jsonl = clock.measure { try! RecordExporter.export(store, format: .jsonl, to: dir.appendingPathComponent("t.jsonl")) }
        let scan = clock.measure { var n = 0; try! store.forEachRecord { _ in n += 1 }; precondition(n == 10_000) }
        let size = (try? FileManager.default.attributesOfItem(atPath: store.fileURL.path)[.size] as? Int) ?? 0
        print("store timing: insert 10,000 records (1,250 image transactions) \(insert); completedKeys \(keys); "
              + "full decode scan \(scan); CSV export \(csv); JSONL export \(jsonl); file \(size / 1024) KiB (+WAL)")
    }
}
