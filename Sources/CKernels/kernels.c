#include "CKernels.h"

#include <math.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__x86_64__) && defined(__clang__)
#define CK_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define CK_CLONES
#endif

CK_CLONES
void ck_lrn_075(const float *x, float *y, int channels, int plane, int size, float alpha, float k, float *acc) {
    const int half = size / 2;
    const float scale = alpha / (float)size;
    memset(acc, 0, sizeof(float) * (size_t)plane);
    for (int j = 0; j < half && j < channels; j++) {
        const float *row = x + (size_t)j * plane;
        for (int p = 0; p < plane; p++) acc[p] += row[p] * row[p];
    }
    for (int c = 0; c < channels; c++) {
        const int entering = c + half;
        if (entering < channels) {
            const float *row = x + (size_t)entering * plane;
            for (int p = 0; p < plane; p++) acc[p] += row[p] * row[p];
        }
        const float *xc = x + (size_t)c * plane;
        float *yc = y + (size_t)c * plane;
        for (int p = 0; p < plane; p++) {
            const float t = k + scale * acc[p];
            const float r = sqrtf(t);
            yc[p] = xc[p] / (r * sqrtf(r));
        }
        const int leaving = c - half;
        if (leaving >= 0) {
            const float *row = x + (size_t)leaving * plane;
            for (int p = 0; p < plane; p++) acc[p] -= row[p] * row[p];
        }
    }
}

CK_CLONES
void ck_bias_activate(const float *src, float *dst, size_t n, float bias, int relu) {
    if (relu) {
        for (size_t i = 0; i < n; i++) { const float v = src[i] + bias; dst[i] = v < 0.0f ? 0.0f : v; }
    } else {
        for (size_t i = 0; i < n; i++) dst[i] = src[i] + bias;
    }
}

CK_CLONES
void ck_relu(float *x, size_t n) {
    for (size_t i = 0; i < n; i++) x[i] = x[i] < 0.0f ? 0.0f : x[i];
}

CK_CLONES
void ck_im2col(const float *image, int channels, int height, int width, int kernel, int stride, int pad,
               int out_height, int out_width, float *columns, int column_offset, int row_length) {
    int row = 0;
    for (int c = 0; c < channels; c++) {
        const float *plane = image + (size_t)c * height * width;
        for (int r = 0; r < kernel; r++) {
            for (int q = 0; q < kernel; q++, row++) {
                float *dst = columns + (size_t)row * row_length + column_offset;
                /* valid output x: 0 <= x*stride + q - pad < width */
                int x_lo = pad - q > 0 ? (pad - q + stride - 1) / stride : 0;
                int x_hi = (width - 1 + pad - q) / stride + 1;
                if (x_hi > out_width) x_hi = out_width;
                for (int y = 0; y < out_height; y++) {
                    float *d = dst + (size_t)y * out_width;
                    const int sy = y * stride + r - pad;
                    if (sy < 0 || sy >= height || x_hi <= x_lo) {
                        memset(d, 0, sizeof(float) * (size_t)out_width);
                        continue;
                    }
                    for (int x = 0; x < x_lo; x++) d[x] = 0.0f;
                    for (int x = x_hi; x < out_width; x++) d[x] = 0.0f;
                    const float *src = plane + (size_t)sy * width + q - pad;
                    if (stride == 1) {
                        memcpy(d + x_lo, src + x_lo, sizeof(float) * (size_t)(x_hi - x_lo));
                    } else {
                        for (int x = x_lo; x < x_hi; x++) d[x] = src[x * stride];
                    }
                }
            }
        }
    }
}

CK_CLONES
void ck_im2col_transposed(const float *image, int channels, int height, int width, int kernel, int stride,
                          int pad, int out_height, int out_width, float *rows) {
    const size_t patch = (size_t)channels * kernel * kernel;
    for (int y = 0; y < out_height; y++) {
        for (int x = 0; x < out_width; x++) {
            float *dst = rows + ((size_t)y * out_width + x) * patch;
            const int x0 = x * stride - pad;
            int q_lo = x0 < 0 ? -x0 : 0;
            int q_hi = width - x0 < kernel ? width - x0 : kernel;
            for (int c = 0; c < channels; c++) {
                const float *plane = image + (size_t)c * height * width;
                for (int r = 0; r < kernel; r++, dst += kernel) {
                    const int sy = y * stride + r - pad;
                    if (sy < 0 || sy >= height || q_hi <= q_lo) {
                        memset(dst, 0, sizeof(float) * (size_t)kernel);
                        continue;
                    }
                    for (int q = 0; q < q_lo; q++) dst[q] = 0.0f;
                    for (int q = q_hi; q < kernel; q++) dst[q] = 0.0f;
                    const float *src = plane + (size_t)sy * width + x0;
                    for (int q = q_lo; q < q_hi; q++) dst[q] = src[q];  /* short runs: a loop beats memcpy calls */
                }
            }
        }
    }
}

CK_CLONES
void ck_col2im(const float *columns, int channels, int height, int width, int kernel, int stride, int pad,
               int out_height, int out_width, float *image) {
    int row = 0;
    for (int c = 0; c < channels; c++) {
        float *plane = image + (size_t)c * height * width;
        for (int r = 0; r < kernel; r++) {
            for (int q = 0; q < kernel; q++, row++) {
                const float *src = columns + (size_t)row * out_height * out_width;
                for (int y = 0; y < out_height; y++) {
                    const int sy = y * stride + r - pad;
                    if (sy < 0 || sy >= height) continue;
                    for (int x = 0; x < out_width; x++) {
                        const int sx = x * stride + q - pad;
                        if (sx < 0 || sx >= width) continue;
                        plane[(size_t)sy * width + sx] += src[(size_t)y * out_width + x];
                    }
                }
            }
        }
    }
}

void ck_keep_large_buffers(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
