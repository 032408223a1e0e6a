import Detection
import Dispatch
import Explanation
import Foundation
import Imaging
import Inference
import Perturbation
import Synchronization

/// Runs a validated spec into its store: for every image, decode once, detect once, build every
/// condition's variant (seeded per item), run the original and all variants through EmoNet as one
/// batch, compute each CAM method, and save the image's records in one transaction.
///
/// Resumable: records already in the store are not recomputed (a re-run only fills what is
/// missing). Conditions' regions come from the image's detections, filtered by the condition's
/// `regions` (detector names or labels; all detections when absent).
public struct ExperimentRunner {
    public var spec: ExperimentSpec
    public var corpus: [String]
    public var weights: EmoNetWeights
    /// Called after each image with (images done, total, path).
    public var progress: @Sendable (Int, Int, String) -> Void = { _, _, _ in }
    /// Checked between images: when it returns true the run stops after the current image, its
    /// records committed, and the run is marked interrupted (Ctrl-C).
    public var shouldStop: @Sendable () -> Bool = { false }
    /// Images processed in parallel (each worker runs decode → detect → variants → EmoNet → CAMs
    /// for one image; writes are serialised by the store). Use one BLAS thread per worker when > 1.
    public var jobs: Int = 1
    /// `(index, count)`: process only images whose content hash falls in this slice
    /// (`first 8 hex digits of SHA-256 mod count == index`), independent of file order.
    public var shard: (index: Int, count: Int)? = nil
    /// Store location (default: the spec's output folder).
    public var storeFolder: String? = nil

    public static let originalCondition = "original"

    public init(spec: ExperimentSpec, corpus: [String], weights: EmoNetWeights) {
        self.spec = spec
        self.corpus = corpus
        self.weights = weights
    }

    /// The spec's hash: SHA-256 of its JSON encoding (sorted keys), output path excluded.
    public static func specHash(_ spec: ExperimentSpec) -> (hash: String, resolved: String) {
        var s = spec
        s.output = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(s)) ?? Data()
        return (ItemSeed.sha256Hex(Array(data)), String(decoding: data, as: UTF8.self))
    }

    public func run(fresh: Bool = false, blasThreads: Int = 1, version: String = "0.1.0") throws -> RunSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var summary = RunSummary()
        let (hash, resolved) = Self.specHash(spec)
        let output = URL(fileURLWithPath: storeFolder ?? spec.output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try resolved.write(to: output.appendingPathComponent("spec.resolved.json"), atomically: true, encoding: .utf8)
        let store = try ResultStore.open(output: output, spec: StoreSpec(name: spec.name, hash: hash, resolved: resolved), fresh: fresh)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json<T: Encodable>(_ value: T) -> String { String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self) }
        try store.registerConditions([ConditionEntry(name: Self.originalCondition, transform: "identity", parameters: "{}")]
            + spec.expandedConditions.map { ConditionEntry(name: $0.id, transform: $0.transform, parameters: json($0.parameters),
                                                          group: $0.group, sweep: json($0.sweep)) })
        let provenance = RunProvenance(emoshiftVersion: version, weightsPath: weights.provenance.path,
                                       weightsSHA256: weights.provenance.sha256, demo: weights.isDemo,
                                       machine: ProcessInfo.processInfo.hostName, blasThreads: blasThreads, jobs: jobs,
                                       shard: shard.map { "\($0.index)/\($0.count)" })
        let runID = try store.beginRun(provenance: provenance, seed: spec.seed)
        let completed = try store.completedKeys()
        let modifications = try spec.expandedConditions.map { try ModificationFactory.make($0.transform, parameters: $0.parameters) }
        let methods = spec.explain.methods.map { CAMMethods.method($0) }
        let methodNames = methods.isEmpty ? ["none"] : spec.explain.methods.map(\.rawValue)
        let net = EmoNet(weights: weights)
        let pre = EmoNetPreprocessor(meanImage: weights.meanImage)
        let conditionNames = [Self.originalCondition] + spec.expandedConditions.map(\.id)

        // Imported detections (read once; image sizes from the files' headers, after nothing else).
        var imported: [String: [DetectionBox]] = [:]
        if !spec.detect.imports.isEmpty {
            var sizes: [String: DetectionImporter.ImageSize] = [:]
            for path in corpus {
                if let info = try? ImageDecoder.info(contentsOf: path) { sizes[path] = .init(width: info.width, height: info.height) }
            }
            let known = sizes
            for imp in spec.detect.imports {
                let result = try DetectionImporter.import(path: imp.file, format: imp.format, classNames: imp.classes, images: corpus,
                                                          imageSize: { known[$0] }, minScore: imp.minScore ?? -.infinity,
                                                          labels: imp.labels)
                for (key, boxes) in result.detections { imported[key, default: []] += boxes }
            }
        }

        let context = ImageContext(spec: spec, store: store, runID: runID, completed: completed,
                                   modifications: modifications, methods: methods, methodNames: methodNames,
                                   net: net, pre: pre, conditionNames: conditionNames, shard: shard, imported: imported)
        let state = Mutex(RunProgress())
        let workers = max(1, min(jobs, corpus.count))
        let corpus = self.corpus, shouldStop = self.shouldStop, progress = self.progress
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let next: Int? = state.withLock { st in
                    if st.failure != nil || st.interrupted { return nil }
                    if shouldStop() { st.interrupted = true; return nil }
                    guard st.next < corpus.count else { return nil }
                    defer { st.next += 1 }
                    return st.next
                }
                guard let index = next else { return }
                let path = corpus[index]
                do {
                    let delta = try context.process(path)
                    state.withLock { st in
                        st.summary.add(delta)
                        st.done += 1
                        progress(st.done, corpus.count, path)
                    }
                } catch {
                    state.withLock { st in if st.failure == nil { st.failure = "\(path): \(error)" } }
                    return
                }
            }
        }
        let final = state.withLock { $0 }
        if let failure = final.failure { throw RunnerError(message: failure) }
        let interrupted = final.interrupted
        summary.add(final.summary)
        try store.finishRun(runID, status: interrupted ? .interrupted : .completed)
        summary.interrupted = interrupted
        summary.seconds = (clock.now - start).seconds
        return summary
    }
}

/// Shared mutable progress of a run (guarded by a Mutex).
struct RunProgress: Sendable {
    var next = 0
    var done = 0
    var interrupted = false
    var failure: String?
    var summary = RunSummary()
}

/// A store or programming failure that stops the run (image-level problems are records, not errors).
public struct RunnerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Everything one image's processing reads; immutable and shared by the workers.
struct ImageContext: Sendable {
    let spec: ExperimentSpec
    let store: ResultStore
    let runID: Int64
    let completed: Set<RecordKey>
    let modifications: [any ImageModification]
    let methods: [any CAMMethod]
    let methodNames: [String]
    let net: EmoNet
    let pre: EmoNetPreprocessor
    let conditionNames: [String]
    let shard: (index: Int, count: Int)?
    /// Detections imported from external detector files, by corpus path.
    let imported: [String: [DetectionBox]]

    static let originalCondition = ExperimentRunner.originalCondition

    func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }

    /// Processes one image and stores its records (one transaction); returns what it did.
    func process(_ path: String) throws -> RunSummary {
        var summary = RunSummary()
        let clock = ContinuousClock()
            let bytes: [UInt8]
            do { bytes = try FileReader.read(path) } catch {
                summary.images += 1
                summary.failedImages += 1
                return summary
            }
            let sha = ItemSeed.sha256Hex(bytes)
            if let shard, UInt64(sha.prefix(8), radix: 16)! % UInt64(shard.count) != UInt64(shard.index) { return summary }
            summary.images += 1
            let keys = conditionNames.flatMap { c in methodNames.map { RecordKey(imagePath: path, imageSHA256: sha, condition: c, method: $0) } }
            if keys.allSatisfy({ completed.contains($0) }) {
                summary.skippedImages += 1
                return summary
            }
            var entry = ImageEntry(path: path, contentSHA256: sha, width: nil, height: nil, byteSize: bytes.count)
            let rgb: Image
            do {
                rgb = try ImageDecoder.decode(bytes).rgb()
            } catch {
                summary.failedImages += 1
                let records = conditionNames.flatMap { c in methodNames.map {
                    ResultRecord(condition: c, method: $0, status: .failed, error: "\(path): \(error.description)")
                } }
                try store.saveRecords(records, image: entry, runID: runID)
                summary.failedRecords += records.count
                return summary
            }
            entry.width = rgb.width
            entry.height = rgb.height

            // Detect once per image.
            var boxes: [DetectionBox] = imported[path] ?? []
            for d in spec.detect.detectors {
                boxes += (try? d.name.detect(in: rgb, scaleFactor: d.scaleFactor, minNeighbors: d.minNeighbors,
                                             minSize: (d.minSize.first ?? 0, d.minSize.last ?? 0),
                                             maxSize: (d.maxSize.first ?? 0, d.maxSize.last ?? 0))) ?? []
            }
            let detections = boxes.enumerated().map {
                DetectionEntry(index: $0.offset, label: $0.element.label, score: $0.element.score, x: $0.element.x,
                               y: $0.element.y, width: $0.element.width, height: $0.element.height, source: $0.element.source)
            }

            // Variants: the original plus every condition (not-applicable and failed ones recorded as such).
            var variants: [(condition: String, image: Image, applied: String, seed: UInt64)] = [(Self.originalCondition, rgb, "{}", 0)]
            var records: [ResultRecord] = []
            for (c, modification) in zip(spec.expandedConditions, modifications) {
                let seed = ItemSeed.make(specSeed: spec.seed, imageSHA256: sha, condition: c.id)
                let regions = ExperimentRunner.regions(for: c, among: boxes)
                do {
                    let result = try modification.apply(to: rgb, regions: regions, seed: seed)
                    if case .notApplicable(let reason) = result.record.status {
                        for m in methodNames {
                            records.append(ResultRecord(condition: c.id, method: m, status: .notApplicable, error: reason,
                                                        appliedParameters: json(result.record), itemSeed: seed))
                        }
                        summary.notApplicable += methodNames.count
                        continue
                    }
                    variants.append((c.id, result.image, json(result.record), seed))
                } catch {
                    for m in methodNames {
                        records.append(ResultRecord(condition: c.id, method: m, status: .failed, error: "\(error)", itemSeed: seed))
                    }
                    summary.failedRecords += methodNames.count
                }
            }

            // EmoNet on all variants at once, then the CAMs.
            let modelStart = clock.now
            let input = try pre.batch(variants.map { $0.image })
            let forward = net.forward(input)
            let originalTop = forward.top1(of: 0)
            let classes: [Int] = (0..<variants.count).map { n in
                switch spec.explain.target {
                case .originalTop1: return originalTop
                case .perVariantTop1: return forward.top1(of: n)
                case .classes(let names): return EmoNetClasses.index(of: names.first ?? "") ?? originalTop
                }
            }
            var maps: [[CAMMap]] = []
            if !methods.isEmpty {
                let ctx = ExplanationContext(net: net, input: input, classes: classes, layer: spec.explain.layer,
                                             seed: spec.explain.seed ?? spec.seed)
                maps = methods.map { $0.maps(ctx) }
            }
            summary.modelSeconds += (clock.now - modelStart).seconds
            let corpus = spec.analysis.corpus
            let importanceBoxes = detections.map {
                ImportanceBox(x: $0.x, y: $0.y, width: $0.width, height: $0.height, label: $0.label, score: $0.score)
            }
            for (n, v) in variants.enumerated() {
                let probs = forward.probabilities(of: n), logits = forward.logits(of: n)
                let y = spec.model.affectInput == .probabilities ? probs : logits
                for (mi, m) in methodNames.enumerated() {
                    let map = maps.isEmpty ? nil : maps[mi][n]
                    records.append(ResultRecord(
                        condition: v.condition, method: m, probabilities: probs, logits: logits, top1: forward.top1(of: n),
                        valence: spec.model.affect ? AffectHeads.valence(y) : nil,
                        arousal: spec.model.affect ? AffectHeads.arousal(y) : nil,
                        cam: map.map { StoredMap(width: $0.raw.width, height: $0.raw.height, values: $0.raw.values) },
                        targetClass: map.map { $0.target.classIndex } ?? classes[n],
                        targetScoreKind: map.map { m in if case .logit = m.target { return "logit" } else { return "probability" } },
                        appliedParameters: v.applied, itemSeed: v.seed))
                    if corpus.enabled, let map, !importanceBoxes.isEmpty {
                        records[records.count - 1].importances = Self.importances(
                            of: map, boxes: importanceBoxes, variant: v.image, original: rgb,
                            convention: ImportanceConvention(rawValue: corpus.convention.rawValue) ?? .clamped)
                    }
                }
            }
            let missing = records.filter { !completed.contains(RecordKey(imagePath: path, imageSHA256: sha, condition: $0.condition, method: $0.method)) }
            try store.saveRecords(missing, image: entry, detections: detections, runID: runID)
            summary.recordsWritten += missing.count
        return summary
    }
}

extension ExperimentRunner {
    /// The detections a condition acts on: all of them, or those whose label (case-insensitive),
    /// detector source or detector name matches one of the condition's `regions`.
    public static func regions(for c: ExpandedCondition, among boxes: [DetectionBox]) -> [PerturbationRegion] {
        boxes.filter { b in
            guard let wanted = c.regions, !wanted.contains("all") else { return true }
            return wanted.contains { w in
                w.caseInsensitiveCompare(b.label) == .orderedSame || b.source.lowercased().contains(w.lowercased())
                    || NamedDetector(rawValue: w)?.label == b.label
            }
        }.map { PerturbationRegion(label: $0.label, x: $0.x, y: $0.y, width: $0.width, height: $0.height) }
    }
}

extension ImageContext {
    /// Object importances (EmoCAM §4.5) of the image's detections in one variant's CAM, in detection
    /// order. Boxes are in the original image's pixels; a variant of another size gets n/a entries.
    static func importances(of map: CAMMap, boxes: [ImportanceBox], variant: Image, original: Image,
                            convention: ImportanceConvention) -> [ObjectImportanceEntry] {
        func all(_ reason: String) -> [ObjectImportanceEntry] {
            boxes.indices.map { ObjectImportanceEntry(detectionIndex: $0, value: nil, reason: reason, convention: convention.rawValue) }
        }
        guard variant.width == original.width, variant.height == original.height else {
            return all("the modified image is \(variant.width)×\(variant.height), the detections belong to \(original.width)×\(original.height)")
        }
        do {
            let importance = map.method.scoresLogits
                ? try ObjectImportance(cam227: map.upsampled(), imageWidth: original.width, imageHeight: original.height, convention: convention)
                : try ObjectImportance(rawCAM: map.raw, imageWidth: original.width, imageHeight: original.height, convention: convention)
            return importance.importances(of: boxes).enumerated().map {
                ObjectImportanceEntry(detectionIndex: $0.offset, value: $0.element.value, reason: $0.element.reason,
                                      convention: convention.rawValue)
            }
        } catch {
            return all("importance not computable: \(error)")
        }
    }
}
