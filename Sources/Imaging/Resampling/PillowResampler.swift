/// Pillow-exact convolution resize of 8-bit images (`Image.resize(size, filter)` in Pillow 13).
///
/// Algorithm (Pillow `src/libImaging/Resample.c`, `ImagingResampleInner`):
/// * Two separable passes with fixed-point weights (22 fractional bits, see ``ResampleCoefficients``);
///   each output sample is `clamp((2^21 + Σ wᵢ·srcᵢ) >> 22, 0, 255)`, and the intermediate image
///   between the passes is stored as **uint8** (rounded and clipped), which is why the pass order
///   matters for exactness.
/// * Pass order (Pillow ≥ 13, PR #9549): vertical first iff `outH < inH` and
///   `(inH − outH) > 2·(inW − outW)`; otherwise horizontal first. An axis whose size is unchanged
///   gets no pass. The first pass only computes the rows (or columns) the second pass reads.
/// * Channels are independent; alpha is resampled like colour (Pillow premultiplies RGBA in
///   `Image.resize` before calling the core — EmoShift converts to RGB first, as emonet-py does).
public enum PillowResampler {
    /// Which pass Pillow 13 runs first for this size change.
    public static func runsVerticalFirst(inWidth: Int, inHeight: Int, outWidth: Int, outHeight: Int) -> Bool {
        outHeight < inHeight && (inHeight - outHeight) > 2 * (inWidth - outWidth)
    }

    /// Resizes `image` to `width × height` with `filter` (default ``ResampleFilter/bicubic``).
    /// Returns `image` unchanged when the size already matches (as Pillow's `resize` returns a copy).
    public static func resize(_ image: Image, width: Int, height: Int,
                              filter: ResampleFilter = .bicubic) throws(ImageError) -> Image {
        guard width > 0, height > 0 else {
            throw ImageError(.invalidDimensions, "resize target must be positive, got \(width)×\(height)")
        }
        if width == image.width && height == image.height { return image }
        let channels = image.channelCount
        let needHorizontal = width != image.width
        let needVertical = height != image.height
        let horizontal = ResampleCoefficients(inSize: image.width, outSize: width, filter: filter)
        let vertical = ResampleCoefficients(inSize: image.height, outSize: height, filter: filter)

        var plane = Plane(width: image.width, height: image.height, channels: channels, samples: image.pixels)
        if needHorizontal && needVertical
            && runsVerticalFirst(inWidth: image.width, inHeight: image.height, outWidth: width, outHeight: height) {
            plane = verticalPass(plane, vertical, columns: horizontal.firstUsed..<horizontal.lastUsed)
            plane = horizontalPass(plane, horizontal, rows: 0..<plane.height, columnOffset: horizontal.firstUsed)
        } else {
            if needHorizontal {
                let rows = needVertical ? vertical.firstUsed..<vertical.lastUsed : 0..<image.height
                plane = horizontalPass(plane, horizontal, rows: rows, columnOffset: 0)
                if needVertical {
                    plane = verticalPass(plane, vertical, columns: 0..<plane.width, rowOffset: vertical.firstUsed)
                }
            } else {
                plane = verticalPass(plane, vertical, columns: 0..<plane.width)
            }
        }
        return Image(uncheckedWidth: plane.width, height: plane.height, format: image.format, pixels: plane.samples)
    }

    /// Interleaved 8-bit samples without the Image invariants (intermediates may be any size).
    struct Plane {
        var width: Int
        var height: Int
        var channels: Int
        var samples: [UInt8]
    }

    @inline(__always)
    private static func clip8(_ ss: Int32) -> UInt8 {
        let v = ss >> Int32(ResampleCoefficients.precisionBits)
        return v < 0 ? 0 : (v > 255 ? 255 : UInt8(truncatingIfNeeded: v))
    }

    private static let rounding = Int32(1) << Int32(ResampleCoefficients.precisionBits - 1)

    /// Horizontal pass over source rows `rows`; output has `coeffs.count.count` columns and
    /// `rows.count` rows. Tap positions are shifted left by `columnOffset` (the first source
    /// column present in `src`).
    static func horizontalPass(_ src: Plane, _ coeffs: ResampleCoefficients, rows: Range<Int>,
                               columnOffset: Int) -> Plane {
        let outWidth = coeffs.start.count
        let c = src.channels
        let ksize = coeffs.tapStride
        let kk = coeffs.fixedPointWeights()
        var out = [UInt8](repeating: 0, count: outWidth * rows.count * c)
        src.samples.withUnsafeBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                kk.withUnsafeBufferPointer { k in
                    coeffs.start.withUnsafeBufferPointer { starts in
                        coeffs.count.withUnsafeBufferPointer { counts in
                            let inStride = src.width * c
                            let outStride = outWidth * c
                            for (oy, y) in rows.enumerated() {
                                let line = inBuf.baseAddress! + y * inStride
                                let dst = outBuf.baseAddress! + oy * outStride
                                for xx in 0..<outWidth {
                                    let xmin = starts[xx] - columnOffset
                                    let n = counts[xx]
                                    let kb = xx * ksize
                                    if c == 3 {
                                        var s0 = rounding, s1 = rounding, s2 = rounding
                                        var p = line + xmin * 3
                                        for x in 0..<n {
                                            let w = k[kb + x]
                                            s0 &+= Int32(p[0]) &* w
                                            s1 &+= Int32(p[1]) &* w
                                            s2 &+= Int32(p[2]) &* w
                                            p += 3
                                        }
                                        dst[xx * 3] = clip8(s0)
                                        dst[xx * 3 + 1] = clip8(s1)
                                        dst[xx * 3 + 2] = clip8(s2)
                                    } else {
                                        for ch in 0..<c {
                                            var s = rounding
                                            for x in 0..<n {
                                                s &+= Int32(line[(xmin + x) * c + ch]) &* k[kb + x]
                                            }
                                            dst[xx * c + ch] = clip8(s)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Plane(width: outWidth, height: rows.count, channels: c, samples: out)
    }

    /// Vertical pass over source columns `columns`; output has `columns.count` columns and
    /// `coeffs.start.count` rows. Tap rows are shifted up by `rowOffset` (the first source row
    /// present in `src`).
    static func verticalPass(_ src: Plane, _ coeffs: ResampleCoefficients, columns: Range<Int>,
                             rowOffset: Int = 0) -> Plane {
        let outHeight = coeffs.start.count
        let c = src.channels
        let ksize = coeffs.tapStride
        let kk = coeffs.fixedPointWeights()
        let span = columns.count * c
        var out = [UInt8](repeating: 0, count: span * outHeight)
        var acc = [Int32](repeating: 0, count: span)
        src.samples.withUnsafeBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                acc.withUnsafeMutableBufferPointer { a in
                    kk.withUnsafeBufferPointer { k in
                        let inStride = src.width * c
                        let first = columns.lowerBound * c
                        for yy in 0..<outHeight {
                            let ymin = coeffs.start[yy] - rowOffset
                            let n = coeffs.count[yy]
                            let kb = yy * ksize
                            for i in 0..<span { a[i] = rounding }
                            for y in 0..<n {
                                let w = k[kb + y]
                                let line = inBuf.baseAddress! + (ymin + y) * inStride + first
                                for i in 0..<span { a[i] &+= Int32(line[i]) &* w }
                            }
                            let dst = outBuf.baseAddress! + yy * span
                            for i in 0..<span { dst[i] = clip8(a[i]) }
                        }
                    }
                }
            }
        }
        return Plane(width: columns.count, height: outHeight, channels: c, samples: out)
    }
}
