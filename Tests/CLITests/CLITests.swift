import Foundation
import Testing

/// Runs the built `emoshift` executable and checks exit codes, stdout and stderr.
@Suite("emoshift CLI")
struct CLITests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The executable next to the test bundle (SwiftPM puts products and tests in one folder).
    static let binary: String = {
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("emoshift").path,
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("emoshift").path,
                          root + "/.build/debug/emoshift"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    struct Result { var status: Int32; var out: String; var err: String }

    static func run(_ args: [String], as user: String? = nil) throws -> Result {
        let p = Process()
        if let user {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", binary] + args
        } else {
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = args
        }
        p.currentDirectoryURL = URL(fileURLWithPath: root)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    @Test("--version and --help")
    func versionAndHelp() throws {
        let v = try Self.run(["--version"])
        #expect(v.status == 0 && v.out.hasPrefix("emoshift "))
        let h = try Self.run(["--help"])
        #expect(h.status == 0 && h.out.contains("image") && h.out.contains("bench"))
        let ih = try Self.run(["image", "info", "--help"])
        #expect(ih.out.contains("Exit status"))
    }

    @Test("image info lists good files, reports bad ones, continues, exits 1")
    func infoContinuesPastFailures() throws {
        let dir = NSTemporaryDirectory() + "emoshift-cli-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let bad = dir + "/notes.jpg"
        try "not an image".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try Self.run(["image", "info", "Experiments/images/rocket.jpg", bad, "Experiments/images/camera.png", dir + "/missing.png"])
        #expect(r.status == 1)
        #expect(r.out.contains("rocket.jpg") && r.out.contains("640×427") && r.out.contains("camera.png"))
        #expect(r.err.contains("\(bad): not a PNG or JPEG file"))
        #expect(r.err.contains("missing.png: no such file"))
        #expect(r.err.contains("2 of 4 file(s) failed"))
        let ok = try Self.run(["image", "info", "Experiments/images/rocket.jpg"])
        #expect(ok.status == 0 && ok.err.isEmpty)
    }

    @Test("image info --format json includes errors inline")
    func infoJSON() throws {
        let r = try Self.run(["image", "info", "--format", "json", "Experiments/images/chelsea.png", "Experiments"])
        #expect(r.status == 1)
        let rows = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [[String: Any]]
        #expect(rows.count == 2)
        #expect(rows[0]["width"] as? Int == 451 && rows[0]["pillowMode"] as? String == "RGB")
        #expect((rows[1]["error"] as? String)?.contains("directory") == true)
    }

    @Test("an unreadable file is reported, not crashed on (run as an unprivileged user)")
    func unreadable() throws {
        let dir = "/tmp/emoshift-cli-perm-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o755])
        let file = dir + "/secret.png"
        try FileManager.default.copyItem(atPath: Self.root + "/Experiments/images/chelsea.png", toPath: file)
        chmod(file, 0o000)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let user = geteuid() == 0 ? "65534" : nil  // root reads anything: drop to nobody
        let r = try Self.run(["image", "info", file], as: user)
        #expect(r.status == 1)
        #expect(r.err.contains("secret.png: cannot open: permission denied"), "\(r.err)")
    }

    @Test("image resize writes Pillow-exact PNGs and validates its options")
    func resize() throws {
        let dir = NSTemporaryDirectory() + "emoshift-cli-resize-\(getpid())"
        let r = try Self.run(["image", "resize", "Experiments/images/portrait_tall.jpg", "--size", "227x227", "-o", dir])
        #expect(r.status == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: dir + "/portrait_tall.png"))
        let bad = try Self.run(["image", "resize", "Experiments/images/rocket.jpg", "--size", "0x5", "-o", dir])
        #expect(bad.status != 0 && bad.err.contains("--size"))
        let badFilter = try Self.run(["image", "resize", "Experiments/images/rocket.jpg", "--filter", "cubic", "-o", dir])
        #expect(badFilter.status != 0 && badFilter.err.contains("bicubic"))
    }

    @Test("predict: table, JSON with the documented keys, CSV columns, demo label, bad images skipped")
    func predict() throws {
        let json = try Self.run(["predict", "Experiments/images/rocket.jpg", "Experiments/images/chelsea.png", "--weights", "demo", "--format", "json"])
        #expect(json.status == 0, "\(json.err)")
        #expect(json.err.contains("DEMO MODEL"))
        let rows = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as! [[String: Any]]
        #expect(rows.count == 2)
        for row in rows {
            let p = row["probabilities"] as! [Double]
            #expect(p.count == 20 && abs(p.reduce(0, +) - 1) < 1e-4)
            #expect(row["top"] is String && row["valence"] is Double && row["arousal"] is Double && row["image"] is String)
            #expect((row["model"] as? String)?.contains("DEMO") == true)
        }
        let csv = try Self.run(["predict", "Experiments/images/rocket.jpg", "--weights", "demo", "--format", "csv"])
        let header = csv.out.split(separator: "\n")[0]
        #expect(header.hasPrefix("image,top,Adoration,Aesthetic Appreciation,") && header.hasSuffix(",valence,arousal,model"))
        let dir = NSTemporaryDirectory() + "emoshift-cli-predict-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "junk".write(toFile: dir + "/bad.jpg", atomically: true, encoding: .utf8)
        let mixed = try Self.run(["predict", "Experiments/images/rocket.jpg", dir + "/bad.jpg", "--weights", "demo"])
        #expect(mixed.status == 1 && mixed.out.contains("rocket.jpg") && mixed.err.contains("bad.jpg"))
        let missing = try Self.run(["predict", "Experiments/images/rocket.jpg", "--weights", dir + "/nope"])
        #expect(missing.status == 2 && missing.err.contains("no such file or folder"))
    }

    @Test("explain: overlay PNG, raw .npy and JSON per method; bad names list the valid ones")
    func explain() throws {
        let dir = NSTemporaryDirectory() + "emoshift-cli-explain-\(getpid())"
        let r = try Self.run(["explain", "Experiments/images/chelsea.png", "--method", "grad-cam,ablation-cam", "--weights", "demo", "-o", dir])
        #expect(r.status == 0, "\(r.err)")
        for m in ["grad-cam", "ablation-cam"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/chelsea.\(m).png"))
            let npy = try Data(contentsOf: URL(fileURLWithPath: dir + "/chelsea.\(m).npy"))
            #expect(npy.count == 128 + 169 * 4)
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/explanations.json"))) as! [[String: Any]]
        #expect(summary.count == 2 && summary[0]["targetClass"] is String && summary[0]["demoModel"] as? Bool == true)
        let badMethod = try Self.run(["explain", "Experiments/images/chelsea.png", "--method", "guided", "-o", dir])
        #expect(badMethod.status != 0 && badMethod.err.contains("grad-cam++"))
        let badClass = try Self.run(["explain", "Experiments/images/chelsea.png", "--target", "Happiness", "-o", dir])
        #expect(badClass.status != 0 && badClass.err.contains("Sexual Desire"))
        let badLayer = try Self.run(["explain", "Experiments/images/chelsea.png", "--layer", "fc7", "-o", dir])
        #expect(badLayer.status != 0 && badLayer.err.contains("conv5"))
        let layerMismatch = try Self.run(["explain", "Experiments/images/chelsea.png", "--method", "ablation-cam", "--layer", "conv3", "-o", dir])
        #expect(layerMismatch.status != 0 && layerMismatch.err.contains("ablation-cam supports conv5"))
    }

    @Test("perturb: writes the image and prints the applied record; not-applicable exits 3 and writes nothing")
    func perturb() throws {
        let dir = NSTemporaryDirectory() + "emoshift-cli-perturb-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let ok = try Self.run(["perturb", "Experiments/images/chelsea.png", "--transform", "occlude",
                               "--region", "10,20,30,40:cat", "--set", "fill=grey", "-o", dir + "/occ.png"])
        #expect(ok.status == 0, "\(ok.err)")
        let record = try JSONSerialization.jsonObject(with: Data(ok.out.utf8)) as! [String: Any]
        #expect(record["pixelsChanged"] as? Int == 30 * 40 && (record["status"] as? [String: Any])?["kind"] as? String == "applied")
        #expect(FileManager.default.fileExists(atPath: dir + "/occ.png"))
        let none = try Self.run(["perturb", "Experiments/images/chelsea.png", "--transform", "occlude", "-o", dir + "/none.png"])
        #expect(none.status == 3 && !FileManager.default.fileExists(atPath: dir + "/none.png"))
        let bad = try Self.run(["perturb", "Experiments/images/chelsea.png", "--transform", "gaussian-blur", "--set", "sigmaa=3", "-o", dir + "/b.png"])
        #expect(bad.status == 2 && bad.err.contains("sigma"))
    }

    @Test("detect: Haar faces and eyes as JSON, drawn boxes, unknown detector lists the valid ones")
    func detect() throws {
        let dir = NSTemporaryDirectory() + "emoshift-cli-detect-\(getpid())"
        let r = try Self.run(["detect", "Experiments/images/astronaut.png", "--detector", "faces,eyes", "--draw", dir])
        #expect(r.status == 0, "\(r.err)")
        let rows = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [[String: Any]]
        let boxes = rows[0]["boxes"] as! [[String: Any]]
        #expect(boxes.filter { $0["label"] as? String == "face" }.count == 1)
        #expect(boxes.filter { $0["label"] as? String == "eye" }.count == 2)
        #expect(FileManager.default.fileExists(atPath: dir + "/astronaut.detections.png"))
        let bad = try Self.run(["detect", "Experiments/images/astronaut.png", "--detector", "cats"])
        #expect(bad.status != 0 && bad.err.contains("profile-faces"))
        let occluded = try Self.run(["perturb", "Experiments/images/astronaut.png", "--transform", "occlude", "--region", "faces",
                                     "-o", dir + "/noface.png"])
        #expect(occluded.status == 0 && occluded.out.contains("\"face\""))
    }

    /// A small spec writing to `output`.
    static func writeSpec(_ dir: String, output: String) throws -> String {
        let path = dir + "/spec-\((output as NSString).lastPathComponent).yaml"
        let yaml = """
        name: cli-run
        seed: 11
        corpus: { images: ["Experiments/images/astronaut.png", "Experiments/images/chelsea.png", "Experiments/images/rocket.jpg", "Experiments/images/coffee.png"] }
        model: { weights: demo }
        detect: [faces]
        explain: { methods: [grad-cam] }
        conditions:
          - { name: blur, transform: gaussian-blur, sigma: 3 }
          - { name: no-face, transform: occlude, regions: [faces] }
        output: \(output)
        """
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func export(_ results: String) throws -> String {
        let r = try run(["export", results, "--format", "csv", "-o", results + "/export.csv"])
        #expect(r.status == 0, "\(r.err)")
        return try String(contentsOfFile: results + "/export.csv", encoding: .utf8)
    }

    @Test("run: SIGKILL part-way, re-run → exactly the records of an uninterrupted run; 2 shards + merge → the same")
    func killAndShards() throws {
        let dir = NSTemporaryDirectory() + "emoshift-cli-run-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // Reference: one uninterrupted run.
        let reference = dir + "/reference"
        let r = try Self.run(["run", try Self.writeSpec(dir, output: reference), "--threads", "1"])
        #expect(r.status == 0, "\(r.err)")
        let expected = try Self.export(reference)
        #expect(expected.split(separator: "\n").count == 1 + 4 * 3)

        // Killed run, then resumed.
        let killed = dir + "/killed"
        let spec = try Self.writeSpec(dir, output: killed)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["run", spec, "--threads", "1"]
        p.currentDirectoryURL = URL(fileURLWithPath: Self.root)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        var waited = 0.0
        while waited < 60 {  // until the first image is committed (or the run ends)
            Thread.sleep(forTimeInterval: 0.2)
            waited += 0.2
            let partial = try Self.run(["export", killed, "--format", "csv", "-o", dir + "/partial.csv"])
            if partial.status == 0, let text = try? String(contentsOfFile: dir + "/partial.csv", encoding: .utf8),
               text.split(separator: "\n").count > 1 { break }
            if !p.isRunning { break }
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let resumed = try Self.run(["run", spec, "--threads", "1"])
        #expect(resumed.status == 0, "\(resumed.err)")
        #expect(try Self.export(killed) == expected)

        // Two shards merged.
        let sharded = dir + "/sharded"
        let shardSpec = try Self.writeSpec(dir, output: sharded)
        for i in 0..<2 {
            let s = try Self.run(["run", shardSpec, "--shard", "\(i)/2", "--threads", "1"])
            #expect(s.status == 0, "\(s.err)")
        }
        let merged = dir + "/merged"
        let m = try Self.run(["merge", merged, sharded + "/shards/shard-0-of-2", sharded + "/shards/shard-1-of-2"])
        #expect(m.status == 0, "\(m.err)")
        #expect(try Self.export(merged) == expected)
    }
}

extension CLITests {
    @Test("run writes the report; report and compare recompute it; bad input is a clear error")
    func reportAndCompare() throws {
        let dir = NSTemporaryDirectory() + "emoshift-cli-report-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let spec = dir + "/tiny.yaml"
        try """
        name: tiny
        seed: 5
        corpus: { images: ["Experiments/images/astronaut.png", "Experiments/images/coffee.png", "Experiments/images/chelsea.png"] }
        model: { weights: demo }
        explain: { methods: [grad-cam] }
        conditions:
          - { name: grey, transform: grayscale }
        output: \(dir)/out
        """.write(toFile: spec, atomically: true, encoding: .utf8)
        let run = try Self.run(["run", spec])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("report: ") && run.out.contains("report.md"))
        for file in ["report.md", "tables/significance.md", "tables/significance.tex", "tables/flips.csv", "tables/method-agreement.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/out/\(file)"), "missing \(file)")
        }
        let report = try Self.run(["report", dir + "/out", "--metric", "delta_p_top1,cam_spearman", "--format", "md,csv", "--print"])
        #expect(report.status == 0, "\(report.err)")
        #expect(report.out.contains("| grey | Δ p(original top-1) |") && report.out.contains("CAM Spearman ρ"))
        #expect(report.err.contains("DEMO MODEL"))
        let compare = try Self.run(["compare", dir + "/out", dir + "/out", "--labels", "first,second", "--output", dir + "/cmp"])
        #expect(compare.status == 0, "\(compare.err)")
        let table = try String(contentsOfFile: dir + "/cmp/compare.md", encoding: .utf8)
        #expect(table.contains("first vs second") && table.contains("| grey |"))

        let corpus = try Self.run(["analyze", "corpus", dir + "/out"])
        #expect(corpus.status == 1 && corpus.err.contains("no object importances are stored"))
        let badMeasure = try Self.run(["analyze", "corpus", dir + "/out", "--measure", "jacard"])
        #expect(badMeasure.status != 0 && badMeasure.err.contains("--measure must be dice, jaccard or yule"))

        let missing = try Self.run(["report", dir + "/nowhere"])
        #expect(missing.status == 1 && missing.err.contains("error:") && missing.err.contains("nowhere"))
        let badFormat = try Self.run(["report", dir + "/out", "--format", "xlsx"])
        #expect(badFormat.status != 0 && badFormat.err.contains("unknown format 'xlsx'"))
        let badMetric = try Self.run(["report", dir + "/out", "--metric", "jsdd"])
        #expect(badMetric.status == 1 && badMetric.err.contains("unknown metric 'jsdd'") && badMetric.err.contains("jsd"))
        let badAlpha = try Self.run(["report", dir + "/out", "--alpha", "2"])
        #expect(badAlpha.status != 0 && badAlpha.err.contains("--alpha"))
    }
}
