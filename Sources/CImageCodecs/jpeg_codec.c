/* libjpeg(-turbo) with setjmp kept here. See CImageCodecs.h for the contract.
 *
 * Decoding settings match Pillow's defaults: JDCT_ISLOW, fancy upsampling on, no scaling.
 * Greyscale files are returned as 1 channel, CMYK/YCCK files as libjpeg's 4-channel CMYK
 * (Pillow then reads them as "CMYK;I", i.e. inverted, which the Swift side reproduces).
 * Warnings are collected in ecodec_info, never printed. A premature end of data sets
 * `truncated` (libjpeg pads the rest with grey; Pillow refuses such files).
 */
#include "CImageCodecs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <jerror.h>

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jb;
    ecodec_info *info;
    char msg[JMSG_LENGTH_MAX];
} jerr_t;

static void j_error_exit(j_common_ptr cinfo) {
    jerr_t *e = (jerr_t *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, e->msg);
    longjmp(e->jb, 1);
}

static void j_emit_message(j_common_ptr cinfo, int level) {
    jerr_t *e = (jerr_t *)cinfo->err;
    if (level >= 0) return; /* trace messages */
    cinfo->err->num_warnings++;
    if (!e->info) return;
    char buffer[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, buffer);
    if (cinfo->err->msg_code == JWRN_JPEG_EOF) e->info->truncated = 1;
    e->info->warning_count++;
    size_t used = strlen(e->info->warnings);
    size_t len = strlen(buffer);
    if (used + len + 2 < ECODEC_WARNINGS_CAP) {
        if (used) e->info->warnings[used++] = '\n';
        memcpy(e->info->warnings + used, buffer, len);
        e->info->warnings[used + len] = 0;
    }
}

static void j_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void install_errors(struct jpeg_error_mgr **slot, jerr_t *err, ecodec_info *info) {
    *slot = jpeg_std_error(&err->pub);
    err->pub.error_exit = j_error_exit;
    err->pub.emit_message = j_emit_message;
    err->pub.output_message = j_output_message;
    err->info = info;
    err->msg[0] = 0;
}

static void extract_exif(j_decompress_ptr cinfo, ecodec_info *info) {
    for (jpeg_saved_marker_ptr m = cinfo->marker_list; m; m = m->next) {
        if (m->marker == JPEG_APP0 + 1 && m->data_length > 6 && memcmp(m->data, "Exif\0\0", 6) == 0) {
            size_t n = m->data_length - 6;
            info->exif = (uint8_t *)malloc(n);
            if (info->exif) {
                memcpy(info->exif, m->data + 6, n);
                info->exif_size = n;
            }
            return;
        }
    }
}

int ecodec_jpeg_decode(const uint8_t *data, size_t size, uint64_t max_pixels, int header_only,
                       uint8_t **pixels, ecodec_info *info) {
    memset(info, 0, sizeof *info);
    *pixels = NULL;
    if (size < 3 || data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF) {
        strncpy(info->error, "not a JPEG file (bad SOI marker)", ECODEC_ERROR_CAP - 1);
        return ECODEC_ERROR;
    }
    struct jpeg_decompress_struct cinfo;
    jerr_t err;
    uint8_t *volatile buf = NULL;
    volatile int status = ECODEC_ERROR;
    memset(&cinfo, 0, sizeof cinfo);
    install_errors(&cinfo.err, &err, info);
    if (setjmp(err.jb)) {
        jpeg_destroy_decompress(&cinfo);
        free(buf);
        if (info->exif) { free(info->exif); info->exif = NULL; info->exif_size = 0; }
        strncpy(info->error, err.msg[0] ? err.msg : "libjpeg error", ECODEC_ERROR_CAP - 1);
        info->error[ECODEC_ERROR_CAP - 1] = 0;
        return status;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&cinfo, TRUE);
    extract_exif(&cinfo, info);

    info->width = (int32_t)cinfo.image_width;
    info->height = (int32_t)cinfo.image_height;
    info->source_bit_depth = 8;
    info->interlaced = jpeg_has_multiple_scans(&cinfo) ? 1 : 0;
    switch (cinfo.jpeg_color_space) {
        case JCS_GRAYSCALE:
            info->color_model = ECODEC_MODEL_GREY;
            cinfo.out_color_space = JCS_GRAYSCALE;
            break;
        case JCS_CMYK:
        case JCS_YCCK:
            info->color_model = ECODEC_MODEL_CMYK;
            cinfo.out_color_space = JCS_CMYK;
            break;
        case JCS_YCbCr:
        case JCS_RGB:
            info->color_model = ECODEC_MODEL_RGB;
            cinfo.out_color_space = JCS_RGB;
            break;
        default:
            status = ECODEC_UNSUPPORTED;
            strncpy(err.msg, "unsupported JPEG colour space", sizeof err.msg - 1);
            longjmp(err.jb, 1);
    }
    if (max_pixels && (uint64_t)cinfo.image_width * (uint64_t)cinfo.image_height > max_pixels) {
        status = ECODEC_TOO_LARGE;
        strncpy(err.msg, "image exceeds the pixel limit", sizeof err.msg - 1);
        longjmp(err.jb, 1);
    }
    if (header_only) {
        jpeg_destroy_decompress(&cinfo);
        return ECODEC_OK;
    }
    cinfo.dct_method = JDCT_ISLOW;
    cinfo.do_fancy_upsampling = TRUE;
    jpeg_start_decompress(&cinfo);
    size_t stride = (size_t)cinfo.output_width * (size_t)cinfo.output_components;
    if (cinfo.output_height && stride > SIZE_MAX / cinfo.output_height) {
        status = ECODEC_NO_MEMORY;
        strncpy(err.msg, "image too large for memory", sizeof err.msg - 1);
        longjmp(err.jb, 1);
    }
    buf = (uint8_t *)malloc(stride * cinfo.output_height);
    if (!buf) {
        status = ECODEC_NO_MEMORY;
        strncpy(err.msg, "out of memory", sizeof err.msg - 1);
        longjmp(err.jb, 1);
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = buf + (size_t)cinfo.output_scanline * stride;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    info->width = (int32_t)cinfo.output_width;
    info->height = (int32_t)cinfo.output_height;
    info->channels = cinfo.output_components;
    info->bytes_per_sample = 1;
    *pixels = buf;
    jpeg_destroy_decompress(&cinfo);
    return ECODEC_OK;
}

int ecodec_jpeg_encode(const uint8_t *pixels, int32_t width, int32_t height, int32_t channels,
                       int32_t quality, int32_t progressive, uint8_t **out, size_t *out_size,
                       char *errbuf, size_t err_cap) {
    *out = NULL;
    *out_size = 0;
    if (width <= 0 || height <= 0 || (channels != 1 && channels != 3)) {
        if (errbuf && err_cap) { strncpy(errbuf, "JPEG needs 1 (grey) or 3 (RGB) channels and a non-empty image", err_cap - 1); errbuf[err_cap - 1] = 0; }
        return ECODEC_ERROR;
    }
    struct jpeg_compress_struct cinfo;
    jerr_t err;
    unsigned char *dest = NULL; /* address taken: lives in memory, safe across longjmp */
    unsigned long mem_size = 0;
    memset(&cinfo, 0, sizeof cinfo);
    install_errors(&cinfo.err, &err, NULL);
    if (setjmp(err.jb)) {
        jpeg_destroy_compress(&cinfo);
        free(dest);
        if (errbuf && err_cap) { strncpy(errbuf, err.msg[0] ? err.msg : "libjpeg error", err_cap - 1); errbuf[err_cap - 1] = 0; }
        return ECODEC_ERROR;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &dest, &mem_size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = channels;
    cinfo.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality < 1 ? 1 : (quality > 100 ? 100 : quality), TRUE);
    if (progressive) jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    size_t stride = (size_t)width * (size_t)channels;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *out = dest;
    *out_size = mem_size;
    return ECODEC_OK;
}

int32_t ecodec_libjpeg_version(void) {
#ifdef LIBJPEG_TURBO_VERSION_NUMBER
    return LIBJPEG_TURBO_VERSION_NUMBER;
#else
    return JPEG_LIB_VERSION;
#endif
}
