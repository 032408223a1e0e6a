import Foundation
import Inference

/// Writes a store of made-up records with known structure, for the report benchmark and for tests
/// of degenerate data. Nothing here runs EmoNet.
///
/// Per image: the `original` record has softmax(logits ~ N(0, 1.5²)) probabilities, valence/arousal
/// in [0, 10) and a ReLU'd N(0, 1) map per method. Condition j (1-based) adds `effect · j / conditions`
/// to class 0's logit plus N(0, 0.3²) noise to every logit, shifts valence by +0.05·j, and mixes the map
/// with fresh noise of weight j / conditions. Every fourth condition is region-based (a 40 × 40 box at
/// (20, 20) of a 200 × 100 image). All draws are SplitMix64 from `seed`: the same options give the
/// same store.
public enum SyntheticStore {
    public struct Options: Sendable {
        public var images: Int
        public var conditions: Int
        public var methods: [String]
        public var mapSize: Int
        public var effect: Double
        public var seed: UInt64

        public init(images: Int, conditions: Int, methods: [String] = ["grad-cam", "ablation-cam"], mapSize: Int = 13,
                    effect: Double = 1.0, seed: UInt64 = 1) {
            self.images = images
            self.conditions = conditions
            self.methods = methods
            self.mapSize = mapSize
            self.effect = effect
            self.seed = seed
        }
    }

    /// Writes the store into `folder` (replacing an existing one) and returns the record count.
    @discardableResult
    public static func write(to folder: URL, options o: Options) throws -> Int {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(ResultStore.fileName))
        let spec = StoreSpec(name: "synthetic", hash: "synthetic-\(o.images)x\(o.conditions)x\(o.methods.count)-seed\(o.seed)",
                             resolved: "{}")
        let store = try ResultStore.open(output: folder, spec: spec)
        let names = (1...max(1, o.conditions)).prefix(o.conditions).map { "cond\($0)" }
        try store.registerConditions([ConditionEntry(name: "original", transform: "identity", parameters: "{}")]
            + names.enumerated().map { ConditionEntry(name: $0.element, transform: $0.offset % 4 == 3 ? "occlude" : "gaussian-blur",
                                                       parameters: "{\"level\":\($0.offset + 1)}", group: "cond",
                                                       sweep: "{\"level\":\($0.offset + 1)}") })
        let run = try store.beginRun(provenance: RunProvenance(emoshiftVersion: "synthetic", demo: true, machine: "synthetic",
                                                               blasThreads: 1), seed: o.seed)
        var rng = SplitMix64(seed: o.seed)
        func normal() -> Double {
            let u = max(rng.uniform(), 1e-300), v = rng.uniform()
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        func softmax(_ z: [Double]) -> [Float] {
            let m = z.max() ?? 0
            let e = z.map { exp($0 - m) }
            let s = e.reduce(0, +)
            return e.map { Float($0 / s) }
        }
        let cells = o.mapSize * o.mapSize
        var count = 0
        for i in 0..<o.images {
            let image = ImageEntry(path: "synthetic/img\(String(format: "%06d", i)).png", contentSHA256: String(format: "%064x", i),
                                   width: 200, height: 100, byteSize: 1000)
            let logits = (0..<20).map { _ in 1.5 * normal() }
            let valence = 10 * rng.uniform(), arousal = 10 * rng.uniform()
            let maps = o.methods.map { _ in (0..<cells).map { _ in max(0, normal()) } }
            var records: [ResultRecord] = []
            func record(_ condition: String, _ z: [Double], _ v: Double, _ a: Double, _ method: Int, _ map: [Double], _ applied: String) -> ResultRecord {
                let p = softmax(z)
                let top = p.indices.max { p[$0] < p[$1] } ?? 0
                return ResultRecord(condition: condition, method: o.methods[method], probabilities: p, top1: top, valence: v, arousal: a,
                                    cam: StoredMap(width: o.mapSize, height: o.mapSize, values: map.map(Float.init)),
                                    targetClass: top, appliedParameters: applied)
            }
            for m in o.methods.indices { records.append(record("original", logits, valence, arousal, m, maps[m], "{}")) }
            for (j, name) in names.enumerated() {
                let w = Double(j + 1) / Double(max(1, o.conditions))
                var z = logits.map { $0 + 0.3 * normal() }
                z[0] += o.effect * w
                let applied = j % 4 == 3
                    ? "{\"outputWidth\":200,\"outputHeight\":100,\"regions\":[{\"x\":20,\"y\":20,\"width\":40,\"height\":40,\"label\":\"face\"}]}"
                    : "{\"outputWidth\":200,\"outputHeight\":100,\"regions\":[]}"
                let v = valence + 0.05 * Double(j + 1) + 0.1 * normal(), a = arousal + 0.1 * normal()
                for m in o.methods.indices {
                    let map = maps[m].map { (1 - w) * $0 + w * max(0, normal()) }
                    records.append(record(name, z, v, a, m, map, applied))
                }
            }
            try store.saveRecords(records, image: image, runID: run)
            count += records.count
        }
        try store.finishRun(run)
        return count
    }
}
