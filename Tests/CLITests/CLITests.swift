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
}
