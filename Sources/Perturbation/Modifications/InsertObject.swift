import Foundation
import Imaging

/// `insert-object`: pastes an RGBA cut-out into the image with straight-alpha blending.
///
/// * **Size**: the cut-out's longer side becomes `L = max(1, round(scale · min(W, H)))` (scale is
///   relative to the image's *shorter side*); the other side keeps the aspect ratio
///   (`max(1, round(short · L / long))`). Resized Pillow-exactly as `Image.resize(size, BICUBIC)` does
///   for RGBA — premultiplied (RGBa) around the resample, see ``AlphaResize``. No resize when the size
///   already matches.
/// * **Tint** (optional, multiply): `c' = (c·t + 127) / 255` (integer division) per channel.
/// * **Placement** (top-left corner `(ox, oy)` of the `w × h` object):
///   - `random`: `ox = U{0 … max(0, W − w)}`, `oy = U{0 … max(0, H − h)}` from SplitMix64(seed);
///   - `centre`: `ox = ⌊(W − w)/2⌋`, `oy = ⌊(H − h)/2⌋`;
///   - `fixed`: `(x, y)` in pixels as given (parts outside the image are clipped);
///   - `beside`: next to the target region on `side` (right | left | above | below) with `gap` pixels,
///     centred on the region's other axis, e.g. right: `ox = ⌈rx + rw⌉ + gap`, `oy = round(ry + rh/2 − h/2)`;
///   - `on`: centred on the target region: `ox = round(rx + rw/2 − w/2)`, `oy = round(ry + rh/2 − h/2)`.
///   For `beside`/`on` the result is shifted to lie inside the image where it fits. The target region is
///   the first region whose label equals `target` (case-insensitive), or the first region when
///   `target` is nil; no such region → `notApplicable`.
/// * **Blend** (straight alpha, α = a/255): `out = (fg·a + bg·(255 − a) + 127) / 255` (integer
///   division, i.e. round half up of `α·fg + (1 − α)·bg`); a = 0 leaves the pixel exactly unchanged,
///   a = 255 gives exactly fg.
///
/// The record gives the resolved position and size (`x`, `y`, `width`, `height`) and lists the
/// object's clipped box (label `object`) and, for `beside`/`on`, the target region.
public struct InsertObject: ImageModification {
    public enum Placement: Sendable, Hashable {
        case random
        case centre
        case fixed(x: Int, y: Int)
        case beside(side: Side, gap: Int)
        case on

        public var kind: String {
            switch self {
            case .random: "random"
            case .centre: "centre"
            case .fixed: "fixed"
            case .beside: "beside"
            case .on: "on"
            }
        }

        public static let kinds = ["random", "centre", "fixed", "beside", "on"]
    }

    public enum Side: String, Sendable, Hashable, Codable, CaseIterable { case right, left, above, below }

    public var name: String { "insert-object" }
    /// The cut-out (RGBA; RGB is treated as opaque).
    public var object: Image
    /// Name for the record (e.g. the file it came from).
    public var objectName: String
    public var scale: Double
    public var placement: Placement
    /// Label of the region `beside`/`on` refer to (nil = the first region).
    public var target: String?
    public var tint: (r: UInt8, g: UInt8, b: UInt8)?

    public var parameters: [String: ParameterValue] {
        var p: [String: ParameterValue] = ["object": .string(objectName), "scale": .double(scale),
                                           "placement": .string(placement.kind)]
        switch placement {
        case .fixed(let x, let y): p["x"] = .int(x); p["y"] = .int(y)
        case .beside(let side, let gap): p["side"] = .string(side.rawValue); p["gap"] = .int(gap)
        default: break
        }
        if let target { p["target"] = .string(target) }
        if let tint { p["tint"] = [.int(Int(tint.r)), .int(Int(tint.g)), .int(Int(tint.b))] }
        return p
    }

    public init(object: Image, objectName: String = "object", scale: Double = 0.3, placement: Placement = .random,
                target: String? = nil, tint: (r: UInt8, g: UInt8, b: UInt8)? = nil) {
        self.object = object
        self.objectName = objectName
        self.scale = scale
        self.placement = placement
        self.target = target
        self.tint = tint
    }

    /// The object's size in an image of `width × height`.
    public func objectSize(imageWidth W: Int, imageHeight H: Int) -> (width: Int, height: Int) {
        let L = max(1, Int((scale * Double(min(W, H))).rounded()))
        let ow = object.width, oh = object.height
        if ow >= oh { return (L, max(1, Int((Double(oh) * Double(L) / Double(ow)).rounded()))) }
        return (max(1, Int((Double(ow) * Double(L) / Double(oh)).rounded())), L)
    }

    /// The cut-out as RGBA, resized and tinted for an image of `W × H`.
    func preparedObject(imageWidth W: Int, imageHeight H: Int) throws(PerturbationError) -> Image {
        var rgba = object
        if object.format != .rgba {
            guard object.format == .rgb else {
                throw PerturbationError.unsupportedImage("insert-object: the cut-out must be RGB or RGBA, got \(object.format.rawValue)")
            }
            var px = [UInt8](repeating: 255, count: object.pixelCount * 4)
            for i in 0..<object.pixelCount { for c in 0..<3 { px[4 * i + c] = object.pixels[3 * i + c] } }
            rgba = try ImageBuffer.make(object.width, object.height, .rgba, px)
        }
        let size = objectSize(imageWidth: W, imageHeight: H)
        rgba = try AlphaResize.resize(rgba, width: size.width, height: size.height)
        if let tint {
            let t = [Int(tint.r), Int(tint.g), Int(tint.b)]
            var px = rgba.pixels
            for i in stride(from: 0, to: px.count, by: 4) {
                for c in 0..<3 { px[i + c] = UInt8((Int(px[i + c]) * t[c] + 127) / 255) }
            }
            rgba = try ImageBuffer.make(rgba.width, rgba.height, .rgba, px)
        }
        return rgba
    }

    public func apply(to image: Image, regions: [PerturbationRegion], seed: UInt64) throws -> ModificationResult {
        try requireRGB(image)
        guard scale > 0, scale.isFinite, scale <= 4 else {
            throw PerturbationError.invalidParameter(transform: name, parameter: "scale", message: "must be in (0, 4], got \(scale)")
        }
        let W = image.width, H = image.height
        var params = parameters
        // The target region, for placements that need one.
        var targetRegion: PerturbationRegion? = nil
        switch placement {
        case .beside, .on:
            if let target {
                targetRegion = regions.first { $0.label.lowercased() == target.lowercased() }
            } else {
                targetRegion = regions.first
            }
            guard targetRegion != nil else {
                let reason = regions.isEmpty ? "placement \(placement.kind) needs a region but none was given"
                    : "no region labelled \(target ?? "")"
                return .notApplicable(name, parameters: params, seed: seed, input: image, reason: reason)
            }
        default: break
        }
        let fg = try preparedObject(imageWidth: W, imageHeight: H)
        let w = fg.width, h = fg.height
        func fitInside(_ v: Int, _ size: Int, _ limit: Int) -> Int { size >= limit ? 0 : min(max(v, 0), limit - size) }
        let ox: Int, oy: Int
        switch placement {
        case .random:
            var rng = PerturbationRandom(seed: seed)
            ox = rng.nextInt(below: max(0, W - w) + 1)
            oy = rng.nextInt(below: max(0, H - h) + 1)
        case .centre:
            ox = (W - w) >= 0 ? (W - w) / 2 : -((w - W + 1) / 2)
            oy = (H - h) >= 0 ? (H - h) / 2 : -((h - H + 1) / 2)
        case .fixed(let x, let y):
            ox = x; oy = y
        case .beside(let side, let gap):
            let r = targetRegion!
            let cx = r.x + r.width / 2, cy = r.y + r.height / 2
            switch side {
            case .right:
                ox = fitInside(Int((r.x + r.width).rounded(.up)) + gap, w, W)
                oy = fitInside(Int((cy - Double(h) / 2).rounded()), h, H)
            case .left:
                ox = fitInside(Int(r.x.rounded(.down)) - gap - w, w, W)
                oy = fitInside(Int((cy - Double(h) / 2).rounded()), h, H)
            case .below:
                ox = fitInside(Int((cx - Double(w) / 2).rounded()), w, W)
                oy = fitInside(Int((r.y + r.height).rounded(.up)) + gap, h, H)
            case .above:
                ox = fitInside(Int((cx - Double(w) / 2).rounded()), w, W)
                oy = fitInside(Int(r.y.rounded(.down)) - gap - h, h, H)
            }
        case .on:
            let r = targetRegion!
            ox = fitInside(Int((r.x + r.width / 2 - Double(w) / 2).rounded()), w, W)
            oy = fitInside(Int((r.y + r.height / 2 - Double(h) / 2).rounded()), h, H)
        }
        params["x"] = .int(ox); params["y"] = .int(oy)
        params["width"] = .int(w); params["height"] = .int(h)

        var out = image.pixels
        let x0 = max(0, ox), x1 = min(W, ox + w), y0 = max(0, oy), y1 = min(H, oy + h)
        if x1 > x0 && y1 > y0 {
            for y in y0..<y1 {
                for x in x0..<x1 {
                    let f = ((y - oy) * w + (x - ox)) * 4
                    let a = Int(fg.pixels[f + 3])
                    if a == 0 { continue }
                    let d = (y * W + x) * 3
                    for c in 0..<3 {
                        out[d + c] = UInt8((Int(fg.pixels[f + c]) * a + Int(out[d + c]) * (255 - a) + 127) / 255)
                    }
                }
            }
        }
        var touched: [AppliedRegion] = []
        if x1 > x0 && y1 > y0 { touched.append(AppliedRegion(label: "object", x: x0, y: y0, width: x1 - x0, height: y1 - y0)) }
        if let r = targetRegion, let resolved = RegionGeometry.resolve([r], padding: RegionPadding(), shape: .box, width: W, height: H).first {
            touched.append(resolved.applied)
        }
        return .make(name, parameters: params, seed: seed, input: image,
                     output: try ImageBuffer.make(W, H, .rgb, out), regions: touched)
    }
}
