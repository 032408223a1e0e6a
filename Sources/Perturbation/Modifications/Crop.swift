import Imaging

/// `crop`: keeps a box given relative to the image (`x`, `y`, `width`, `height` in 0…1).
///
/// Pixel box: `x0 = round(x·W)`, `x1 = min(W, round((x + width)·W))` (likewise for y; `round` is
/// half away from zero), must be non-empty. The output is the cropped size (no resize back);
/// the record's region is the pixel box in input coordinates.
public struct Crop: ImageModification {
    public var name: String { "crop" }
    public var x: Double, y: Double, width: Double, height: Double
    public var parameters: [String: ParameterValue] {
        ["x": .double(x), "y": .double(y), "width": .double(width), "height": .double(height)]
    }

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        for (k, v) in [("x", x), ("y", y), ("width", width), ("height", height)] where !(0...1).contains(v) {
            throw PerturbationError.invalidParameter(transform: name, parameter: k, message: "must be in 0…1, got \(v)")
        }
        let W = Double(image.width), H = Double(image.height)
        let x0 = Int((x * W).rounded()), y0 = Int((y * H).rounded())
        let x1 = min(image.width, Int(((x + width) * W).rounded())), y1 = min(image.height, Int(((y + height) * H).rounded()))
        guard x1 > x0, y1 > y0 else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "width",
                                                     message: "gives an empty crop of a \(image.width)×\(image.height) image")
        }
        let w = x1 - x0, h = y1 - y0
        var px = [UInt8](repeating: 0, count: w * h * 3)
        for row in 0..<h {
            let s = ((y0 + row) * image.width + x0) * 3
            for i in 0..<(w * 3) { px[row * w * 3 + i] = image.pixels[s + i] }
        }
        return .make(name, parameters: parameters, seed: seed, input: image, output: try ImageBuffer.make(w, h, .rgb, px),
                     regions: [AppliedRegion(label: "crop", x: x0, y: y0, width: w, height: h)])
    }
}
