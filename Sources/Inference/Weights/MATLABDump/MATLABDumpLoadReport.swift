import Foundation

/// What a ``MATLABDumpReader`` load did and how long it took, file by file and phase by phase.
///
/// The files are processed together: every file's bzip2 blocks are decoded in parallel on all cores,
/// then every file's text is parsed in parallel chunks. So a file's `cpuSeconds` (its jobs' durations
/// summed over all threads) is the honest per-file cost, and `spanSeconds` (its first job's start to
/// its last job's end) shows when it was ready.
public struct MATLABDumpLoadReport: Sendable, Hashable, CustomStringConvertible {
    public struct File: Sendable, Hashable {
        /// File name (no folder).
        public var file: String
        /// The tensor read from it (`conv1.weight`, …) or `mean image`.
        public var tensor: String
        /// Bytes on disk.
        public var fileBytes: Int
        /// Bytes of decompressed text.
        public var textBytes: Int
        /// Numbers parsed.
        public var values: Int
        /// bzip2 blocks decoded independently in parallel; 0 when the file was decoded sequentially
        /// (small file, or not splittable) or is plain text.
        public var parallelBlocks: Int
        /// Read, decompression, parse and reordering time summed over threads.
        public var cpuSeconds: Double
        /// From the start of the file's read to the end of its last job.
        public var spanSeconds: Double

        public init(file: String, tensor: String, fileBytes: Int, textBytes: Int, values: Int, parallelBlocks: Int,
                    cpuSeconds: Double, spanSeconds: Double) {
            self.file = file
            self.tensor = tensor
            self.fileBytes = fileBytes
            self.textBytes = textBytes
            self.values = values
            self.parallelBlocks = parallelBlocks
            self.cpuSeconds = cpuSeconds
            self.spanSeconds = spanSeconds
        }
    }

    public struct Phase: Sendable, Hashable {
        public var name: String
        public var seconds: Double

        public init(name: String, seconds: Double) {
            self.name = name
            self.seconds = seconds
        }
    }

    public var files: [File]
    public var phases: [Phase]
    public var wallSeconds: Double
    /// Threads that ran the jobs (the machine's active processors).
    public var threads: Int

    public init(files: [File], phases: [Phase], wallSeconds: Double, threads: Int) {
        self.files = files
        self.phases = phases
        self.wallSeconds = wallSeconds
        self.threads = threads
    }

    public var totalTextBytes: Int { files.reduce(0) { $0 + $1.textBytes } }
    public var totalValues: Int { files.reduce(0) { $0 + $1.values } }
    public var totalCPUSeconds: Double { files.reduce(0) { $0 + $1.cpuSeconds } }

    public var description: String {
        func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return left ? s + fill : fill + s
        }
        func secs(_ x: Double) -> String { String(format: "%.3f", x) }
        var lines = [
            pad("file", 26, left: true) + pad("file bytes", 12) + pad("text bytes", 12) + pad("values", 10)
                + pad("blocks", 7) + pad("cpu s", 8) + pad("span s", 8),
        ]
        for f in files {
            lines.append(pad(f.file, 26, left: true) + pad("\(f.fileBytes)", 12) + pad("\(f.textBytes)", 12)
                + pad("\(f.values)", 10) + pad("\(f.parallelBlocks)", 7) + pad(secs(f.cpuSeconds), 8)
                + pad(secs(f.spanSeconds), 8))
        }
        lines.append("phases: " + phases.map { "\($0.name) \(secs($0.seconds)) s" }.joined(separator: ", "))
        lines.append("wall \(secs(wallSeconds)) s on \(threads) threads; cpu \(secs(totalCPUSeconds)) s; "
            + "\(totalTextBytes) bytes of text, \(totalValues) values")
        return lines.joined(separator: "\n")
    }
}
