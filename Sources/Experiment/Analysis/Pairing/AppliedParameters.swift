import Foundation

/// The parts of a record's applied-parameters JSON the analysis reads: the modified regions and the
/// output size. Unknown keys are ignored; malformed JSON gives no regions.
struct AppliedParameters {
    var regions: [RegionBox] = []
    var outputWidth: Int?
    var outputHeight: Int?

    /// False only when the text certainly has no non-empty `regions` array: it either lacks the key
    /// or every occurrence is followed (after spaces and the colon) by `[]`. A byte scan, no parsing.
    static func mayHoldRegion(_ json: String) -> Bool {
        let key = Array("\"regions\"".utf8)
        var text = json
        return text.withUTF8 { bytes -> Bool in
            var i = 0
            while i + key.count <= bytes.count {
                if bytes[i] == key[0], (0..<key.count).allSatisfy({ bytes[i + $0] == key[$0] }) {
                    var j = i + key.count
                    while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x3A || bytes[j] == 0x0A { j += 1 }  // spaces, ':'
                    guard j < bytes.count, bytes[j] == 0x5B else { return true }  // '['
                    j += 1
                    while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x0A { j += 1 }
                    if j < bytes.count, bytes[j] != 0x5D { return true }  // not ']'
                    i = j
                }
                i += 1
            }
            return false
        }
    }

    /// Parses only when the text can hold a region (or when the output size is needed): most
    /// records of whole-image modifications skip JSON parsing entirely.
    init(json: String?, needSize: Bool = true) {
        guard let json, needSize || Self.mayHoldRegion(json) else { return }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return }
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
