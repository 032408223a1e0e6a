/* libpng (low-level API) with setjmp kept here. See CImageCodecs.h for the contract.
 *
 * Transforms requested from libpng are exactly those that match Pillow's unpackers:
 *   - palette → RGB (tRNS becomes a 4th channel, which the Swift side drops),
 *   - grey 1/2/4-bit → 8-bit by bit replication (v·255/(2^d−1), as Pillow's "L;2"/"L;4"/"1"),
 *   - no gamma, no sRGB handling, no tRNS expansion for grey/RGB, 16-bit samples left as they are.
 */
#include "CImageCodecs.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    ecodec_info *info;
    char message[ECODEC_ERROR_CAP];
} png_ctx;

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t pos;
} png_src;

static void append_warning(ecodec_info *info, const char *msg) {
    info->warning_count++;
    size_t used = strlen(info->warnings);
    size_t len = strlen(msg);
    if (used + len + 2 >= ECODEC_WARNINGS_CAP) return;
    if (used) info->warnings[used++] = '\n';
    memcpy(info->warnings + used, msg, len);
    info->warnings[used + len] = 0;
}

static void png_error_fn(png_structp png, png_const_charp msg) {
    png_ctx *ctx = (png_ctx *)png_get_error_ptr(png);
    if (ctx) {
        strncpy(ctx->message, msg ? msg : "unknown libpng error", sizeof ctx->message - 1);
        ctx->message[sizeof ctx->message - 1] = 0;
    }
    png_longjmp(png, 1);
}

static void png_warning_fn(png_structp png, png_const_charp msg) {
    png_ctx *ctx = (png_ctx *)png_get_error_ptr(png);
    if (ctx && ctx->info) append_warning(ctx->info, msg ? msg : "libpng warning");
}

static void png_read_fn(png_structp png, png_bytep out, size_t length) {
    png_src *src = (png_src *)png_get_io_ptr(png);
    if (src->size - src->pos < length) {
        png_error(png, "file is truncated (read beyond end of data)");
        return;
    }
    memcpy(out, src->data + src->pos, length);
    src->pos += length;
}

static void set_error(ecodec_info *info, const char *msg) {
    strncpy(info->error, msg, ECODEC_ERROR_CAP - 1);
    info->error[ECODEC_ERROR_CAP - 1] = 0;
}

int ecodec_png_decode(const uint8_t *data, size_t size, uint64_t max_pixels, int header_only,
                      uint8_t **pixels, ecodec_info *info) {
    memset(info, 0, sizeof *info);
    *pixels = NULL;
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        set_error(info, "not a PNG file (bad signature)");
        return ECODEC_ERROR;
    }
    png_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.info = info;
    png_src src = {data, size, 0};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, png_error_fn, png_warning_fn);
    if (!png) { set_error(info, "out of memory"); return ECODEC_NO_MEMORY; }
    png_infop pinfo = png_create_info_struct(png);
    if (!pinfo) {
        png_destroy_read_struct(&png, NULL, NULL);
        set_error(info, "out of memory");
        return ECODEC_NO_MEMORY;
    }
    uint8_t *volatile buf = NULL;
    png_bytep *volatile rows = NULL;
    volatile int status = ECODEC_ERROR;
    if (setjmp(png_jmpbuf(png))) {
        free(buf);
        free(rows);
        if (info->exif) { free(info->exif); info->exif = NULL; info->exif_size = 0; }
        png_destroy_read_struct(&png, &pinfo, NULL);
        set_error(info, ctx.message[0] ? ctx.message : "libpng error");
        return status;
    }
    png_set_read_fn(png, &src, png_read_fn);
    /* Dimensions are checked against max_pixels below; lift libpng's own 1e6 px per side cap. */
    png_set_user_limits(png, 0x7fffffffU, 0x7fffffffU);
    png_read_info(png, pinfo);

    png_uint_32 w = 0, h = 0;
    int depth = 0, ctype = 0, interlace = 0;
    png_get_IHDR(png, pinfo, &w, &h, &depth, &ctype, &interlace, NULL, NULL);
    info->width = (int32_t)w;
    info->height = (int32_t)h;
    info->source_bit_depth = depth;
    info->interlaced = interlace != PNG_INTERLACE_NONE;
    info->has_transparency = png_get_valid(png, pinfo, PNG_INFO_tRNS) != 0;
    switch (ctype) {
        case PNG_COLOR_TYPE_GRAY: info->color_model = ECODEC_MODEL_GREY; break;
        case PNG_COLOR_TYPE_GRAY_ALPHA: info->color_model = ECODEC_MODEL_GREY_ALPHA; break;
        case PNG_COLOR_TYPE_RGB: info->color_model = ECODEC_MODEL_RGB; break;
        case PNG_COLOR_TYPE_RGB_ALPHA: info->color_model = ECODEC_MODEL_RGB_ALPHA; break;
        case PNG_COLOR_TYPE_PALETTE: info->color_model = ECODEC_MODEL_PALETTE; break;
        default:
            status = ECODEC_UNSUPPORTED;
            png_error(png, "unsupported PNG colour type");
    }
#ifdef PNG_eXIf_SUPPORTED
    {
        png_bytep exif = NULL;
        png_uint_32 exif_len = 0;
        if (png_get_eXIf_1(png, pinfo, &exif_len, &exif) != 0 && exif && exif_len > 0) {
            info->exif = (uint8_t *)malloc(exif_len);
            if (info->exif) {
                memcpy(info->exif, exif, exif_len);
                info->exif_size = exif_len;
            }
        }
    }
#endif
    if (max_pixels && (uint64_t)w * (uint64_t)h > max_pixels) {
        status = ECODEC_TOO_LARGE;
        png_error(png, "image exceeds the pixel limit");
    }
    if (header_only) {
        png_destroy_read_struct(&png, &pinfo, NULL);
        return ECODEC_OK;
    }

    if (ctype == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (ctype == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    (void)png_set_interlace_handling(png);
    png_read_update_info(png, pinfo);

    int channels = png_get_channels(png, pinfo);
    int out_depth = png_get_bit_depth(png, pinfo);
    size_t rowbytes = png_get_rowbytes(png, pinfo);
    int bps = out_depth == 16 ? 2 : 1;
    if (out_depth != 8 && out_depth != 16) {
        status = ECODEC_UNSUPPORTED;
        png_error(png, "unsupported PNG bit depth after expansion");
    }
    if (rowbytes != (size_t)w * (size_t)channels * (size_t)bps) {
        png_error(png, "unexpected PNG row size");
    }
    if (h != 0 && rowbytes > SIZE_MAX / h) {
        status = ECODEC_NO_MEMORY;
        png_error(png, "image too large for memory");
    }
    buf = (uint8_t *)malloc(rowbytes * h);
    rows = (png_bytep *)malloc(sizeof(png_bytep) * h);
    if (!buf || !rows) {
        status = ECODEC_NO_MEMORY;
        png_error(png, "out of memory");
    }
    for (png_uint_32 y = 0; y < h; y++) rows[y] = buf + (size_t)y * rowbytes;
    png_read_image(png, rows);
    png_read_end(png, NULL);

    info->channels = channels;
    info->bytes_per_sample = bps;
    *pixels = buf;
    free(rows);
    png_destroy_read_struct(&png, &pinfo, NULL);
    return ECODEC_OK;
}

typedef struct {
    uint8_t *data;
    size_t size;
    size_t cap;
    int failed;
} png_sink;

static void png_write_fn(png_structp png, png_bytep in, size_t length) {
    png_sink *sink = (png_sink *)png_get_io_ptr(png);
    if (sink->size + length > sink->cap) {
        size_t cap = sink->cap ? sink->cap : 65536;
        while (cap < sink->size + length) cap *= 2;
        uint8_t *grown = (uint8_t *)realloc(sink->data, cap);
        if (!grown) {
            sink->failed = 1;
            png_error(png, "out of memory");
            return;
        }
        sink->data = grown;
        sink->cap = cap;
    }
    memcpy(sink->data + sink->size, in, length);
    sink->size += length;
}

static void png_flush_fn(png_structp png) { (void)png; }

int ecodec_png_encode(const uint8_t *pixels, int32_t width, int32_t height, int32_t channels,
                      int32_t compression, uint8_t **out, size_t *out_size, char *err, size_t err_cap) {
    *out = NULL;
    *out_size = 0;
    if (width <= 0 || height <= 0 || channels < 1 || channels > 4) {
        if (err && err_cap) { strncpy(err, "invalid image dimensions or channel count", err_cap - 1); err[err_cap - 1] = 0; }
        return ECODEC_ERROR;
    }
    png_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, png_error_fn, png_warning_fn);
    if (!png) return ECODEC_NO_MEMORY;
    png_infop pinfo = png_create_info_struct(png);
    if (!pinfo) { png_destroy_write_struct(&png, NULL); return ECODEC_NO_MEMORY; }
    png_sink sink = {NULL, 0, 0, 0};
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        free(sink.data);
        free(rows);
        png_destroy_write_struct(&png, &pinfo);
        if (err && err_cap) { strncpy(err, ctx.message[0] ? ctx.message : "libpng error", err_cap - 1); err[err_cap - 1] = 0; }
        return sink.failed ? ECODEC_NO_MEMORY : ECODEC_ERROR;
    }
    static const int types[5] = {0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                                 PNG_COLOR_TYPE_RGB_ALPHA};
    png_set_write_fn(png, &sink, png_write_fn, png_flush_fn);
    png_set_IHDR(png, pinfo, (png_uint_32)width, (png_uint_32)height, 8, types[channels],
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, compression < 0 ? 6 : (compression > 9 ? 9 : compression));
    png_write_info(png, pinfo);
    rows = (png_bytep *)malloc(sizeof(png_bytep) * (size_t)height);
    if (!rows) png_error(png, "out of memory");
    size_t stride = (size_t)width * (size_t)channels;
    for (int32_t y = 0; y < height; y++) rows[y] = (png_bytep)(pixels + (size_t)y * stride);
    png_write_image(png, rows);
    png_write_end(png, NULL);
    free(rows);
    png_destroy_write_struct(&png, &pinfo);
    *out = sink.data;
    *out_size = sink.size;
    return ECODEC_OK;
}

void ecodec_free(void *p) { free(p); }

const char *ecodec_libpng_version(void) { return png_get_libpng_ver(NULL); }
