import Foundation
import Imaging

/// Builds modifications from a transform name and loosely typed parameters (the YAML/JSON spec layer).
///
/// Every transform, its parameters (defaults in brackets) and ranges:
///
/// | transform | parameters |
/// |---|---|
/// | identity, re-encode, grayscale, invert | — |
/// | jpeg | quality 1…100 [75] |
/// | gaussian-blur | sigma ≥ 0 (required); scope image\|regions [image]; padding [0]; paddingPixels [0] |
/// | box-blur | radius ≥ 0 (required); scope; padding; paddingPixels |
/// | pixelate | block ≥ 1 (required); scope; padding; paddingPixels |
/// | motion-blur | length 1…1000 (required); angle degrees [0] |
/// | brightness, contrast, saturation | factor ≥ 0 (required; 1 = identity) |
/// | color | brightness, contrast, saturation [1], hue [0]: applied in that order, identity ones skipped |
/// | hue | shift −0.5…0.5 (required) |
/// | channel-swap | order permutation of "rgb" ["bgr"] |
/// | colour-temperature | kelvin 1000…40000 (required; 6500 = identity) |
/// | gaussian-noise | sigma 0…255 (required) |
/// | salt-and-pepper | amount 0…1 (required) |
/// | crop | x, y [0], width, height [1] (relative 0…1) |
/// | flip | direction horizontal\|vertical [horizontal] |
/// | occlude | shape box\|ellipse [box]; padding [0]; paddingPixels [0]; fill black\|grey\|mean\|blur\|pixelate\|noise\|solid [black]; fillSigma [8]; fillBlock [8]; colour [r,g,b] (required for solid) |
/// | mask-objects | labels (string or list, required) + the occlude parameters |
/// | insert-object | object (path to a cut-out, or a folder: one cut-out picked per image, seeded; required); scale (0, 4] [0.3]; placement random\|centre\|fixed\|beside\|on [random]; x, y (fixed); side right\|left\|above\|below [right]; gap [0]; target (label); tint [r,g,b] |
public enum ModificationFactory {
    /// Every transform name, sorted.
    public static let transformNames: [String] = [
        "box-blur", "brightness", "channel-swap", "color", "colour-temperature", "contrast", "crop", "flip",
        "gaussian-blur", "gaussian-noise", "grayscale", "hue", "identity", "insert-object", "invert", "jpeg",
        "mask-objects", "motion-blur", "occlude", "pixelate", "re-encode", "salt-and-pepper", "saturation",
    ]

    /// Accepted spellings that map to a canonical name.
    static let aliases: [String: String] = [
        "greyscale": "grayscale", "color-temperature": "colour-temperature", "hue-shift": "hue",
        "noise": "gaussian-noise", "blur": "gaussian-blur", "jpeg-compression": "jpeg",
    ]

    static let scopeKeys = ["scope", "padding", "paddingPixels"]
    static let occludeKeys = ["shape", "padding", "paddingPixels", "fill", "fillSigma", "fillBlock", "colour"]

    /// Loads an insert-object cut-out: RGBA as decoded (alpha from the file, else 255).
    public static func loadCutout(_ path: String) throws(PerturbationError) -> Image {
        do {
            return try ImageDecoder.decode(contentsOf: path).rgba()
        } catch {
            throw PerturbationError.imaging("insert-object: cannot load the cut-out: \(error.description)")
        }
    }

    /// The modification `name` with `parameters`; `loadImage` resolves insert-object's `object` path.
    public static func make(_ name: String, parameters: [String: ParameterValue] = [:],
                            loadImage: (String) throws(PerturbationError) -> Image = { (p: String) throws(PerturbationError) -> Image in try loadCutout(p) })
        throws(PerturbationError) -> any ImageModification {
        let key = aliases[name.lowercased()] ?? name.lowercased()
        func reader(_ valid: [String]) throws(PerturbationError) -> ParameterReader {
            try ParameterReader(key, parameters, valid: valid)
        }
        func scope(_ p: ParameterReader) throws(PerturbationError) -> (BlurScope, RegionPadding) {
            let s = BlurScope(rawValue: try p.string("scope", default: "image", oneOf: BlurScope.allCases.map(\.rawValue)))!
            return (s, RegionPadding(relative: try p.double("padding", default: 0, in: -0.49...10),
                                     pixels: try p.double("paddingPixels", default: 0, in: -10_000...10_000)))
        }
        func occlude(_ p: ParameterReader) throws(PerturbationError) -> Occlude {
            let shape = RegionShape(rawValue: try p.string("shape", default: "box", oneOf: RegionShape.allCases.map(\.rawValue)))!
            let padding = RegionPadding(relative: try p.double("padding", default: 0, in: -0.49...10),
                                        pixels: try p.double("paddingPixels", default: 0, in: -10_000...10_000))
            let fill: OcclusionFill
            switch try p.string("fill", default: "black", oneOf: OcclusionFill.kinds) {
            case "grey": fill = .grey
            case "mean": fill = .mean
            case "blur": fill = .blur(sigma: try p.double("fillSigma", default: 8, in: 0...1000))
            case "pixelate": fill = .pixelate(block: try p.int("fillBlock", default: 8, in: 1...10_000))
            case "noise": fill = .noise
            case "solid":
                guard let c = try p.colour("colour") else {
                    throw PerturbationError.missingParameter(transform: key, parameter: "colour")
                }
                fill = .solid(r: c.r, g: c.g, b: c.b)
            default: fill = .black
            }
            return Occlude(shape: shape, padding: padding, fill: fill)
        }

        switch key {
        case "identity": _ = try reader([]); return Identity()
        case "re-encode": _ = try reader([]); return ReEncode()
        case "grayscale": _ = try reader([]); return Grayscale()
        case "invert": _ = try reader([]); return Invert()
        case "jpeg":
            return JPEGCompression(quality: try reader(["quality"]).int("quality", default: 75, in: 1...100))
        case "gaussian-blur":
            let p = try reader(["sigma"] + scopeKeys)
            let (s, pad) = try scope(p)
            return GaussianBlur(sigma: try p.double("sigma", in: 0...1000), scope: s, padding: pad)
        case "box-blur":
            let p = try reader(["radius"] + scopeKeys)
            let (s, pad) = try scope(p)
            return BoxBlur(radius: try p.double("radius", in: 0...1000), scope: s, padding: pad)
        case "pixelate":
            let p = try reader(["block"] + scopeKeys)
            let (s, pad) = try scope(p)
            return Pixelate(block: try p.int("block", in: 1...10_000), scope: s, padding: pad)
        case "motion-blur":
            let p = try reader(["length", "angle"])
            return MotionBlur(length: try p.int("length", in: 1...1000), angle: try p.double("angle", default: 0, in: -3600...3600))
        case "brightness":
            return Brightness(factor: try reader(["factor"]).double("factor", in: 0...100))
        case "contrast":
            return Contrast(factor: try reader(["factor"]).double("factor", in: 0...100))
        case "saturation":
            return Saturation(factor: try reader(["factor"]).double("factor", in: 0...100))
        case "hue":
            return HueShift(shift: try reader(["shift"]).double("shift", in: -0.5...0.5))
        case "channel-swap":
            let order = try reader(["order"]).string("order", default: "bgr")
            let m = ChannelSwap(order: order)
            guard m.order.count == 3, Set(m.order) == Set("rgb") else {
                throw PerturbationError.invalidParameter(transform: key, parameter: "order",
                                                         message: "must be a permutation of \"rgb\" (e.g. \"bgr\"), got \"\(order)\"")
            }
            return m
        case "colour-temperature":
            return ColourTemperature(kelvin: try reader(["kelvin"]).double("kelvin", in: 1000...40000))
        case "gaussian-noise":
            return GaussianNoise(sigma: try reader(["sigma"]).double("sigma", in: 0...255))
        case "salt-and-pepper":
            return SaltAndPepper(amount: try reader(["amount"]).double("amount", in: 0...1))
        case "crop":
            let p = try reader(["x", "y", "width", "height"])
            let c = Crop(x: try p.double("x", default: 0, in: 0...1), y: try p.double("y", default: 0, in: 0...1),
                         width: try p.double("width", default: 1, in: 0...1), height: try p.double("height", default: 1, in: 0...1))
            guard c.width > 0, c.height > 0, c.x + c.width <= 1 + 1e-9, c.y + c.height <= 1 + 1e-9 else {
                throw PerturbationError.invalidParameter(transform: key, parameter: "width",
                                                         message: "the box must be non-empty and inside 0…1 (x + width ≤ 1, y + height ≤ 1)")
            }
            return c
        case "flip":
            let d = try reader(["direction"]).string("direction", default: "horizontal", oneOf: Flip.Direction.allCases.map(\.rawValue))
            return Flip(direction: Flip.Direction(rawValue: d)!)
        case "occlude":
            return try occlude(try reader(occludeKeys))
        case "mask-objects":
            let p = try reader(["labels"] + occludeKeys)
            return MaskObjects(labels: try p.strings("labels"), occlude: try occlude(p))
        case "color", "colour":
            let p = try reader(["brightness", "contrast", "saturation", "hue"])
            return ColorJitter(brightness: try p.double("brightness", default: 1, in: 0...1000),
                               contrast: try p.double("contrast", default: 1, in: 0...1000),
                               saturation: try p.double("saturation", default: 1, in: 0...1000),
                               hue: try p.double("hue", default: 0, in: -0.5...0.5))
        case "insert-object":
            let p = try reader(["object", "scale", "placement", "x", "y", "side", "gap", "target", "tint"])
            let path = try p.string("object")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                    .filter { ["png", "jpg", "jpeg"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
                var objects: [(name: String, image: Image)] = []
                for n in names { objects.append((n, try loadImage((path as NSString).appendingPathComponent(n)))) }
                guard let first = objects.first else {
                    throw PerturbationError.invalidParameter(transform: "insert-object", parameter: "object", message: "folder \(path) has no PNG/JPEG cut-outs")
                }
                var template = try make(name, parameters: parameters.merging(["object": .string((path as NSString).appendingPathComponent(first.name))]) { $1 },
                                        loadImage: loadImage) as! InsertObject
                template.objectName = first.name
                return InsertRandomObject(objects: objects, folder: path, template: template)
            }
            let placement: InsertObject.Placement
            switch try p.string("placement", default: "random", oneOf: InsertObject.Placement.kinds) {
            case "centre": placement = .centre
            case "fixed": placement = .fixed(x: try p.int("x"), y: try p.int("y"))
            case "beside":
                let side = InsertObject.Side(rawValue: try p.string("side", default: "right", oneOf: InsertObject.Side.allCases.map(\.rawValue)))!
                placement = .beside(side: side, gap: try p.int("gap", default: 0, in: -10_000...10_000))
            case "on": placement = .on
            default: placement = .random
            }
            return InsertObject(object: try loadImage(path), objectName: path, scale: try p.double("scale", default: 0.3, in: 0.001...4),
                                placement: placement, target: try p.optionalString("target"), tint: try p.colour("tint"))
        default:
            throw PerturbationError.unknownTransform(name, valid: transformNames)
        }
    }
}
