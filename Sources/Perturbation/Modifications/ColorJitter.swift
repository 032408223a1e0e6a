import Imaging

/// `color`: several colour adjustments in one condition, each with torchvision's convention and
/// identity default — `brightness` [1], `contrast` [1], `saturation` [1] (factors ≥ 0) and `hue`
/// [0] (shift −0.5…0.5) — applied in this fixed order (torchvision's `ColorJitter` draws a random
/// order; a fixed order keeps conditions deterministic). Only the adjustments that differ from the
/// identity run, so `{transform: color, saturation: 0}` equals `saturation` with factor 0.
public struct ColorJitter: ImageModification {
    public var name: String { "color" }
    public var brightness: Double
    public var contrast: Double
    public var saturation: Double
    public var hue: Double

    public var parameters: [String: ParameterValue] {
        ["brightness": .double(brightness), "contrast": .double(contrast), "saturation": .double(saturation), "hue": .double(hue)]
    }

    public init(brightness: Double = 1, contrast: Double = 1, saturation: Double = 1, hue: Double = 0) {
        self.brightness = brightness
        self.contrast = contrast
        self.saturation = saturation
        self.hue = hue
    }

    /// The adjustments that run, in order.
    var steps: [any ImageModification] {
        var s: [any ImageModification] = []
        if brightness != 1 { s.append(Brightness(factor: brightness)) }
        if contrast != 1 { s.append(Contrast(factor: contrast)) }
        if saturation != 1 { s.append(Saturation(factor: saturation)) }
        if hue != 0 { s.append(HueShift(shift: hue)) }
        return s
    }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        var current = image
        var params = parameters
        for step in steps {
            let r = try step.apply(to: current, regions: regions, seed: seed)
            for (k, v) in r.record.parameters where !["factor", "shift"].contains(k) { params["\(step.name).\(k)"] = v }
            current = r.image
        }
        return .make(name, parameters: params, seed: seed, input: image, output: current)
    }
}
