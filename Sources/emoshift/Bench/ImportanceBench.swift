import Explanation
import Foundation
import Imaging

/// `emoshift bench --suite importance`: `ObjectImportance` precomputation per CAM and the cost per
/// box, for both conventions and evaluations, at 640×480 and 4000×3000 (docs/importance.md).
struct ImportanceBench {
    var measure: (() -> Void) -> Double

    func run() throws {
        print("== object importance (per CAM: precomputation; per box: lookup)")
        var raw = try FloatMap(width: 13, height: 13)
        for i in 0..<169 { raw.values[i] = Float((i * 37) % 23) / 7 - 1 }
        var rows: [[String]] = []
        for (w, h) in [(640, 480), (4000, 3000)] {
            for evaluation in ImportanceEvaluation.allCases {
                for convention in ImportanceConvention.allCases {
                    let make = { try ObjectImportance(rawCAM: raw, imageWidth: w, imageHeight: h,
                                                      convention: convention, evaluation: evaluation) }
                    let tInit = measure { _ = try? make() }
                    let oi = try make()
                    let boxes = (0..<1000).map { i in
                        ImportanceBox(x: Double(i % 37) * 10.3, y: Double(i % 23) * 7.1, width: 100.5, height: 80.25)
                    }
                    var sink = 0.0
                    let tBoxes = measure { for b in boxes { sink += oi.importance(of: b).value ?? 0 } }
                    if sink.isNaN { print("") }
                    rows.append(["\(w)×\(h)", evaluation.rawValue, convention.rawValue,
                                 fmt(tInit * 1e3), fmt(tBoxes / 1000 * 1e6, 3)])
                }
            }
        }
        printTable(header: ["image", "evaluation", "convention", "init ms", "µs/box"], rows: rows)
    }
}
