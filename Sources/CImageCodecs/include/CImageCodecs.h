/*
 * CImageCodecs — libpng and libjpeg(-turbo) behind functions that never longjmp across Swift.
 *
 * Every entry point returns an ECODEC_* status; on failure `info->error` (or `err`) holds a
 * human-readable message from the library. setjmp/longjmp stay entirely on the C side.
 * Buffers handed out (`*pixels`, `info->exif`, encoded bytes) are malloc'ed: release them with
 * ecodec_free().
 */
#ifndef CIMAGECODECS_H
#define CIMAGECODECS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    ECODEC_OK = 0,
    ECODEC_ERROR = 1,        /* the library rejected the data (message in error)          */
    ECODEC_TOO_LARGE = 2,    /* width·height exceeds the caller's pixel limit              */
    ECODEC_NO_MEMORY = 3,
    ECODEC_UNSUPPORTED = 4,  /* a valid file of a kind EmoShift does not decode            */
};

/* Source colour models reported in ecodec_info.color_model. */
enum {
    ECODEC_MODEL_GREY = 0,
    ECODEC_MODEL_GREY_ALPHA = 1,
    ECODEC_MODEL_RGB = 2,
    ECODEC_MODEL_RGB_ALPHA = 3,
    ECODEC_MODEL_PALETTE = 4,
    ECODEC_MODEL_CMYK = 5,   /* JPEG CMYK or YCCK; pixels are libjpeg's CMYK output (not inverted) */
};

#define ECODEC_WARNINGS_CAP 512
#define ECODEC_ERROR_CAP 256

typedef struct {
    int32_t width;
    int32_t height;
    /* Layout of the returned pixel buffer: interleaved, row-major, no row padding. */
    int32_t channels;          /* 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA or CMYK                 */
    int32_t bytes_per_sample;  /* 1, or 2 for 16-bit PNG samples (big-endian, as in the file) */
    /* What the file declared. */
    int32_t color_model;       /* ECODEC_MODEL_*                                               */
    int32_t source_bit_depth;  /* PNG bit depth (1,2,4,8,16); 8 for JPEG                       */
    int32_t has_transparency;  /* PNG tRNS chunk present                                       */
    int32_t interlaced;        /* PNG Adam7, or progressive JPEG                               */
    int32_t truncated;         /* JPEG: data ended early (libjpeg padded the rest)             */
    int32_t warning_count;
    char warnings[ECODEC_WARNINGS_CAP];  /* '\n'-separated library warnings (first ones)        */
    char error[ECODEC_ERROR_CAP];
    uint8_t *exif;             /* raw EXIF (TIFF header onwards) or NULL                       */
    size_t exif_size;
} ecodec_info;

/* Decoders. `max_pixels` = 0 disables the limit. On success *pixels receives
   width*height*channels*bytes_per_sample bytes. On failure *pixels is NULL. */
int ecodec_png_decode(const uint8_t *data, size_t size, uint64_t max_pixels, int header_only,
                      uint8_t **pixels, ecodec_info *info);
int ecodec_jpeg_decode(const uint8_t *data, size_t size, uint64_t max_pixels, int header_only,
                       uint8_t **pixels, ecodec_info *info);

/* Encoders for 8-bit interleaved pixels (channels 1–4 for PNG; 1 or 3 for JPEG).
   PNG compression 0–9; JPEG quality 1–100. */
int ecodec_png_encode(const uint8_t *pixels, int32_t width, int32_t height, int32_t channels,
                      int32_t compression, uint8_t **out, size_t *out_size, char *err, size_t err_cap);
int ecodec_jpeg_encode(const uint8_t *pixels, int32_t width, int32_t height, int32_t channels,
                       int32_t quality, int32_t progressive, uint8_t **out, size_t *out_size,
                       char *err, size_t err_cap);

void ecodec_free(void *p);

/* Library versions, for provenance. */
const char *ecodec_libpng_version(void);
int32_t ecodec_libjpeg_version(void);

#ifdef __cplusplus
}
#endif
#endif
