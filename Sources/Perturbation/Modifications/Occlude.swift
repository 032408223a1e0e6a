import Imaging

/// `occlude`: paints over every given region (box or inscribed ellipse, padded) with a fill.
///
/// Geometry (see ``RegionPadding``, ``RegionShape``): each box is padded by `padding·size + paddingPixels`
/// per side, rounded outwards to whole pixels and clamped to the image; only covered pixels change.
/// Regions are painted in the given order (later ones over earlier ones; `mean` colours come from the
/// unmodified input). No region (or none overlapping the image) → `notApplicable`, image unchanged.
/// The record lists the applied boxes and, for `mean`, the resolved colours.
public struct Occlude: ImageModification {
    public var name: String { "occlude" }
    public var shape: RegionShape
    public var padding: RegionPadding
    public var fill: OcclusionFill
    public var parameters: [String: ParameterValue] {
        var p: [String: ParameterValue] = ["shape": .string(shape.rawValue), "padding": .double(padding.relative),
                                           "paddingPixels": .double(padding.pixels), "fill": .string(fill.kind)]
        switch fill {
        case .blur(let s): p["fillSigma"] = .double(s)
        case .pixelate(let b): p["fillBlock"] = .int(b)
        case .solid(let r, let g, let b): p["colour"] = [.int(Int(r)), .int(Int(g)), .int(Int(b))]
        default: break
        }
        return p
    }

    public init(shape: RegionShape = .box, padding: RegionPadding = RegionPadding(), fill: OcclusionFill = .black) {
        self.shape = shape
        self.padding = padding
        self.fill = fill
    }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try apply(to: image, regions: regions, seed: seed, recordName: name, extraParameters: [:])
    }

    func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64, recordName: String,
               extraParameters: [String: ParameterValue]) throws -> ModificationResult {
        try requireRGB(image)
        var params = parameters.merging(extraParameters) { _, new in new }
        let w = image.width, h = image.height
        let resolved = RegionGeometry.resolve(regions, padding: padding, shape: shape, width: w, height: h)
        guard !resolved.isEmpty else {
            return .notApplicable(recordName, parameters: params, seed: seed, input: image,
                                  reason: regions.isEmpty ? "no region given" : "no region overlaps the image after padding")
        }
        let src = image.pixels
        var out = src
        var source: Image? = nil
        switch fill {
        case .blur(let sigma): source = try GaussianBlur.blur(image, sigma: sigma)
        case .pixelate(let block): source = try Pixelate.pixelate(image, block: block)
        default: break
        }
        var rng = PerturbationRandom(seed: seed)
        var means: [ParameterValue] = []
        for r in resolved {
            let a = r.applied
            var colour: (UInt8, UInt8, UInt8)? = nil
            switch fill {
            case .black: colour = (0, 0, 0)
            case .grey: colour = (128, 128, 128)
            case .solid(let cr, let cg, let cb): colour = (cr, cg, cb)
            case .mean:
                var sum = (0, 0, 0), n = 0
                for y in a.y..<(a.y + a.height) {
                    for x in a.x..<(a.x + a.width) where r.covers(x, y) {
                        let i = (y * w + x) * 3
                        sum.0 += Int(src[i]); sum.1 += Int(src[i + 1]); sum.2 += Int(src[i + 2]); n += 1
                    }
                }
                if n > 0 {
                    colour = (UInt8((2 * sum.0 + n) / (2 * n)), UInt8((2 * sum.1 + n) / (2 * n)), UInt8((2 * sum.2 + n) / (2 * n)))
                } else {
                    colour = (0, 0, 0)
                }
                means.append([.int(Int(colour!.0)), .int(Int(colour!.1)), .int(Int(colour!.2))])
            default: break
            }
            for y in a.y..<(a.y + a.height) {
                for x in a.x..<(a.x + a.width) where r.covers(x, y) {
                    let i = (y * w + x) * 3
                    if let colour {
                        out[i] = colour.0; out[i + 1] = colour.1; out[i + 2] = colour.2
                    } else if let source {
                        out[i] = source.pixels[i]; out[i + 1] = source.pixels[i + 1]; out[i + 2] = source.pixels[i + 2]
                    } else {
                        for c in 0..<3 { out[i + c] = UInt8(rng.nextInt(below: 256)) }
                    }
                }
            }
        }
        if !means.isEmpty { params["meanColours"] = .list(means) }
        return .make(recordName, parameters: params, seed: seed, input: image,
                     output: try ImageBuffer.make(w, h, .rgb, out), regions: resolved.map(\.applied))
    }
}
