import Foundation
import Synchronization

/// Reads a store once and pairs every modified record with the same image's baseline record of the
/// same method.
///
/// Rules: only records with status `ok` on both sides pair; `not-applicable` and `failed`
/// records are counted per condition (``PairedObservations/Exclusions``), never silently dropped.
/// Regions for the region metrics come from the modified record's applied parameters
/// (`regions: [{x, y, width, height, label}]`, original pixels). The image size for pixel units is
/// the stored image size, else the applied `outputWidth`/`outputHeight`.
///
/// Images are processed in chunks on all cores (each chunk in its own read transaction); results are
/// concatenated in image order, so the observations do not depend on the number of workers.
public enum PairCollector {
    public static func collect(_ store: ResultStore, baseline: String = ExperimentRunner.originalCondition,
                               topFraction: Double = 0.2, workers: Int = ProcessInfo.processInfo.activeProcessorCount)
        throws -> PairedObservations {
        let entries = try store.conditions()
        guard entries.contains(where: { $0.name == baseline }) else {
            throw AnalysisError.unknownBaseline(baseline, available: entries.map(\.name))
        }
        let conditions = entries.map(\.name).filter { $0 != baseline }
        var groups: [String: String] = [:], sweeps: [String: String] = [:]
        for e in entries { groups[e.name] = e.group ?? e.name; if let s = e.sweep { sweeps[e.name] = s } }

        let imageIDs = try store.images().map(\.id)
        let chunkSize = 256
        let chunkCount = (imageIDs.count + chunkSize - 1) / chunkSize
        let partials = ChunkResults()
        let work: @Sendable (Int) -> Void = { c in
            let ids = Array(imageIDs[(c * chunkSize)..<min(imageIDs.count, (c + 1) * chunkSize)])
            let result = Result { () throws -> Partial in
                var partial = Partial()
                partial.nextOrdinal = c * chunkSize
                var batch: [AnalysisRecord] = []
                func flush() {
                    guard !batch.isEmpty else { return }
                    partial.pairImage(batch, baseline: baseline, topFraction: topFraction)
                    batch.removeAll(keepingCapacity: true)
                }
                try store.forEachAnalysisRecord(images: ids) { record in
                    partial.recordCount += 1
                    if let last = batch.last, last.imageID != record.imageID { flush() }
                    batch.append(record)
                }
                flush()
                return partial
            }
            partials.results.withLock { $0[c] = result }
        }
        if workers > 1 && chunkCount > 1 {
            DispatchQueue.concurrentPerform(iterations: chunkCount, execute: work)
        } else {
            for c in 0..<chunkCount { work(c) }
        }
        var merged = Partial()
        let results = partials.results.withLock { $0 }
        for c in 0..<chunkCount { merged.append(try results[c]!.get()) }
        return PairedObservations(baseline: baseline, conditions: conditions, groups: groups, sweeps: sweeps,
                                  methods: merged.methods.sorted(), emotion: merged.emotion, heatmap: merged.heatmap,
                                  exclusions: merged.exclusions, imageCount: merged.images, recordCount: merged.recordCount)
    }

    final class ChunkResults: Sendable {
        let results = Mutex<[Int: Result<Partial, any Error>]>([:])
    }

    /// The observations of one chunk of images.
    struct Partial: Sendable {
        var methods = Set<String>()
        var emotion: [String: [PairedObservations.Emotion]] = [:]
        var heatmap: [PairKey: [PairedObservations.Heatmap]] = [:]
        var exclusions: [String: PairedObservations.Exclusions] = [:]
        var images = 0
        var recordCount = 0
        /// Store-order position of the next image this chunk pairs.
        var nextOrdinal = 0

        mutating func append(_ other: Partial) {
            methods.formUnion(other.methods)
            for (k, v) in other.emotion { emotion[k, default: []] += v }
            for (k, v) in other.heatmap { heatmap[k, default: []] += v }
            for (k, v) in other.exclusions {
                var e = exclusions[k, default: .init()]
                e.notApplicable += v.notApplicable; e.failed += v.failed; e.baselineMissing += v.baselineMissing; e.noMap += v.noMap
                exclusions[k] = e
            }
            images += other.images
            recordCount += other.recordCount
        }

        /// Pairs one image's records (all conditions and methods).
        mutating func pairImage(_ records: [AnalysisRecord], baseline: String, topFraction: Double) {
            images += 1
            let ordinal = nextOrdinal
            nextOrdinal += 1
            var base: [String: AnalysisRecord] = [:]
            for r in records where r.condition == baseline { base[r.method] = r; methods.insert(r.method) }
            var baseProfiles: [String: MapProfile] = [:]
            var emotionDone = Set<String>()
            for r in records where r.condition != baseline {
                methods.insert(r.method)
                let firstOfCondition = emotionDone.insert(r.condition).inserted
                switch r.status {
                case .notApplicable: if firstOfCondition { exclusions[r.condition, default: .init()].notApplicable += 1 }; continue
                case .failed: if firstOfCondition { exclusions[r.condition, default: .init()].failed += 1 }; continue
                case .ok: break
                }
                guard let b = base[r.method], b.status == .ok, let p = b.probabilities, let q = r.probabilities else {
                    if firstOfCondition { exclusions[r.condition, default: .init()].baselineMissing += 1 }
                    continue
                }
                if firstOfCondition,
                   let shift = EmotionShift(baseline: p.map(Double.init), modified: q.map(Double.init),
                                            baselineValence: b.valence, modifiedValence: r.valence,
                                            baselineArousal: b.arousal, modifiedArousal: r.arousal) {
                    emotion[r.condition, default: []].append(.init(image: r.imagePath, ordinal: ordinal, shift: shift))
                }
                guard let mapA = b.cam, let mapB = r.cam, !mapA.values.isEmpty else {
                    if firstOfCondition { exclusions[r.condition, default: .init()].noMap += 1 }
                    continue
                }
                let applied = AppliedParameters(json: r.appliedParameters, needSize: r.imageWidth == nil || r.imageHeight == nil)
                let width = Double(r.imageWidth ?? applied.outputWidth ?? 1)
                let height = Double(r.imageHeight ?? applied.outputHeight ?? 1)
                let profileA: MapProfile
                if let cached = baseProfiles[r.method], cached.grid.imageWidth == width, cached.grid.imageHeight == height {
                    profileA = cached
                } else {
                    profileA = MapProfile(MapGrid(width: mapA.width, height: mapA.height, values: mapA.values.map(Double.init),
                                                  imageWidth: width, imageHeight: height), topFraction: topFraction)
                    baseProfiles[r.method] = profileA
                }
                guard mapB.values.count == mapB.width * mapB.height, mapA.values.count == mapA.width * mapA.height,
                      mapA.values.allSatisfy(\.isFinite), mapB.values.allSatisfy(\.isFinite) else {
                    if firstOfCondition { exclusions[r.condition, default: .init()].noMap += 1 }
                    continue
                }
                let profileB = MapProfile(MapGrid(width: mapB.width, height: mapB.height, values: mapB.values.map(Double.init),
                                                  imageWidth: width, imageHeight: height), topFraction: topFraction)
                var drift = HeatmapDrift(baseline: profileA, modified: profileB, regions: applied.regions)
                if r.imageWidth == nil && applied.outputWidth == nil {
                    drift.centreShift = nil
                    drift.reasons["centre_shift"] = "image size unknown"
                }
                heatmap[PairKey(condition: r.condition, method: r.method), default: []]
                    .append(.init(image: r.imagePath, ordinal: ordinal, drift: drift, regions: applied.regions))
            }
        }
    }
}
