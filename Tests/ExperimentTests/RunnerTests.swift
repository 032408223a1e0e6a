import Foundation
import Inference
import Testing
@testable import Experiment

/// The runner end to end on a tiny spec: record counts, not-applicable conditions, resume, and
/// reproducibility of a fresh run.
@Suite("Experiment runner")
struct RunnerTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func spec(output: String) throws -> (ExperimentSpec, [String]) {
        let yaml = """
        name: runner-test
        seed: 3
        corpus: { images: ["Experiments/images/astronaut.png", "Experiments/images/coffee.png"] }
        model: { weights: demo }
        detect: [faces]
        explain: { methods: [grad-cam, ablation-cam], layer: conv5, target: original-top1 }
        conditions:
          - { name: blur, transform: gaussian-blur, sigma: [2, 6] }
          - { name: no-face, transform: occlude, regions: [faces], fill: grey }
          - { name: noisy, transform: gaussian-noise, sigma: 10 }
        output: \(output)
        """
        let result = SpecValidator(workingDirectory: root).validate(yaml: yaml)
        #expect(result.problems.map(\.description) == [])
        return (try #require(result.spec), result.corpusFiles)
    }

    @Test("records for every image × condition × method; resume writes nothing; a fresh run is identical")
    func endToEnd() throws {
        let output = NSTemporaryDirectory() + "emoshift-runner-\(getpid())"
        try? FileManager.default.removeItem(atPath: output)
        let (spec, corpus) = try Self.spec(output: output)
        let runner = ExperimentRunner(spec: spec, corpus: corpus, weights: EmoNetWeights.demo())
        let first = try runner.run()
        // 2 images × (4 conditions + original) × 2 methods; coffee has no face → 2 not applicable.
        #expect(first.recordsWritten == 20)
        #expect(first.notApplicable == 2)
        let again = try runner.run()
        #expect(again.recordsWritten == 0 && again.skippedImages == 2)

        let store = try ResultStore.openExisting(URL(fileURLWithPath: output))
        var records: [String: ResultRecord] = [:]
        try store.forEachRecord { r in records["\(r.image.path)|\(r.record.condition)|\(r.record.method)"] = r.record }
        #expect(records.count == 20)
        let occluded = try #require(records["\(corpus[1])|no-face|grad-cam"])
        #expect(occluded.status == .notApplicable)
        let original = try #require(records["\(corpus[0])|original|grad-cam"])
        #expect(original.cam?.width == 13 && original.probabilities?.count == 20)
        let blurred = try #require(records["\(corpus[0])|blur-sigma6|ablation-cam"])
        #expect(blurred.targetClass == original.top1)  // original-top1 target on every variant

        let fresh = try runner.run(fresh: true)
        #expect(fresh.recordsWritten == 20)
        let reopened = try ResultStore.openExisting(URL(fileURLWithPath: output))
        var same = 0
        try reopened.forEachRecord { r in
            if records["\(r.image.path)|\(r.record.condition)|\(r.record.method)"] == r.record { same += 1 }
        }
        #expect(same == 20)
    }

    @Test("two jobs give the same records as one; a corrupt image is stored as failed and the run goes on")
    func jobsAndCorruptImage() throws {
        let dir = NSTemporaryDirectory() + "emoshift-runner-jobs-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "this is not a png".write(toFile: dir + "/broken.png", atomically: true, encoding: .utf8)
        var (spec, corpus) = try Self.spec(output: dir + "/one")
        corpus.append(dir + "/broken.png")
        let weights = EmoNetWeights.demo()
        let one = ExperimentRunner(spec: spec, corpus: corpus, weights: weights)
        let s1 = try one.run()
        #expect(s1.failedImages == 1 && s1.recordsWritten == 20 && s1.failedRecords == 10)
        spec.output = dir + "/two"
        var two = ExperimentRunner(spec: spec, corpus: corpus, weights: weights)
        two.jobs = 2
        _ = try two.run()
        func load(_ folder: String) throws -> [String: ResultRecord] {
            var out: [String: ResultRecord] = [:]
            try ResultStore.openExisting(URL(fileURLWithPath: folder)).forEachRecord { r in
                out["\(r.image.path)|\(r.record.condition)|\(r.record.method)"] = r.record
            }
            return out
        }
        let a = try load(dir + "/one"), b = try load(dir + "/two")
        #expect(a.count == 30 && a == b)
        let failed = try #require(a["\(dir)/broken.png|original|grad-cam"])
        #expect(failed.status == .failed && (failed.error ?? "").contains("not a PNG or JPEG"))
    }

    @Test("imported detections drive region-based conditions")
    func importedDetections() throws {
        let dir = NSTemporaryDirectory() + "emoshift-runner-import-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "image,label,score,x,y,width,height\nastronaut,Person,0.9,100,50,200,300\n".write(toFile: dir + "/dets.csv", atomically: true, encoding: .utf8)
        let yaml = """
        name: import-test
        corpus: { images: ["Experiments/images/astronaut.png", "Experiments/images/coffee.png"] }
        model: { weights: demo }
        detect: { imports: [{ file: \(dir)/dets.csv, format: csv }] }
        explain: { methods: [grad-cam] }
        conditions:
          - { name: no-person, transform: mask-objects, labels: [person] }
        output: \(dir)/out
        """
        let result = SpecValidator(workingDirectory: Self.root).validate(yaml: yaml)
        #expect(result.problems.map(\.description) == [])
        let spec = try #require(result.spec)
        let summary = try ExperimentRunner(spec: spec, corpus: result.corpusFiles, weights: EmoNetWeights.demo()).run()
        #expect(summary.notApplicable == 1)  // coffee has no imported Person
        var statuses: [String: RecordStatus] = [:]
        try ResultStore.openExisting(URL(fileURLWithPath: dir + "/out")).forEachRecord(condition: "no-person") { r in
            statuses[(r.image.path as NSString).lastPathComponent] = r.record.status
        }
        #expect(statuses == ["astronaut.png": .ok, "coffee.png": .notApplicable])
    }
}
