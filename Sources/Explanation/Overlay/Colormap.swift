import Imaging

/// Colormaps for heatmaps, as 256-entry RGB tables indexed by `UInt8(255·v)`.
public enum Colormap: String, Sendable, CaseIterable, Codable {
    /// Jet, `r = clamp(1.5 − |4x − 3|)`, `g = clamp(1.5 − |4x − 2|)`, `b = clamp(1.5 − |4x − 1|)`:
    /// OpenCV's COLORMAP_JET (what pytorch-grad-cam's overlay uses) to within one level.
    case jet
    /// Perceptually uniform (matplotlib's viridis, 17 anchors, linear interpolation).
    case viridis
    /// Perceptually uniform, dark to bright (matplotlib's inferno, 17 anchors).
    case inferno

    /// 256 × (r, g, b).
    public var table: [(UInt8, UInt8, UInt8)] {
        switch self {
        case .jet:
            return (0..<256).map { i in
                let x = Double(i) / 255
                func channel(_ c: Double) -> UInt8 { UInt8((min(max(1.5 - abs(4 * x - c), 0), 1) * 255).rounded()) }
                return (channel(3), channel(2), channel(1))
            }
        case .viridis: return Self.interpolate(Self.viridisAnchors)
        case .inferno: return Self.interpolate(Self.infernoAnchors)
        }
    }

    static let viridisAnchors: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 24, 106), (71, 45, 123), (66, 64, 134), (59, 82, 139), (51, 99, 141), (44, 114, 142),
        (38, 130, 142), (33, 145, 140), (31, 160, 136), (40, 174, 128), (63, 188, 115), (94, 201, 98),
        (132, 212, 75), (173, 220, 48), (216, 226, 25), (253, 231, 37),
    ]
    static let infernoAnchors: [(Double, Double, Double)] = [
        (0, 0, 4), (11, 7, 36), (33, 12, 74), (61, 9, 101), (87, 16, 110), (113, 25, 110), (138, 34, 106),
        (163, 44, 97), (188, 55, 84), (210, 70, 68), (228, 90, 49), (241, 115, 29), (249, 142, 9),
        (252, 172, 17), (249, 203, 53), (242, 234, 105), (252, 255, 164),
    ]

    static func interpolate(_ anchors: [(Double, Double, Double)]) -> [(UInt8, UInt8, UInt8)] {
        let segments = Double(anchors.count - 1)
        return (0..<256).map { i in
            let t = Double(i) / 255 * segments
            let j = min(Int(t), anchors.count - 2)
            let f = t - Double(j)
            let a = anchors[j], b = anchors[j + 1]
            func mix(_ u: Double, _ v: Double) -> UInt8 { UInt8((u + (v - u) * f).rounded()) }
            return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
        }
    }

    /// A map with values in [0, 1] rendered as an RGB image.
    public func render(_ map: FloatMap) -> Image {
        let lut = table
        var px = [UInt8](repeating: 0, count: map.width * map.height * 3)
        for i in 0..<(map.width * map.height) {
            let c = lut[Int(UInt8(clamping: Int(255 * min(max(map.values[i], 0), 1))))]
            px[i * 3] = c.0; px[i * 3 + 1] = c.1; px[i * 3 + 2] = c.2
        }
        return try! Image(width: map.width, height: map.height, format: .rgb, pixels: px)
    }
}
