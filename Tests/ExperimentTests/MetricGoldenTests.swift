import Foundation
import Testing
@testable import Experiment

/// Emotion-shift and heatmap-drift metrics against Scripts/reference/metrics_reference.py
/// (numpy/scipy; the region metrics there use a pixel mask on an upsampled map, a different method
/// from EmoShift's exact cell coverage). Tolerance: 1e-9 absolute (both sides compute in Double).
@Suite struct MetricGoldenTests {
    static var golden: [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/goldens/metrics/metrics.json")
        let data = try! Data(contentsOf: url)
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func doubles(_ any: Any?) -> [Double] { (any as! [NSNumber]).map(\.doubleValue) }

    @Test func emotionShiftMatchesScipy() throws {
        let cases = Self.golden["emotion"] as! [[String: Any]]
        #expect(cases.count >= 10)
        for (i, c) in cases.enumerated() {
            let shift = try #require(EmotionShift(baseline: Self.doubles(c["p"]), modified: Self.doubles(c["q"])))
            #expect(abs(shift.jensenShannon - (c["jsd_bits"] as! Double)) < 1e-9, "case \(i) JSD")
            #expect(abs(shift.totalVariation - (c["total_variation"] as! Double)) < 1e-12, "case \(i) TV")
            #expect(abs(shift.deltaEntropy - (c["delta_entropy"] as! Double)) < 1e-9, "case \(i) ΔH")
            #expect(abs(shift.deltaTop1Probability - (c["delta_p_top1"] as! Double)) < 1e-12, "case \(i) Δp")
            #expect(shift.baselineTop1 == c["baseline_top1"] as! Int, "case \(i)")
            #expect(shift.modifiedTop1 == c["modified_top1"] as! Int, "case \(i)")
        }
    }

    @Test func heatmapDriftMatchesPixelReference() throws {
        let cases = Self.golden["maps"] as! [[String: Any]]
        #expect(cases.count >= 8)
        for (i, c) in cases.enumerated() {
            let w = c["width"] as! Int, h = c["height"] as! Int
            let W = c["image_width"] as! Double, H = c["image_height"] as! Double
            let a = MapGrid(width: w, height: h, values: Self.doubles(c["a"]), imageWidth: W, imageHeight: H)
            let b = MapGrid(width: w, height: h, values: Self.doubles(c["b"]), imageWidth: W, imageHeight: H)
            let boxes = (c["boxes"] as! [[NSNumber]]).map {
                RegionBox(x: $0[0].doubleValue, y: $0[1].doubleValue, width: $0[2].doubleValue, height: $0[3].doubleValue)
            }
            let d = HeatmapDrift(baseline: a, modified: b, regions: boxes, topFraction: c["top_fraction"] as! Double)
            func close(_ x: Double?, _ key: String, _ tol: Double = 1e-9) {
                guard let expected = c[key] as? Double else { #expect(x == nil, "case \(i) \(key) should be n/a"); return }
                #expect(x != nil && abs(x! - expected) < tol, "case \(i) \(key): \(String(describing: x)) vs \(expected)")
            }
            close(d.pearson, "pearson")
            close(d.spearman, "spearman")
            close(d.cosine, "cosine")
            close(d.centreShift, "centre_shift", 1e-7)
            close(d.topIoU, "top_iou")
            close(d.magnitudeRatio, "magnitude_ratio")
            if boxes.isEmpty {
                #expect(d.massBefore == nil && d.reasons["mass"] == "condition has no region", "case \(i)")
            } else {
                close(d.massBefore, "mass_before")
                close(d.massAfter, "mass_after")
                #expect(d.pointingBefore == c["pointing_before"] as? Bool, "case \(i) pointing before")
                #expect(d.pointingAfter == c["pointing_after"] as? Bool, "case \(i) pointing after")
            }
        }
    }

    @Test func degenerateMapsAreNotANumber() {
        let zero = MapGrid(width: 2, height: 2, values: [0, 0, 0, 0], imageWidth: 10, imageHeight: 10)
        let some = MapGrid(width: 2, height: 2, values: [1, 0, 2, 0], imageWidth: 10, imageHeight: 10)
        let d = HeatmapDrift(baseline: zero, modified: some, regions: [RegionBox(x: 0, y: 0, width: 5, height: 5)])
        #expect(d.pearson == nil && d.reasons["pearson"] == "baseline map is constant")
        #expect(d.cosine == nil && d.magnitudeRatio == nil)
        #expect(d.centreShift == nil && d.reasons["centre_shift"] == "baseline map has no positive mass")
        #expect(d.massBefore == nil && d.reasons["mass"] != nil)
        let same = HeatmapDrift(baseline: some, modified: some, regions: [])
        #expect(same.pearson == 1 && same.spearman == 1 && same.topIoU == 1 && same.centreShift == 0)
        let mismatch = HeatmapDrift(baseline: some, modified: MapGrid(width: 1, height: 1, values: [1], imageWidth: 10, imageHeight: 10),
                                    regions: [])
        #expect(mismatch.pearson == nil && mismatch.reasons["pearson"]?.contains("different grids") == true)
        #expect(EmotionShift(baseline: [], modified: []) == nil)
        #expect(EmotionShift(baseline: [0.5, .nan], modified: [0.5, 0.5]) == nil)
    }

    @Test func coverageOfFractionalCellsIsExact() {
        // 3 × 1 map over a 10-px-wide image: cells [0, 3.33), [3.33, 6.67), [6.67, 10).
        let g = MapGrid(width: 3, height: 1, values: [1, 1, 1], imageWidth: 10, imageHeight: 1)
        let cover = g.coverage(of: [RegionBox(x: 2, y: 0, width: 3, height: 1), RegionBox(x: 4, y: 0, width: 4, height: 1)])
        // Union [2, 8): cell 0 covers [2, 3.33) → 0.4; cell 1 fully; cell 2 [6.67, 8) → 0.4.
        #expect(abs(cover[0] - 0.4) < 1e-12 && abs(cover[1] - 1) < 1e-12 && abs(cover[2] - 0.4) < 1e-12)
    }
}
