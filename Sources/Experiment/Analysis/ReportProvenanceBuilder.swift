import Foundation
import Reporting

/// The provenance block of every table, read from the store: spec name and hash, the weights
/// hash (or the demo-model flag), seed, record and image counts, EmoShift version of the last run.
public enum ReportProvenanceBuilder {
    public static func make(_ store: ResultStore, pairs: PairedObservations) throws -> ReportProvenance {
        let runs = try store.runs()
        let last = runs.last
        var entries: [(key: String, value: String)] = [("spec", store.spec.name), ("spec_sha256", String(store.spec.hash.prefix(16)))]
        let demo = runs.contains { $0.provenance.demo }
        if let last {
            entries.append(("weights", last.provenance.demo ? "demo model (not EmoNet)" : (last.provenance.weightsPath ?? "?")))
            if let sha = last.provenance.weightsSHA256 { entries.append(("weights_sha256", String(sha.prefix(16)))) }
            entries.append(("seed", String(last.seed)))
            entries.append(("emoshift", last.provenance.emoshiftVersion))
        }
        entries.append(("runs", String(runs.count)))
        entries.append(("images", String(pairs.imageCount)))
        entries.append(("records", String(pairs.recordCount)))
        entries.append(("results", store.fileURL.deletingLastPathComponent().lastPathComponent))
        return ReportProvenance(entries, demo: demo)
    }
}
