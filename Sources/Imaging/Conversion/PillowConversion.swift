/// Pillow 13's `Image.convert("RGB")` / `convert("RGBA")` for every mode a PNG or JPEG opens as.
///
/// Rules (PngImagePlugin `_MODES`, JpegImagePlugin rawmodes, libImaging `Convert.c`):
/// * grey ("L", "1", 2/4-bit "L"): replicated to R = G = B.
/// * 16-bit grey opens as "I;16"; `I16_RGB` **clips**: v > 255 → 255, else v (no `>> 8`).
/// * 16-bit grey+alpha, RGB and RGBA open through the ";16B" unpackers, which keep the **high
///   byte** (`v >> 8`).
/// * alpha is dropped without compositing; palette entries are looked up (tRNS ignored for RGB).
/// * CMYK JPEGs are read as "CMYK;I" (Adobe inverted polarity, always), then
///   `cmyk2rgb`: `nk = 255 − k`, `out = clip(nk − ((c·nk + 128) + ((c·nk + 128) >> 8)) >> 8)`
///   with c, k the inverted samples.
enum PillowConversion {
    static func toRGB(_ raster: SourceRaster, model: SourceColorModel, bitDepth: Int) -> [UInt8] {
        convert(raster, model: model, bitDepth: bitDepth, withAlpha: false)
    }

    /// RGBA: colour as in ``toRGB(_:model:bitDepth:)``, alpha from the file's alpha channel
    /// (palette tRNS included) or 255. A grey/RGB colour-key tRNS is not turned into alpha.
    static func toRGBA(_ raster: SourceRaster, model: SourceColorModel, bitDepth: Int) -> [UInt8] {
        convert(raster, model: model, bitDepth: bitDepth, withAlpha: true)
    }

    private static func convert(_ r: SourceRaster, model: SourceColorModel, bitDepth: Int, withAlpha: Bool) -> [UInt8] {
        let n = r.width * r.height
        let oc = withAlpha ? 4 : 3
        var out = [UInt8](repeating: 255, count: n * oc)
        let hasAlphaChannel = r.channels == 2 || (r.channels == 4 && model != .cmyk)
        // 16-bit samples: grey clips (I;16 → RGB), the others keep the high byte.
        let clipGrey16 = r.bytesPerSample == 2 && model == .grey
        @inline(__always) func reduce(_ v: Int) -> UInt8 {
            if r.bytesPerSample == 1 { return UInt8(v) }
            return clipGrey16 ? UInt8(min(v, 255)) : UInt8(v >> 8)
        }
        out.withUnsafeMutableBufferPointer { dst in
            if model == .cmyk {
                for i in 0..<n {
                    let c = 255 - r.sample(i, 0), m = 255 - r.sample(i, 1)
                    let y = 255 - r.sample(i, 2), k = 255 - r.sample(i, 3)
                    let nk = 255 - k
                    dst[i * oc] = clip8(nk - mulDiv255(c, nk))
                    dst[i * oc + 1] = clip8(nk - mulDiv255(m, nk))
                    dst[i * oc + 2] = clip8(nk - mulDiv255(y, nk))
                }
                return
            }
            switch r.channels {
            case 1, 2:
                for i in 0..<n {
                    let v = reduce(r.sample(i, 0))
                    dst[i * oc] = v; dst[i * oc + 1] = v; dst[i * oc + 2] = v
                    if withAlpha && hasAlphaChannel { dst[i * oc + 3] = reduce(r.sample(i, 1)) }
                }
            default:
                if r.bytesPerSample == 1 && !withAlpha && r.channels == 3 {
                    for j in 0..<(n * 3) { dst[j] = r.samples[j] }
                    return
                }
                for i in 0..<n {
                    dst[i * oc] = reduce(r.sample(i, 0))
                    dst[i * oc + 1] = reduce(r.sample(i, 1))
                    dst[i * oc + 2] = reduce(r.sample(i, 2))
                    if withAlpha && hasAlphaChannel { dst[i * oc + 3] = reduce(r.sample(i, 3)) }
                }
            }
        }
        return out
    }

    @inline(__always) private static func mulDiv255(_ a: Int, _ b: Int) -> Int {
        let t = a * b + 128
        return ((t >> 8) + t) >> 8
    }

    @inline(__always) private static func clip8(_ v: Int) -> UInt8 {
        v <= 0 ? 0 : (v < 256 ? UInt8(v) : 255)
    }
}
