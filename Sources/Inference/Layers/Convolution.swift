import Foundation
import CKernels
/// 2-D convolution by im2col + a GEMM (`GEMM.sgemm`: EmoShift's AVX-512 kernel or OpenBLAS), batched over images.
///
/// `out[n, o, y, x] = bias[o] + Σ_{i,r,s} W[o, i, r, s] · in[n, g·Cin/G + i, y·stride + r − pad, x·stride + s − pad]`
/// with zero padding. Per group, the im2col matrix has `K = Cin/G·k·k` rows (row index `(i·k + r)·k + s`,
/// matching PyTorch's weight layout) and one column per output pixel of every image in the chunk
/// (column `m·HW + y·Wout + x` for the chunk's m-th image), so the GEMM is
/// `[Cout/G × K] · [K × chunk·HW]`. Chunks keep the im2col buffer near 16 MB.
public enum Convolution {
    /// Images per GEMM so that the im2col buffer stays under `maxColumnFloats`.
    public static func chunkSize(_ g: ConvolutionGeometry, batch: Int, maxColumnFloats: Int = 4 << 20) -> Int {
        // Large output planes already make a wide GEMM; batching them only adds a staging copy.
        if g.outPixels >= 512 { return 1 }
        return max(1, min(batch, maxColumnFloats / max(1, g.patchSize * g.outPixels)))
    }

    /// Runs the convolution. `input` holds `batch` images `[Cin, H, W]`; `output` receives
    /// `batch` images `[Cout, Hout, Wout]`. With `relu`, the output is `max(conv, 0)` computed in
    /// the same pass that adds the bias (EmoNet applies ReLU after every convolution). `weights` is
    /// PyTorch's `[Cout, Cin/G, k, k]`, `bias` has `Cout` entries; `gemm` picks the GEMM implementation
    /// (with the AVX-512 kernel, bias and ReLU are fused into the GEMM's final store, and stride-1
    /// convolutions gather their patches straight from `input`: no im2col buffer). `packed` (the same
    /// weights packed once, for `.avx512`) saves re-packing them on every call.
    public static func forward(_ g: ConvolutionGeometry, batch: Int,
                               input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                               output: UnsafeMutablePointer<Float>, relu: Bool = false,
                               gemm: GEMM.Backend = GEMM.preferred, packed: PackedWeights? = nil) {
        if GEMM.effective(gemm) == .avx512 {
            // Every geometry, conv1's stride 4 included: packing patches inside the GEMM (permutes for
            // stride 4, gathers otherwise) beat the transposed-patch route and needs no patch matrix.
            forwardImplicit(g, batch: batch, input: input, weights: weights, bias: bias, output: output, relu: relu,
                            packed: packed)
            return
        }
        if usesTransposedPatches(g) {
            forwardTransposed(g, batch: batch, input: input, weights: weights, bias: bias, output: output, relu: relu,
                              gemm: gemm)
            return
        }
        let chunk = chunkSize(g, batch: batch)
        let hw = g.outPixels
        let k = g.patchSize
        let og = g.outChannelsPerGroup
        // Scratch: im2col writes every element of `col`; the GEMM overwrites `stage` (beta = 0).
        let col = UnsafeMutablePointer<Float>.allocate(capacity: k * chunk * hw)
        let stage = UnsafeMutablePointer<Float>.allocate(capacity: chunk > 1 ? og * chunk * hw : 1)
        defer { col.deallocate(); stage.deallocate() }
        var n0 = 0
        while n0 < batch {
            let m = min(chunk, batch - n0)
            for group in 0..<g.groups {
                for j in 0..<m {
                    let image = input + (n0 + j) * g.inChannels * g.inPlane
                    im2col(g, image: image + group * g.inChannelsPerGroup * g.inPlane,
                           columns: col, columnOffset: j * hw, rowLength: m * hw)
                }
                let w = weights + group * og * k
                let b = bias + group * og
                if m == 1 {
                    let out = output + (n0 * g.outChannels + group * og) * hw
                    GEMM.sgemm(gemm, m: og, n: hw, k: k, a: w, lda: k, b: col, ldb: hw, c: out, ldc: hw,
                               rowBias: b, relu: relu)
                } else {
                    GEMM.sgemm(gemm, m: og, n: m * hw, k: k, a: w, lda: k, b: col, ldb: m * hw, c: stage, ldc: m * hw)
                    for j in 0..<m {
                        let out = output + ((n0 + j) * g.outChannels + group * og) * hw
                        for o in 0..<og {
                            ck_bias_activate(stage + o * m * hw + j * hw, out + o * hw, hw, b[o], relu ? 1 : 0)
                        }
                    }
                }
            }
            n0 += m
        }
    }

    /// A convolution's weights packed once for the AVX-512 GEMM (`ck_sgemm_pack_a` layout of each
    /// group's `[Cout/G × K]` block). Immutable after `init`; empty where AVX-512 is unavailable.
    /// For geometries where `usesWinograd` holds, the Winograd-transformed weights are packed instead.
    public final class PackedWeights: @unchecked Sendable {
        let groups: [UnsafeMutablePointer<Float>]

        /// Packs `weights` (`[Cout, Cin/G, k, k]`) of geometry `g`.
        public init(_ g: ConvolutionGeometry, weights: UnsafePointer<Float>) {
            guard GEMM.isAVX512Available else { groups = []; return }
            let og = g.outChannelsPerGroup, k = g.patchSize
            let winograd = winogradTile(g)
            let cg = Int32(g.inChannelsPerGroup)
            let size = winograd == 3 ? ck_winograd_weights_size(Int32(og), cg)
                     : winograd == 5 ? ck_winograd5_weights_size(Int32(og), cg)
                     : ck_sgemm_packed_a_size(Int32(og), Int32(k))
            groups = (0..<g.groups).map { group in
                let p = UnsafeMutablePointer<Float>.allocate(capacity: size)
                if winograd == 3 {
                    ck_winograd_pack_weights(Int32(og), cg, weights + group * og * k, p)
                } else if winograd == 5 {
                    ck_winograd5_pack_weights(Int32(og), cg, weights + group * og * k, p)
                } else {
                    ck_sgemm_pack_a(Int32(og), Int32(k), weights + group * og * k, Int32(k), p)
                }
                return p
            }
        }

        deinit { for p in groups { p.deallocate() } }
    }

    /// 3×3 convolutions with stride 1 and padding 1 (EmoNet's conv3–conv5; conv2's 5×5 likewise with
    /// F(2×2, 5×5), see `winogradTile`) run as Winograd
    /// F(2×2, 3×3) on the AVX-512 path: 16 GEMMs `[Cout/G × Cin/G] · [Cin/G × tiles]` on transformed
    /// weights and inputs, 1.94× fewer multiplies on 13×13 planes; differences from the direct sum are
    /// float32 rounding (~1e-6 relative).
    /// `EMOSHIFT_WINOGRAD=0` (read once) turns it off, for measurements.
    public static func usesWinograd(_ g: ConvolutionGeometry) -> Bool { winogradTile(g) != 0 }

    /// The Winograd variant for `g` on the AVX-512 path: 3 for F(2×2, 3×3) (3×3, stride 1, padding 1),
    /// 5 for F(2×2, 5×5) (5×5, stride 1, padding 2, planes ≤ 28 wide: EmoNet's conv2, 2.78× fewer
    /// multiplies, ~2e-6 relative difference from the direct sum), 0 for none.
    public static func winogradTile(_ g: ConvolutionGeometry) -> Int {
        guard winogradEnabled, g.stride == 1 else { return 0 }
        if g.kernel == 3 && g.padding == 1 { return 3 }
        if g.kernel == 5 && g.padding == 2 && g.inWidth <= 28 { return 5 }
        return 0
    }

    static let winogradEnabled: Bool = ProcessInfo.processInfo.environment["EMOSHIFT_WINOGRAD"] != "0"

    /// Images per Winograd call: the transformed inputs and products (`16 or 36 · tiles · (Cin/G + Cout/G)`
    /// floats) stay ≤ 2 Mi floats (8 MiB: L3-resident; larger chunks measured no faster, and slower
    /// when other processes share the cache).
    public static func winogradChunkSize(_ g: ConvolutionGeometry, batch: Int) -> Int {
        let tiles = ((g.outHeight + 1) / 2) * ((g.outWidth + 1) / 2)
        let positions = winogradTile(g) == 5 ? 36 : 16
        return max(1, min(batch, (2 << 20) / max(1, positions * tiles * (g.inChannelsPerGroup + g.outChannelsPerGroup))))
    }

    static func forwardWinograd(_ g: ConvolutionGeometry, batch: Int, input: UnsafePointer<Float>,
                                bias: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, relu: Bool,
                                pack: PackedWeights) {
        let og = g.outChannelsPerGroup, cg = g.inChannelsPerGroup
        let chunk = winogradChunkSize(g, batch: batch)
        let five = winogradTile(g) == 5
        // Scratch: CKernels' per-thread buffer (nil), kept between calls. Allocating and freeing several
        // MB per layer here measurably slowed the *next* layers' fresh output arrays (LRN 0.14 → 0.55 ms/img).
        var n0 = 0
        while n0 < batch {
            let m = min(chunk, batch - n0)
            for group in 0..<g.groups {
                (five ? ck_winograd5_conv5x5 : ck_winograd_conv3x3)(pack.groups[group], Int32(og), Int32(cg),
                                    input + n0 * g.inChannels * g.inPlane + group * cg * g.inPlane, Int32(m),
                                    Int32(g.inChannels * g.inPlane), Int32(g.inHeight), Int32(g.inWidth),
                                    output + n0 * g.outChannels * g.outPixels + group * og * g.outPixels,
                                    Int32(g.outChannels * g.outPixels), bias + group * og, relu ? 1 : 0, nil)
            }
            n0 += m
        }
    }

    /// Images per implicit-GEMM call (stride-1 convolutions on the AVX-512 kernel): planes of ≥ 512
    /// pixels already make a wide GEMM and are written straight into the output; small planes
    /// (conv3–5: 13×13) are batched into one `[Cout/G × m·HW]` staging matrix of ≤ 4 Mi floats.
    public static func implicitChunkSize(_ g: ConvolutionGeometry, batch: Int) -> Int {
        if g.outPixels >= 512 { return 1 }
        return max(1, min(batch, (4 << 20) / max(1, g.outChannelsPerGroup * g.outPixels)))
    }

    /// The AVX-512 path for non-transposed convolutions: Winograd for 3×3/pad 1 (`usesWinograd`), else
    /// `ck_conv_gemm` (im2col fused into the GEMM's B packing, bias and ReLU into its store).
    static func forwardImplicit(_ g: ConvolutionGeometry, batch: Int, input: UnsafePointer<Float>,
                                weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                output: UnsafeMutablePointer<Float>, relu: Bool, packed: PackedWeights?) {
        let pack = packed.flatMap { $0.groups.count == g.groups ? $0 : nil } ?? PackedWeights(g, weights: weights)
        if usesWinograd(g) {
            forwardWinograd(g, batch: batch, input: input, bias: bias, output: output, relu: relu, pack: pack)
            return
        }
        let hw = g.outPixels, og = g.outChannelsPerGroup
        let chunk = implicitChunkSize(g, batch: batch)
        let stage = UnsafeMutablePointer<Float>.allocate(capacity: chunk > 1 ? og * chunk * hw : 1)
        defer { stage.deallocate() }
        var n0 = 0
        while n0 < batch {
            let m = min(chunk, batch - n0)
            for group in 0..<g.groups {
                let image = input + n0 * g.inChannels * g.inPlane + group * g.inChannelsPerGroup * g.inPlane
                let b = bias + group * og
                if m == 1 {
                    let out = output + (n0 * g.outChannels + group * og) * hw
                    ck_conv_gemm(pack.groups[group], Int32(og), image, 1, Int32(g.inChannels * g.inPlane),
                                 Int32(g.inChannelsPerGroup), Int32(g.inHeight), Int32(g.inWidth), Int32(g.kernel),
                                 Int32(g.stride), Int32(g.padding), Int32(g.outHeight), Int32(g.outWidth), out,
                                 Int32(hw), b, relu ? 1 : 0)
                } else {
                    ck_conv_gemm(pack.groups[group], Int32(og), image, Int32(m), Int32(g.inChannels * g.inPlane),
                                 Int32(g.inChannelsPerGroup), Int32(g.inHeight), Int32(g.inWidth), Int32(g.kernel),
                                 Int32(g.stride), Int32(g.padding), Int32(g.outHeight), Int32(g.outWidth), stage,
                                 Int32(m * hw), b, relu ? 1 : 0)
                    for j in 0..<m {
                        let out = output + ((n0 + j) * g.outChannels + group * og) * hw
                        for o in 0..<og { (out + o * hw).update(from: stage + o * m * hw + j * hw, count: hw) }
                    }
                }
            }
            n0 += m
        }
    }

    /// On the OpenBLAS path, strided convolutions (EmoNet's conv1: 11×11, stride 4) gather their patches as contiguous
    /// kernel rows into a `[HW × K]` matrix and multiply with `W · patchesᵀ`; the usual `[K × HW]`
    /// im2col would be a strided gather of 1.1 M single floats per image.
    public static func usesTransposedPatches(_ g: ConvolutionGeometry) -> Bool { g.stride > 1 && g.kernel >= 4 }

    static func forwardTransposed(_ g: ConvolutionGeometry, batch: Int, input: UnsafePointer<Float>,
                                  weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                  output: UnsafeMutablePointer<Float>, relu: Bool, gemm: GEMM.Backend) {
        let hw = g.outPixels, k = g.patchSize, og = g.outChannelsPerGroup
        let patches = UnsafeMutablePointer<Float>.allocate(capacity: hw * k)
        defer { patches.deallocate() }
        for n in 0..<batch {
            for group in 0..<g.groups {
                let image = input + n * g.inChannels * g.inPlane + group * g.inChannelsPerGroup * g.inPlane
                ck_im2col_transposed(image, Int32(g.inChannelsPerGroup), Int32(g.inHeight), Int32(g.inWidth),
                                     Int32(g.kernel), Int32(g.stride), Int32(g.padding), Int32(g.outHeight),
                                     Int32(g.outWidth), patches)
                let out = output + (n * g.outChannels + group * og) * hw
                GEMM.sgemm(gemm, transB: true, m: og, n: hw, k: k, a: weights + group * og * k, lda: k, b: patches,
                           ldb: k, c: out, ldc: hw, rowBias: bias + group * og, relu: relu)
            }
        }
    }

    /// Writes one image's patches (channels of one group) into columns
    /// `[columnOffset, columnOffset + HW)` of a `K × rowLength` matrix.
    static func im2col(_ g: ConvolutionGeometry, image: UnsafePointer<Float>,
                       columns: UnsafeMutablePointer<Float>, columnOffset: Int, rowLength: Int) {
        ck_im2col(image, Int32(g.inChannelsPerGroup), Int32(g.inHeight), Int32(g.inWidth), Int32(g.kernel),
                  Int32(g.stride), Int32(g.padding), Int32(g.outHeight), Int32(g.outWidth), columns,
                  Int32(columnOffset), Int32(rowLength))
    }
}
