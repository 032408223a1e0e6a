import Foundation

/// The parts of a record's applied-parameters JSON the analysis reads: the modified regions and the
/// output size. Unknown keys are ignored; malformed JSON gives no regions.
struct AppliedParameters {
    var regions: [RegionBox] = []
    var outputWidth: Int?
    var outputHeight: Int?

    init(json: String?) {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return }
        outputWidth = (object["outputWidth"] as? NSNumber)?.intValue
        outputHeight = (object["outputHeight"] as? NSNumber)?.intValue
        for case let region as [String: Any] in object["regions"] as? [Any] ?? [] {
            guard let x = (region["x"] as? NSNumber)?.doubleValue, let y = (region["y"] as? NSNumber)?.doubleValue,
                  let w = (region["width"] as? NSNumber)?.doubleValue, let h = (region["height"] as? NSNumber)?.doubleValue,
                  w > 0, h > 0 else { continue }
            regions.append(RegionBox(x: x, y: y, width: w, height: h, label: region["label"] as? String))
        }
    }
}
