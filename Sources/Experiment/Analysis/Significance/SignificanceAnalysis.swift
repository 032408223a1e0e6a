import Foundation
import Statistics
import Synchronization

/// Runs the paired tests of every (condition, metric, method) against the baseline and applies the
/// multiple-comparison correction within each declared family.
///
/// Per row (continuous metric, differences d = after − before, n pairs):
/// n; median before / after; mean d with a `confidence` CI (Student t, or BCa bootstrap when the
/// spec lists `bootstrap`); median d; the test; effect size (d_z for t and permutation, matched-pairs
/// rank-biserial for Wilcoxon). Binary metrics (flip, pointing) use McNemar on the discordant pairs
/// b = no→yes and c = yes→no (exact binomial when b + c < 25, else χ² with continuity correction),
/// the rate difference (b − c)/n with the paired Wald interval
/// (b − c)/n ± z·√(b + c − (b − c)²/n)/n (Agresti 2002 §10.1; the Wilson interval of b/n when c = 0),
/// and the odds ratio b/c.
///
/// Corrections are applied per test (the tests are alternative analyses of the same hypotheses, not
/// extra hypotheses) within each family; rows whose p is n/a stay out of the family.
public enum SignificanceAnalysis {
    public static func run(_ observations: PairedObservations, settings: AnalysisSettings) -> [SignificanceRow] {
        GSLRuntime.prepare()
        // Plan the rows (cheap), then compute them on all cores: the tests, bootstrap and permutation
        // draws of one row never depend on another row (each row has its own seed).
        var planned: [(base: RowBase, test: String?)] = []
        for condition in observations.conditions {
            for metric in settings.metrics {
                let methods: [String?] = metric.scope == .emotion ? [nil] : observations.methods.map { $0 }
                for method in methods {
                    let key = PairKey(condition: condition, method: method ?? "")
                    if metric.scope == .heatmap, observations.heatmap[key] == nil {
                        continue  // this method produced no maps for the condition (e.g. a "none" method)
                    }
                    if metric.key == "cam_region_mass" || metric.key == "cam_pointing",
                       let first = observations.heatmap[key]?.first, first.regions.isEmpty,
                       observations.heatmap[key]!.allSatisfy({ $0.regions.isEmpty }) {
                        continue  // region metrics of a whole-image modification: not a question, not a row
                    }
                    let family = familyName(settings.family, metric: metric, condition: condition, method: method)
                    let base = RowBase(condition: condition, group: observations.groups[condition] ?? condition,
                                       metric: metric, method: method, family: family)
                    if metric.kind == .binary {
                        planned.append((base, nil))
                    } else {
                        for test in settings.continuousTests { planned.append((base, test)) }
                    }
                }
            }
        }
        let jobs = planned
        let results = RowResults(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let job = jobs[i]
            let sample = MetricExtractor.sample(job.base.metric, condition: job.base.condition, method: job.base.method ?? "",
                                                from: observations)
            var base = job.base
            base.exclusions = sample.exclusionSummary
            let row = job.test.map { continuousRow(base, sample, test: $0, settings: settings) } ?? binaryRow(base, sample, settings)
            results.set(i, row)
        }
        var rows = results.all()
        applyCorrections(&rows, settings: settings)
        return rows
    }

    /// Rows computed in parallel, stored by index.
    final class RowResults: Sendable {
        let rows: Mutex<[SignificanceRow?]>
        init(count: Int) { rows = Mutex([SignificanceRow?](repeating: nil, count: count)) }
        func set(_ i: Int, _ row: SignificanceRow) { rows.withLock { $0[i] = row } }
        func all() -> [SignificanceRow] { rows.withLock { $0.map { $0! } } }
    }

    struct RowBase: Sendable {
        var condition: String
        var group: String
        var metric: AnalysisMetric
        var method: String?
        var family: String
        var exclusions: String? = nil
    }

    static func familyName(_ family: String, metric: AnalysisMetric, condition: String, method: String?) -> String {
        let tier = metric.primary ? "primary" : "secondary"
        switch family {
        case "condition": return "\(tier) · condition \(condition)"
        case "method": return "\(tier) · method \(method ?? "none (EmoNet output)")"
        case "metric": return "\(tier) · metric \(metric.key)"
        default: return "\(tier) metrics"
        }
    }

    static func continuousRow(_ base: RowBase, _ s: MetricSample, test: String, settings: AnalysisSettings) -> SignificanceRow {
        let d = s.differences
        let seed = rowSeed(settings.seed, base.condition, base.method ?? "", base.metric.key)
        let (tResult, tInterval) = PairedTests.t(d, confidence: settings.confidence)
        var ci = tInterval
        if settings.bootstrapCI {
            ci = Resampling.bootstrap(d, statistic: .mean, method: .bca, resamples: settings.bootstrapResamples,
                                      seed: seed, confidence: settings.confidence)
        }
        let result: TestResult
        var effectName = "", effect: Double?, effectReason: String?
        switch test {
        case "paired-t":
            result = tResult
            (effect, effectReason) = EffectSize.cohensDz(d); effectName = "d_z"
        case "sign":
            result = PairedTests.sign(d)
        case "permutation":
            result = Resampling.permutation(d, resamples: settings.permutationResamples, seed: seed)
            (effect, effectReason) = EffectSize.cohensDz(d); effectName = "d_z"
        default:
            result = PairedTests.wilcoxon(d)
            (effect, effectReason) = EffectSize.rankBiserial(d); effectName = "r_rb"
        }
        return SignificanceRow(
            condition: base.condition, group: base.group, metric: base.metric, method: base.method, test: test, n: s.count,
            baseline: Summary.median(s.before), modified: Summary.median(s.after), meanDelta: Summary.mean(d), ci: ci,
            medianDelta: Summary.median(d), result: result, adjustedP: nil, reject: nil, effectName: effectName,
            effect: effect, effectInfinite: false, effectReason: effectReason, family: base.family,
            exclusions: base.exclusions, discordant: nil)
    }

    static func binaryRow(_ base: RowBase, _ s: MetricSample, _ settings: AnalysisSettings) -> SignificanceRow {
        let n = s.count
        var b = 0, c = 0, before = 0, after = 0
        for (x, y) in zip(s.beforeFlags, s.afterFlags) {
            if !x && y { b += 1 }
            if x && !y { c += 1 }
            if x { before += 1 }
            if y { after += 1 }
        }
        let result = PairedTests.mcnemar(b: b, c: c, exact: b + c < 25)
        let odds = EffectSize.mcnemarOddsRatio(b: b, c: c)
        var ci: Interval
        if n == 0 {
            ci = Interval(estimate: nil, lower: nil, upper: nil, level: settings.confidence, method: "wald-paired", reason: "no pairs")
        } else if c == 0 {
            ci = Proportion.wilson(successes: b, n: n, confidence: settings.confidence)
        } else if b == 0 {
            let w = Proportion.wilson(successes: c, n: n, confidence: settings.confidence)
            ci = Interval(estimate: w.estimate.map { -$0 }, lower: w.upper.map { -$0 }, upper: w.lower.map { -$0 },
                          level: w.level, method: w.method, reason: w.reason)
        } else {
            let nn = Double(n), diff = Double(b - c) / nn
            let z = Summary.normalQuantile(0.5 + settings.confidence / 2)
            let half = z * max(0, Double(b + c) - Double((b - c) * (b - c)) / nn).squareRoot() / nn
            ci = Interval(estimate: diff, lower: max(-1, diff - half), upper: min(1, diff + half), level: settings.confidence,
                          method: "wald-paired")
        }
        return SignificanceRow(
            condition: base.condition, group: base.group, metric: base.metric, method: base.method, test: "mcnemar", n: n,
            baseline: n > 0 ? Double(before) / Double(n) : nil, modified: n > 0 ? Double(after) / Double(n) : nil,
            meanDelta: n > 0 ? Double(b - c) / Double(n) : nil, ci: ci, medianDelta: nil, result: result, adjustedP: nil,
            reject: nil, effectName: "OR", effect: odds.value, effectInfinite: odds.infinite, effectReason: odds.reason,
            family: base.family, exclusions: base.exclusions, discordant: (b, c))
    }

    static func applyCorrections(_ rows: inout [SignificanceRow], settings: AnalysisSettings) {
        let method = CorrectionMethod(rawValue: settings.correction) ?? .holm
        var families: [String: [Int]] = [:]
        for (i, row) in rows.enumerated() { families[row.family + "\u{1}" + row.test, default: []].append(i) }
        for (_, members) in families {
            let adjusted = Multiplicity.adjust(members.map { rows[$0].result.pValue }, method: method, alpha: settings.alpha)
            for (k, i) in members.enumerated() {
                rows[i].adjustedP = adjusted[k].adjusted
                rows[i].reject = adjusted[k].reject
            }
        }
    }

    /// A per-row seed: SplitMix64 over the root seed and an FNV-1a hash of the row's identity.
    static func rowSeed(_ root: UInt64, _ parts: String...) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "\u{1F}").utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        var z = root &+ h &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
