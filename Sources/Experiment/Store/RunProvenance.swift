import Foundation

/// Where a run's numbers came from; stored as JSON text (sorted keys) in `runs.provenance`, with
/// `weightsSHA256` and `demo` also copied to their own columns so stores can be checked for
/// compatible weights (re-runs and merges refuse to mix weights).
public struct RunProvenance: Codable, Sendable, Equatable {
    public var emoshiftVersion: String
    /// `git rev-parse HEAD` of the EmoShift checkout when known.
    public var gitCommit: String?
    public var weightsPath: String?
    /// Lower-case hex SHA-256 of the weights file; `nil` for the built-in demo model.
    public var weightsSHA256: String?
    /// True when the labelled demo model (not real EmoNet weights) produced the numbers.
    public var demo: Bool
    /// Host description (OS, architecture, CPU count).
    public var machine: String
    public var blasThreads: Int
    public var jobs: Int?
    /// `i/n` when the run processed one shard.
    public var shard: String?

    public init(emoshiftVersion: String, gitCommit: String? = nil, weightsPath: String? = nil,
                weightsSHA256: String? = nil, demo: Bool, machine: String, blasThreads: Int,
                jobs: Int? = nil, shard: String? = nil) {
        self.emoshiftVersion = emoshiftVersion
        self.gitCommit = gitCommit
        self.weightsPath = weightsPath
        self.weightsSHA256 = weightsSHA256
        self.demo = demo
        self.machine = machine
        self.blasThreads = blasThreads
        self.jobs = jobs
        self.shard = shard
    }

    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func fromJSON(_ text: String) throws -> RunProvenance {
        try JSONDecoder().decode(RunProvenance.self, from: Data(text.utf8))
    }
}
