import Foundation

/// One dump file to load: where it is, which tensor it holds and how its text maps to PyTorch's layout.
struct MATLABDumpFileSpec: Sendable {
    enum Layout: Sendable, Hashable {
        /// PyTorch [Cout, Cin_g, kH, kW] from kH lines of kW·Cin_g·Cout values:
        /// W[o, i, r, s] = line r, field s + kW·(i + Cin_g·o).
        case conv(out: Int, inPerGroup: Int, kH: Int, kW: Int)
        /// [out, in] from `out` lines of `in` values.
        case linear(out: Int, in: Int)
        /// [n] from one line of n values.
        case convBias(Int)
        /// [n] from n lines of one value.
        case linearBias(Int)
        /// Channel-major [C, H, W] from H lines of W·C values: M[c, y, x] = line y, field W·c + x.
        case image(channels: Int, height: Int, width: Int)
    }

    var path: String
    /// Tensor name for errors and the report (`conv2.weight`, `mean image`), when known.
    var tensor: String?
    var layout: Layout

    var rows: Int {
        switch layout {
        case let .conv(_, _, kH, _): return kH
        case let .linear(out, _): return out
        case .convBias: return 1
        case let .linearBias(n): return n
        case let .image(_, height, _): return height
        }
    }

    var columns: Int {
        switch layout {
        case let .conv(out, inPerGroup, _, kW): return kW * inPerGroup * out
        case let .linear(_, inputs): return inputs
        case let .convBias(n): return n
        case .linearBias: return 1
        case let .image(channels, _, width): return width * channels
        }
    }

    var shape: [Int] {
        switch layout {
        case let .conv(out, inPerGroup, kH, kW): return [out, inPerGroup, kH, kW]
        case let .linear(out, inputs): return [out, inputs]
        case let .convBias(n), let .linearBias(n): return [n]
        case let .image(channels, height, width): return [channels, height, width]
        }
    }

    var isCompressed: Bool { path.hasSuffix(".bz2") }
    var fileName: String { (path as NSString).lastPathComponent }

    /// True when the text's row-major order is already PyTorch's (linear weights, biases).
    var isFileOrder: Bool {
        switch layout {
        case .linear, .convBias, .linearBias: return true
        case .conv, .image: return false
        }
    }

    /// Reorders the parsed matrix (row-major, `rows × columns`) into the PyTorch layout.
    func reorder(_ m: UnsafePointer<Float>, into w: UnsafeMutablePointer<Float>) {
        let cols = columns
        var k = 0
        switch layout {
        case .linear, .convBias, .linearBias:
            w.update(from: m, count: rows * cols)
        case let .conv(out, inPerGroup, kH, kW):
            for o in 0..<out {
                for i in 0..<inPerGroup {
                    let field = kW * (i + inPerGroup * o)
                    for r in 0..<kH {
                        let src = m + r * cols + field
                        for s in 0..<kW { w[k] = src[s]; k += 1 }
                    }
                }
            }
        case let .image(channels, height, width):
            for c in 0..<channels {
                for y in 0..<height {
                    let src = m + y * cols + width * c
                    for x in 0..<width { w[k] = src[x]; k += 1 }
                }
            }
        }
    }
}
