import Imaging

/// Pillow's extended box blur (`src/libImaging/BoxBlur.c`, Pillow 9–13), bit-exact.
///
/// One horizontal pass over a row with float radius `r` (integer part `R = ⌊r⌋`):
///
///     ww = UInt32(Float(2²⁴) / (Float(r)·2 + 1))          (float division, truncated)
///     fw = (2²⁴ − (2R + 1)·ww) / 2                         (integer)
///     out[x] = (ww · Σ_{i=−R…R} in[x+i] + fw · (in[x−R−1] + in[x+R+1]) + 2²³) >> 24
///
/// with indices clamped to the row (edge pixels repeat). The image is blurred `n` times
/// horizontally, then `n` times vertically (Pillow transposes and reuses the row code); every pass
/// stores 8-bit results. A radius of 0 skips that axis.
///
/// Gaussian blur (`ImageFilter.GaussianBlur(radius)`) is 3 passes of this with the box radius
/// from `_gaussian_blur_radius` (Gwosdek et al. 2011, "Theoretical foundations of Gaussian
/// convolution by extended box filtering"), computed in Float like Pillow:
///
///     σ² = radius² / 3;  L = √(12σ² + 1);  l = ⌊(L − 1)/2⌋
///     a = (2l + 1)(l(l + 1) − 3σ²) / (6(σ² − (l + 1)²));   box radius = l + a
enum PillowBoxBlur {
    /// The box radius Pillow uses for a Gaussian of standard deviation `radius` with `passes` passes.
    static func gaussianBoxRadius(_ radius: Float, passes: Int) -> Float {
        let sigma2: Float = radius * radius / Float(passes)
        let L = Float((12.0 * Double(sigma2) + 1.0).squareRoot())
        let l = Float(((Double(L) - 1.0) / 2.0).rounded(.down))
        var a: Float = (2 * l + 1) * (l * (l + 1) - 3 * sigma2)
        a /= 6 * (sigma2 - (l + 1) * (l + 1))
        return l + a
    }

    /// `n` box-blur passes per axis with radii `xRadius`, `yRadius` (Pillow `ImagingBoxBlur`):
    /// rows `n` times, then (like Pillow) transpose, rows `n` times, transpose back.
    static func blur(_ image: Image, xRadius: Float, yRadius: Float, passes n: Int) throws(PerturbationError) -> Image {
        let w = image.width, h = image.height, cc = image.channelCount
        var px = image.pixels
        if xRadius != 0 {
            for _ in 0..<n { blurRows(&px, width: w, height: h, channels: cc, radius: xRadius) }
        }
        if yRadius != 0 {
            var t = transpose(px, width: w, height: h, channels: cc)
            for _ in 0..<n { blurRows(&t, width: h, height: w, channels: cc, radius: yRadius) }
            px = transpose(t, width: h, height: w, channels: cc)
        }
        return try ImageBuffer.make(w, h, image.format, px)
    }

    /// `width × height` interleaved samples → `height × width`.
    static func transpose(_ px: [UInt8], width w: Int, height h: Int, channels cc: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: px.count)
        px.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { d in
                let tile = 32
                for y0 in stride(from: 0, to: h, by: tile) {
                    for x0 in stride(from: 0, to: w, by: tile) {
                        for y in y0..<min(y0 + tile, h) {
                            for x in x0..<min(x0 + tile, w) {
                                let si = (y * w + x) * cc, di = (x * h + y) * cc
                                for c in 0..<cc { d[di + c] = s[si + c] }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// One horizontal pass over every row, in place.
    static func blurRows(_ px: inout [UInt8], width w: Int, height h: Int, channels cc: Int, radius: Float) {
        var line = [UInt8](repeating: 0, count: w * cc)
        var out = [UInt8](repeating: 0, count: w * cc)
        for y in 0..<h {
            let base = y * w * cc
            line.withUnsafeMutableBufferPointer { l in
                px.withUnsafeBufferPointer { p in
                    for i in 0..<(w * cc) { l[i] = p[base + i] }
                }
            }
            blurLine(&out, line, count: w, channels: cc, radius: radius)
            px.withUnsafeMutableBufferPointer { p in
                out.withUnsafeBufferPointer { o in
                    for i in 0..<(w * cc) { p[base + i] = o[i] }
                }
            }
        }
    }

    /// `ImagingLineBoxBlur32/8` for one line of `count` pixels of `channels` samples.
    static func blurLine(_ lineOut: inout [UInt8], _ lineIn: [UInt8], count: Int, channels cc: Int, radius floatRadius: Float) {
        let radius = Int(floatRadius)
        let ww = Int(UInt32(Float(1 << 24) / (floatRadius * 2 + 1)))
        let fw = ((1 << 24) - (radius * 2 + 1) * ww) / 2
        let edgeA = min(radius + 1, count)
        let edgeB = max(count - radius - 1, 0)
        let lastx = count - 1
        lineIn.withUnsafeBufferPointer { inBuf in
            lineOut.withUnsafeMutableBufferPointer { outBuf in
                let inp = inBuf.baseAddress!, outp = outBuf.baseAddress!
                for c in 0..<cc {
                    let src = inp + c, dst = outp + c
                    var acc = Int(src[0]) * (radius + 1)
                    var x = 0
                    while x < edgeA - 1 { acc += Int(src[x * cc]); x += 1 }
                    acc += Int(src[lastx * cc]) * (radius - edgeA + 1)
                    // out[x] from acc after moving: subtract `sub`, add `add`; far pixels `left`, `right`.
                    func run(_ range: Range<Int>, _ sub: (Int) -> Int, _ add: (Int) -> Int,
                             _ left: (Int) -> Int, _ right: (Int) -> Int) {
                        for x in range {
                            acc += Int(src[add(x) * cc]) - Int(src[sub(x) * cc])
                            let bulk = acc * ww + (Int(src[left(x) * cc]) + Int(src[right(x) * cc])) * fw
                            dst[x * cc] = UInt8(truncatingIfNeeded: (bulk + (1 << 23)) >> 24)
                        }
                    }
                    if edgeA <= edgeB {
                        run(0..<edgeA, { _ in 0 }, { $0 + radius }, { _ in 0 }, { $0 + radius + 1 })
                        // Interior: the hot loop, written out without closures.
                        var x = edgeA
                        while x < edgeB {
                            acc += Int(src[(x + radius) * cc]) - Int(src[(x - radius - 1) * cc])
                            let bulk = acc * ww + (Int(src[(x - radius - 1) * cc]) + Int(src[(x + radius + 1) * cc])) * fw
                            dst[x * cc] = UInt8(truncatingIfNeeded: (bulk + (1 << 23)) >> 24)
                            x += 1
                        }
                        run(edgeB..<(lastx + 1), { $0 - radius - 1 }, { _ in lastx }, { $0 - radius - 1 }, { _ in lastx })
                    } else {
                        run(0..<edgeB, { _ in 0 }, { $0 + radius }, { _ in 0 }, { $0 + radius + 1 })
                        run(edgeB..<edgeA, { _ in 0 }, { _ in lastx }, { _ in 0 }, { _ in lastx })
                        run(edgeA..<(lastx + 1), { $0 - radius - 1 }, { _ in lastx }, { $0 - radius - 1 }, { _ in lastx })
                    }
                }
            }
        }
    }
}
