/*
 * CKernels — the few element-wise loops of the forward pass that Swift does not vectorise well
 * (Swift's SIMD squareRoot is scalarised and `Float.squareRoot()` keeps a libm call for errno).
 * Built with -O3 -fno-math-errno and an AVX2+FMA clone chosen at load time (`target_clones`),
 * so the binary still runs on any x86-64.
 *
 * Layouts: planes are contiguous float32, row-major; `channels × plane` per image.
 */
#ifndef CKERNELS_H
#define CKERNELS_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Cross-channel LRN, PyTorch semantics: y[c] = x[c] / (k + alpha/size · Σ_{|j−c|≤size/2} x[j]²)^0.75
   (zero padding at the channel edges). Running window sum over channels; t^0.75 = sqrt(t)·sqrt(sqrt(t)).
   `scratch` holds `plane` floats. */
void ck_lrn_075(const float *x, float *y, int channels, int plane, int size, float alpha, float k, float *scratch);

/* dst[i] = src[i] + bias, then max(·, 0) when relu != 0 (src may equal dst). */
void ck_bias_activate(const float *src, float *dst, size_t n, float bias, int relu);

/* In-place ReLU: x = x < 0 ? 0 : x (NaN kept). */
void ck_relu(float *x, size_t n);

/* im2col for one image and one group: rows (c, r, q) of `columns` (row length `row_length`, starting at
   column `column_offset`) receive the zero-padded input patch values for every output pixel. */
void ck_im2col(const float *image, int channels, int height, int width, int kernel, int stride, int pad,
               int out_height, int out_width, float *columns, int column_offset, int row_length);

/* col2im (the adjoint of ck_im2col, for gradients): adds every entry of rows (c, r, q) of `columns`
   back onto the input position it was copied from. `image` must be zeroed by the caller. */
void ck_col2im(const float *columns, int channels, int height, int width, int kernel, int stride, int pad,
               int out_height, int out_width, float *image);

/* Transposed im2col: row p = y·out_width + x of `rows` (row length channels·kernel·kernel, index
   (c·kernel + r)·kernel + q) holds the patch of output pixel (y, x). Kernel rows are copied as
   contiguous runs, which suits strided convolutions (EmoNet's conv1) far better than ck_im2col. */
void ck_im2col_transposed(const float *image, int channels, int height, int width, int kernel, int stride,
                          int pad, int out_height, int out_width, float *rows);

/* ---- sgemm_avx512.c: AVX-512 single-precision GEMM (docs/gemm.md) ---- */

/* 1 when this CPU has AVX-512F and the packed 512-bit GEMM below runs at full speed; 0 otherwise
   (other x86-64 CPUs, non-x86 builds), in which case ck_sgemm is a slow reference loop and callers
   should use cblas_sgemm instead. Checked once (cpuid), thread-safe. */
int ck_sgemm_avx512_available(void);

/* C = beta·C + A·op(B), then C[i][j] += row_bias[i] (when row_bias != NULL) and C = max(C, 0) (when
   relu != 0). All matrices row-major float32:
     A [M×K], row i at A + i·lda (lda ≥ K);
     op(B) [K×N]: trans_b == 0 → B is [K×N], row k at B + k·ldb (ldb ≥ N);
                  trans_b != 0 → B is [N×K], row j at B + j·ldb (ldb ≥ K), op(B) = Bᵀ;
     C [M×N], row i at C + i·ldc (ldc ≥ N). beta == 0 never reads C (NaN/garbage in C is fine).
   Packs panels into per-thread buffers (thread-safe; C must not alias A or B). */
void ck_sgemm(int trans_b, int M, int N, int K, const float *A, int lda, const float *B, int ldb, float beta,
              float *C, int ldc, const float *row_bias, int relu);

/* Floats needed for the packed form of an [M×K] A (M rounded up to the 12-row tile, times K); 0 on
   non-x86 builds. */
size_t ck_sgemm_packed_a_size(int M, int K);

/* Packs row-major A [M×K] (row stride lda) once, for ck_conv_gemm (the weights of
   a layer do not change between calls). Layout: K split into equal blocks of ≤ 256; block starting at
   column pc occupies packed[Mp·pc ...] (Mp = M rounded up to 12) as Mp/12 panels [kc][12]. */
void ck_sgemm_pack_a(int M, int K, const float *A, int lda, float *packed);

/* Convolution of one group as an implicit GEMM (im2col fused into B packing, no im2col buffer):
     C[M × images·HWo] = W[M × K] · im2col,   K = channels·kernel²,
   column n = i·HWo + y·out_width + x of C is output pixel (y, x) of image i; image i's channel c
   plane (height × width, row-major) starts at input + i·image_stride + c·height·width; zero padding.
   W is given packed (ck_sgemm_pack_a of the [M×K] weight matrix, PyTorch layout [M, channels, k, k]).
   C row stride ldc ≥ images·HWo; bias per row and ReLU fused. Only when ck_sgemm_avx512_available(). */
void ck_conv_gemm(const float *packed_a, int M, const float *input, int images, int image_stride, int channels,
                  int height, int width, int kernel, int stride, int pad, int out_height, int out_width, float *C,
                  int ldc, const float *row_bias, int relu);

/* Fully connected layer for small batches (1 ≤ batch ≤ CK_LINEAR_MAX_BATCH): Y[b][o] += Σ_i X[b][i]·W[o][i]
   with X [batch×in], W [out×in] (PyTorch layout), Y [batch×out], all row-major and dense. Streams a few
   weight rows at a time. Returns 1 when done, 0 (nothing written) when batch is too large or the CPU
   lacks AVX-512F (callers then use a GEMM). */
#define CK_LINEAR_MAX_BATCH 32
int ck_linear_accumulate(int batch, int in, int out, const float *X, const float *W, float *Y);

/* Winograd F(2×2, 3×3) for 3×3 convolutions with stride 1 and padding 1 (output size = input size).
   Weights W [M, C, 3, 3] (PyTorch layout, one group) are transformed once (U = G g Gᵀ, 16 matrices
   [M×C], each packed as by ck_sgemm_pack_a) into `packed` (ck_winograd_weights_size floats). */
size_t ck_winograd_weights_size(int M, int C);
void ck_winograd_pack_weights(int M, int C, const float *w, float *packed);

/* Floats of scratch ck_winograd_conv3x3 needs for `images` planes of height × width. */
size_t ck_winograd_scratch_size(int M, int C, int images, int height, int width);

/* out[i][o][y][x] = bias[o] + Σ_{c,r,s} W[o][c][r][s] · in[i][c][y + r − 1][x + s − 1] (zero padding), then
   ReLU when relu != 0. Image i's channel c plane (height × width, row-major) starts at
   input + i·image_stride + c·height·width; output plane o of image i at output + i·out_image_stride +
   o·height·width. `packed` from ck_winograd_pack_weights. `scratch` holds ck_winograd_scratch_size floats,
   or is NULL for a per-thread buffer kept between calls (no allocation per call). Only when
   ck_sgemm_avx512_available(). */
void ck_winograd_conv3x3(const float *packed, int M, int C, const float *input, int images, int image_stride,
                         int height, int width, float *output, int out_image_stride, const float *bias, int relu,
                         float *scratch);

/* Winograd F(2×2, 5×5) for 5×5 convolutions with stride 1 and padding 2 on planes at most 28 wide
   (EmoNet's conv2), same conventions as the 3×3 functions above (36 transformed weight matrices). */
size_t ck_winograd5_weights_size(int M, int C);
void ck_winograd5_pack_weights(int M, int C, const float *w, float *packed);
size_t ck_winograd5_scratch_size(int M, int C, int images, int height, int width);
void ck_winograd5_conv5x5(const float *packed, int M, int C, const float *input, int images, int image_stride,
                          int height, int width, float *output, int out_image_stride, const float *bias, int relu,
                          float *scratch);

/* glibc: raise the mmap and trim thresholds so freed multi-megabyte buffers stay on the heap
   (see AllocatorTuning.swift). No-op elsewhere. */
void ck_keep_large_buffers(void);

#ifdef __cplusplus
}
#endif
#endif
