import Foundation

/// Reads a store once, in its deterministic order (image, condition, method), and pairs every
/// modified record with the same image's baseline record of the same method.
///
/// Rules: only records with status `ok` on both sides pair; `not-applicable` and `failed`
/// records are counted per condition (``PairedObservations/Exclusions``), never silently dropped.
/// Regions for the region metrics come from the modified record's applied parameters
/// (`regions: [{x, y, width, height, label}]`, original pixels). The image size for pixel units is
/// the stored image size, else the applied `outputWidth`/`outputHeight`.
public enum PairCollector {
    public static func collect(_ store: ResultStore, baseline: String = ExperimentRunner.originalCondition,
                               topFraction: Double = 0.2) throws -> PairedObservations {
        let entries = try store.conditions()
        guard entries.contains(where: { $0.name == baseline }) else {
            throw AnalysisError.unknownBaseline(baseline, available: entries.map(\.name))
        }
        let conditions = entries.map(\.name).filter { $0 != baseline }
        var groups: [String: String] = [:], sweeps: [String: String] = [:]
        for e in entries { groups[e.name] = e.group ?? e.name; if let s = e.sweep { sweeps[e.name] = s } }
        var methods = Set<String>()
        var emotion: [String: [PairedObservations.Emotion]] = [:]
        var heatmap: [PairKey: [PairedObservations.Heatmap]] = [:]
        var exclusions: [String: PairedObservations.Exclusions] = [:]
        var images = Set<String>()
        var recordCount = 0

        var currentImage: Int64?
        var batch: [StoredRecord] = []
        func flush() {
            guard let first = batch.first else { return }
            images.insert(first.image.path)
            pairImage(batch, baseline: baseline, topFraction: topFraction, methods: &methods, emotion: &emotion,
                      heatmap: &heatmap, exclusions: &exclusions)
            batch.removeAll(keepingCapacity: true)
        }
        try store.forEachRecord { stored in
            recordCount += 1
            if stored.imageID != currentImage { flush(); currentImage = stored.imageID }
            batch.append(stored)
        }
        flush()
        return PairedObservations(baseline: baseline, conditions: conditions, groups: groups, sweeps: sweeps,
                                  methods: methods.sorted(), emotion: emotion, heatmap: heatmap, exclusions: exclusions,
                                  imageCount: images.count, recordCount: recordCount)
    }

    /// Pairs one image's records (all conditions and methods).
    static func pairImage(_ records: [StoredRecord], baseline: String, topFraction: Double, methods: inout Set<String>,
                          emotion: inout [String: [PairedObservations.Emotion]],
                          heatmap: inout [PairKey: [PairedObservations.Heatmap]],
                          exclusions: inout [String: PairedObservations.Exclusions]) {
        var base: [String: StoredRecord] = [:]
        for r in records where r.record.condition == baseline { base[r.record.method] = r; methods.insert(r.record.method) }
        var emotionDone = Set<String>()
        for stored in records where stored.record.condition != baseline {
            let r = stored.record
            methods.insert(r.method)
            let firstOfCondition = !emotionDone.contains(r.condition)
            emotionDone.insert(r.condition)
            switch r.status {
            case .notApplicable: if firstOfCondition { exclusions[r.condition, default: .init()].notApplicable += 1 }; continue
            case .failed: if firstOfCondition { exclusions[r.condition, default: .init()].failed += 1 }; continue
            case .ok: break
            }
            guard let b = base[r.method], b.record.status == .ok, let p = b.record.probabilities, let q = r.probabilities else {
                if firstOfCondition { exclusions[r.condition, default: .init()].baselineMissing += 1 }
                continue
            }
            let path = stored.image.path
            if firstOfCondition,
               let shift = EmotionShift(baseline: p.map(Double.init), modified: q.map(Double.init),
                                        baselineValence: b.record.valence, modifiedValence: r.valence,
                                        baselineArousal: b.record.arousal, modifiedArousal: r.arousal) {
                emotion[r.condition, default: []].append(.init(image: path, shift: shift))
            }
            guard let mapA = b.record.cam, let mapB = r.cam, !mapA.values.isEmpty else {
                if firstOfCondition { exclusions[r.condition, default: .init()].noMap += 1 }
                continue
            }
            let applied = AppliedParameters(json: r.appliedParameters)
            let width = Double(stored.image.width ?? applied.outputWidth ?? 1)
            let height = Double(stored.image.height ?? applied.outputHeight ?? 1)
            let a = MapGrid(width: mapA.width, height: mapA.height, values: mapA.values.map(Double.init),
                            imageWidth: width, imageHeight: height)
            let bGrid = MapGrid(width: mapB.width, height: mapB.height, values: mapB.values.map(Double.init),
                                imageWidth: width, imageHeight: height)
            var drift = HeatmapDrift(baseline: a, modified: bGrid, regions: applied.regions, topFraction: topFraction)
            if stored.image.width == nil && applied.outputWidth == nil {
                drift.centreShift = nil
                drift.reasons["centre_shift"] = "image size unknown"
            }
            heatmap[PairKey(condition: r.condition, method: r.method), default: []]
                .append(.init(image: path, drift: drift, regions: applied.regions))
        }
    }
}
