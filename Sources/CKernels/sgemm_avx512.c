/*
 * A packed, cache-blocked single-precision GEMM with a 512-bit FMA micro-kernel (AVX-512F).
 *
 *   C[M×N] = beta·C + A[M×K] · op(B)      (row-major; op(B) = B [K×N] or, with trans_b, Bᵀ for B [N×K])
 *   then, optionally, C[i][j] += row_bias[i] and C = max(C, 0)   (fused into the last store)
 *
 * Why: the environment pins OpenBLAS to its Haswell (AVX2) kernels, which caps sgemm at half of what
 * this CPU's two 512-bit FMA pipes can do. See docs/gemm.md for the design and the measured numbers.
 *
 * Blocking (specialised for EmoNet's "small M, large N and K" shapes; A = weights, packed once):
 *   for jc0 over N in blocks of nc (M×nc floats of C ≤ 384 KiB: the C block stays in L2)
 *     for pc over K in equal blocks of ≤ CK_KC (the A block, M×kc, ≤ 384 KiB in L2)
 *       for jr over the block in steps of NR:     pack one kc×NR micro-panel of op(B) (L1-resident);
 *                                                 for convolutions gathered straight from the input
 *         for ir over M in steps of MR:           micro-kernel: MR×NR accumulators in zmm registers
 * The micro-kernel is 12×32: 24 zmm accumulators (≥ 8 independent FMA chains per pipe, latency 4),
 * two B vectors and one broadcast A value per k. Ragged M is zero-padded in the packed A; ragged N
 * is zero-padded in the packed B and stored with masks.
 *
 * On top of the same driver: ck_conv_gemm (implicit-GEMM convolution: im2col fused into B packing,
 * permutes for stride 4, masked gathers otherwise) and Winograd F(2×2,3×3) / F(2×2,5×5) convolutions
 * (transformed weights packed once; 16 / 36 GEMMs; vectorised input and output transforms).
 *
 * On CPUs without AVX-512F (and on non-x86 builds) `ck_sgemm_avx512_available()` returns 0 and
 * `ck_sgemm` runs a plain reference loop; EmoShift's Swift side then calls OpenBLAS instead.
 */
#include "CKernels.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Tunables (measured on Zen 5, docs/gemm.md). */
#ifndef CK_MR
#define CK_MR 12
#endif
#define CK_NR 32
#ifndef CK_KC
#define CK_KC 256
#endif
#define CK_C_BYTES (384 << 10) /* block of C kept in L2 across the K loop */

/* Reference loop: used where AVX-512 is unavailable (never on the hot path of EmoShift, which calls
   OpenBLAS then) and as the non-x86 implementation. */
static void sgemm_reference(int trans_b, int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                            float beta, float *C, int ldc, const float *row_bias, int relu) {
    for (int i = 0; i < M; i++) {
        for (int j = 0; j < N; j++) {
            float s = 0.0f;
            for (int k = 0; k < K; k++) {
                const float b = trans_b ? B[(size_t)j * ldb + k] : B[(size_t)k * ldb + j];
                s += A[(size_t)i * lda + k] * b;
            }
            float v = (beta == 0.0f ? 0.0f : beta * C[(size_t)i * ldc + j]) + s;
            if (row_bias) v += row_bias[i];
            if (relu && v < 0.0f) v = 0.0f;
            C[(size_t)i * ldc + j] = v;
        }
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#define CK_AVX512 __attribute__((target("avx512f,avx512vl,fma")))

int ck_sgemm_avx512_available(void) {
    static int cached = -1;
    int v = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (v < 0) {
        __builtin_cpu_init();
        v = __builtin_cpu_supports("avx512f") ? 1 : 0;
        __atomic_store_n(&cached, v, __ATOMIC_RELAXED);
    }
    return v;
}

/* Per-thread packing buffers (64-byte aligned, grown on demand, kept for the thread's lifetime). */
static _Thread_local float *tl_pack_a = NULL;
static _Thread_local size_t tl_pack_a_cap = 0;
static _Thread_local float *tl_pack_b = NULL;
static _Thread_local size_t tl_pack_b_cap = 0;
static _Thread_local float *tl_scratch = NULL;  /* Winograd transforms (scratch == NULL) */
static _Thread_local size_t tl_scratch_cap = 0;

static float *ensure_buffer(float **buf, size_t *cap, size_t floats) {
    if (*cap < floats) {
        free(*buf);
        size_t bytes = (floats * sizeof(float) + 63) & ~(size_t)63;
        *buf = (float *)aligned_alloc(64, bytes);
        *cap = *buf ? floats : 0;
    }
    return *buf;
}

/* Packs rows [0, mc) × columns [0, kc) of A (leading dimension lda) into ceil(mc/MR) panels,
   panel p = [k][MR] (k-major), rows beyond mc zero. Plain C (no AVX-512 needed). */
static void pack_a(int mc, int kc, const float *A, int lda, float *dst) {
    for (int i0 = 0; i0 < mc; i0 += CK_MR) {
        const int mr = mc - i0 < CK_MR ? mc - i0 : CK_MR;
        if (mr == CK_MR) {
            const float *r[CK_MR];
            for (int i = 0; i < CK_MR; i++) r[i] = A + (size_t)(i0 + i) * lda;
            for (int k = 0; k < kc; k++) {
                for (int i = 0; i < CK_MR; i++) dst[i] = r[i][k];
                dst += CK_MR;
            }
        } else {
            for (int k = 0; k < kc; k++) {
                for (int i = 0; i < CK_MR; i++) dst[i] = i < mr ? A[(size_t)(i0 + i) * lda + k] : 0.0f;
                dst += CK_MR;
            }
        }
    }
}

/* Packs a kc × nr block of B (row-major, leading dimension ldb, starting at its (0, 0)) into
   dst[k][NR], columns ≥ nr zero. */
CK_AVX512
static void pack_b(int kc, int nr, const float *B, int ldb, float *dst) {
    if (nr == CK_NR) {
        for (int k = 0; k < kc; k++) {
            const float *s = B + (size_t)k * ldb;
            _mm512_store_ps(dst, _mm512_loadu_ps(s));
            _mm512_store_ps(dst + 16, _mm512_loadu_ps(s + 16));
            dst += CK_NR;
        }
    } else {
        const __mmask16 m0 = (__mmask16)(nr >= 16 ? 0xFFFF : (1u << nr) - 1);
        const __mmask16 m1 = (__mmask16)(nr <= 16 ? 0 : (nr >= 32 ? 0xFFFF : (1u << (nr - 16)) - 1));
        for (int k = 0; k < kc; k++) {
            const float *s = B + (size_t)k * ldb;
            _mm512_store_ps(dst, _mm512_maskz_loadu_ps(m0, s));
            _mm512_store_ps(dst + 16, _mm512_maskz_loadu_ps(m1, s + 16));
            dst += CK_NR;
        }
    }
}

/* In-register 16×16 transpose: on return r[i] holds column i of the input rows r[0..15]. */
CK_AVX512
static inline void transpose16(__m512 r[16]) {
    __m512 t[16];
    for (int j = 0; j < 16; j += 2) {
        t[j] = _mm512_unpacklo_ps(r[j], r[j + 1]);
        t[j + 1] = _mm512_unpackhi_ps(r[j], r[j + 1]);
    }
    for (int j = 0; j < 16; j += 4) {
        r[j] = _mm512_shuffle_ps(t[j], t[j + 2], 0x44);
        r[j + 1] = _mm512_shuffle_ps(t[j], t[j + 2], 0xEE);
        r[j + 2] = _mm512_shuffle_ps(t[j + 1], t[j + 3], 0x44);
        r[j + 3] = _mm512_shuffle_ps(t[j + 1], t[j + 3], 0xEE);
    }
    for (int j = 0; j < 4; j++) {
        t[j] = _mm512_shuffle_f32x4(r[j], r[j + 4], 0x88);
        t[j + 4] = _mm512_shuffle_f32x4(r[j], r[j + 4], 0xDD);
        t[j + 8] = _mm512_shuffle_f32x4(r[j + 8], r[j + 12], 0x88);
        t[j + 12] = _mm512_shuffle_f32x4(r[j + 8], r[j + 12], 0xDD);
    }
    for (int j = 0; j < 8; j++) {
        r[j] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0x88);
        r[j + 8] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0xDD);
    }
}

/* Packs a kc × nr block of op(B) = Bᵀ where B is [N×K] row-major (ldb), starting at B's (0, 0):
   dst[k][j] = B[j][k] for j < nr, k < kc; columns ≥ nr zero. */
CK_AVX512
static void pack_bt(int kc, int nr, const float *B, int ldb, float *dst) {
    int k = 0;
    for (; k + 16 <= kc; k += 16) {
        for (int half = 0; half < 2; half++) {
            __m512 r[16];
            for (int j = 0; j < 16; j++) {
                const int col = half * 16 + j;
                r[j] = col < nr ? _mm512_loadu_ps(B + (size_t)col * ldb + k) : _mm512_setzero_ps();
            }
            transpose16(r);
            for (int q = 0; q < 16; q++) _mm512_store_ps(dst + (size_t)(k + q) * CK_NR + half * 16, r[q]);
        }
    }
    for (; k < kc; k++) {
        float *d = dst + (size_t)k * CK_NR;
        for (int j = 0; j < CK_NR; j++) d[j] = j < nr ? B[(size_t)j * ldb + k] : 0.0f;
    }
}

/* The 12×32 micro-kernel: acc = Ap[kc×12]ᵀ·Bp[kc×32], then
     first block:  C = beta·C + acc   (beta == 0: C not read)
     later blocks: C += acc
   and on the last block + row_bias[i], ReLU. Only rows < mr and columns < nr are touched. */
CK_AVX512
static void kernel_12x32(int kc, const float *restrict Ap, const float *restrict Bp, float *C, int ldc,
                         int mr, int nr, int first, float beta, int last, const float *row_bias, int relu) {
    __m512 c[CK_MR][2];
    for (int i = 0; i < CK_MR; i++) { c[i][0] = _mm512_setzero_ps(); c[i][1] = _mm512_setzero_ps(); }
    for (int i = 0; i < CK_MR && i < mr; i++) _mm_prefetch((const char *)(C + (size_t)i * ldc), _MM_HINT_T0),
                                              _mm_prefetch((const char *)(C + (size_t)i * ldc + 16), _MM_HINT_T0);
#pragma clang loop unroll_count(4)
    for (int k = 0; k < kc; k++) {
        const __m512 b0 = _mm512_load_ps(Bp);
        const __m512 b1 = _mm512_load_ps(Bp + 16);
        for (int i = 0; i < CK_MR; i++) {
            const __m512 a = _mm512_set1_ps(Ap[i]);
            c[i][0] = _mm512_fmadd_ps(a, b0, c[i][0]);
            c[i][1] = _mm512_fmadd_ps(a, b1, c[i][1]);
        }
        Ap += CK_MR;
        Bp += CK_NR;
    }
    const __mmask16 m0 = (__mmask16)(nr >= 16 ? 0xFFFF : (1u << nr) - 1);
    const __mmask16 m1 = (__mmask16)(nr <= 16 ? 0 : (nr >= 32 ? 0xFFFF : (1u << (nr - 16)) - 1));
    const __m512 vbeta = _mm512_set1_ps(beta);
    const __m512 zero = _mm512_setzero_ps();
    for (int i = 0; i < CK_MR; i++) {
        if (i >= mr) break;
        float *row = C + (size_t)i * ldc;
        __m512 v0 = c[i][0], v1 = c[i][1];
        if (!first) {
            v0 = _mm512_add_ps(v0, _mm512_maskz_loadu_ps(m0, row));
            v1 = _mm512_add_ps(v1, _mm512_maskz_loadu_ps(m1, row + 16));
        } else if (beta != 0.0f) {
            v0 = _mm512_fmadd_ps(vbeta, _mm512_maskz_loadu_ps(m0, row), v0);
            v1 = _mm512_fmadd_ps(vbeta, _mm512_maskz_loadu_ps(m1, row + 16), v1);
        }
        if (last) {
            if (row_bias) {
                const __m512 bi = _mm512_set1_ps(row_bias[i]);
                v0 = _mm512_add_ps(v0, bi);
                v1 = _mm512_add_ps(v1, bi);
            }
            if (relu) { v0 = _mm512_max_ps(v0, zero); v1 = _mm512_max_ps(v1, zero); }
        }
        _mm512_mask_storeu_ps(row, m0, v0);
        _mm512_mask_storeu_ps(row + 16, m1, v1);
    }
}

/* Where the driver takes op(B) from. */
typedef struct {
    int kind;  /* 0: B [K×N]; 1: Bᵀ with B [N×K]; 2: implicit im2col of a convolution */
    const float *b;
    int ldb;
    /* kind 2: column n = image·HWo + y·Wo + x, row k = (c·kh + r)·kw + s of the im2col matrix;
       value input[image·image_stride + c·H·W + (y·stride + r − pad)·W + x·stride + s − pad], 0 outside. */
    const float *input;
    int image_stride, height, width, kernel, stride, pad, out_width, out_pixels;
} b_source;

/* Packs rows [pc, pc + kc) × columns [jc, jc + nr) of the im2col matrix into dst[k][NR] with masked
   gathers (no im2col buffer). Column geometry is computed once per panel; the validity of a kernel
   offset (r, s) is a vector compare. */
/* pack_conv for stride 4 without padding (EmoNet's conv1): the panel's columns fall into runs of
   ≤ 16 consecutive output pixels of one output row; a run's inputs for one (c, r, q) are every 4th
   float of a contiguous stretch, picked with two permutes from four loads instead of a gather. */
CK_AVX512
static void pack_conv_s4(const b_source *src, int pc, int kc, int jc, int nr, float *dst) {
    const int hw = src->out_pixels, ow = src->out_width;
    int run_lane[CK_NR], run_count[CK_NR], run_base[CK_NR], runs = 0;
    for (int t = 0; t < nr;) {
        const int n = jc + t, img = n / hw, pix = n - img * hw, y = pix / ow, x = pix - y * ow;
        int count = ow - x;                       /* to the end of the output row */
        if (count > nr - t) count = nr - t;       /* to the end of the panel */
        if (count > 16) count = 16;
        run_lane[runs] = t;
        run_count[runs] = count;
        run_base[runs] = img * src->image_stride + 4 * y * src->width + 4 * x;
        runs++;
        t += count;
    }
    __mmask16 lmask[CK_NR][4], smask[CK_NR];
    for (int i = 0; i < runs; i++) {
        const int floats = 4 * run_count[i] - 3;  /* p[0] … p[4·(count − 1)] */
        for (int v = 0; v < 4; v++) {
            const int left = floats - 16 * v;
            lmask[i][v] = (__mmask16)(left >= 16 ? 0xFFFF : left <= 0 ? 0 : (1u << left) - 1);
        }
        smask[i] = (__mmask16)((1u << run_count[i]) - 1);
    }
    const __m512i pick = _mm512_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28, 0, 4, 8, 12, 16, 20, 24, 28);
    const int kk = src->kernel, plane = src->height * src->width;
    int c = pc / (kk * kk), rs = pc - c * kk * kk, r = rs / kk, q = rs - r * kk;
    for (int k = 0; k < kc; k++) {
        const float *base = src->input + (size_t)c * plane + (size_t)r * src->width + q;
        if (nr < CK_NR) {
            _mm512_store_ps(dst, _mm512_setzero_ps());
            _mm512_store_ps(dst + 16, _mm512_setzero_ps());
        }
        for (int i = 0; i < runs; i++) {
            const float *p = base + run_base[i];
            const __m512 v0 = _mm512_maskz_loadu_ps(lmask[i][0], p), v1 = _mm512_maskz_loadu_ps(lmask[i][1], p + 16);
            const __m512 v2 = _mm512_maskz_loadu_ps(lmask[i][2], p + 32), v3 = _mm512_maskz_loadu_ps(lmask[i][3], p + 48);
            const __m512 lo = _mm512_permutex2var_ps(v0, pick, v1), hi = _mm512_permutex2var_ps(v2, pick, v3);
            _mm512_mask_storeu_ps(dst + run_lane[i], smask[i], _mm512_shuffle_f32x4(lo, hi, 0x44));
        }
        dst += CK_NR;
        if (++q == kk) { q = 0; if (++r == kk) { r = 0; c++; } }
    }
}

CK_AVX512
static void pack_conv(const b_source *src, int pc, int kc, int jc, int nr, float *dst) {
    if (src->stride == 4 && src->pad == 0) { pack_conv_s4(src, pc, kc, jc, nr, dst); return; }
    const int hw = src->out_pixels, ow = src->out_width;
    int base_s[CK_NR] __attribute__((aligned(64))), iy_s[CK_NR] __attribute__((aligned(64))),
        ix_s[CK_NR] __attribute__((aligned(64)));
    for (int t = 0; t < CK_NR; t++) {
        if (t < nr) {
            const int n = jc + t, img = n / hw, pix = n - img * hw, y = pix / ow, x = pix - y * ow;
            iy_s[t] = y * src->stride - src->pad;
            ix_s[t] = x * src->stride - src->pad;
            base_s[t] = img * src->image_stride + iy_s[t] * src->width + ix_s[t];
        } else {
            iy_s[t] = -(1 << 20);  /* never valid */
            ix_s[t] = -(1 << 20);
            base_s[t] = 0;
        }
    }
    const __m512i base0 = _mm512_load_si512(base_s), base1 = _mm512_load_si512(base_s + 16);
    const __m512i iy0 = _mm512_load_si512(iy_s), iy1 = _mm512_load_si512(iy_s + 16);
    const __m512i ix0 = _mm512_load_si512(ix_s), ix1 = _mm512_load_si512(ix_s + 16);
    const __m512i vh = _mm512_set1_epi32(src->height), vw = _mm512_set1_epi32(src->width);
    const int kk = src->kernel, plane = src->height * src->width;
    int c = pc / (kk * kk), rs = pc - c * kk * kk, r = rs / kk, q = rs - r * kk;
    const __m512 zero = _mm512_setzero_ps();
    for (int k = 0; k < kc; k++) {
        const int delta = c * plane + r * src->width + q;
        const __m512i vr = _mm512_set1_epi32(r), vq = _mm512_set1_epi32(q), vd = _mm512_set1_epi32(delta);
        const __mmask16 m0 = _mm512_cmplt_epu32_mask(_mm512_add_epi32(iy0, vr), vh) &
                             _mm512_cmplt_epu32_mask(_mm512_add_epi32(ix0, vq), vw);
        const __mmask16 m1 = _mm512_cmplt_epu32_mask(_mm512_add_epi32(iy1, vr), vh) &
                             _mm512_cmplt_epu32_mask(_mm512_add_epi32(ix1, vq), vw);
        _mm512_store_ps(dst, _mm512_mask_i32gather_ps(zero, m0, _mm512_add_epi32(base0, vd), src->input, 4));
        _mm512_store_ps(dst + 16, _mm512_mask_i32gather_ps(zero, m1, _mm512_add_epi32(base1, vd), src->input, 4));
        dst += CK_NR;
        if (++q == kk) { q = 0; if (++r == kk) { r = 0; c++; } }
    }
}

/* K is split into equal blocks of at most CK_KC. */
static inline int k_block(int K) {
    const int kblocks = (K + CK_KC - 1) / CK_KC;
    return (K + kblocks - 1) / kblocks;
}

/* The blocked driver. A comes pre-packed (`packed_a`, layout of ck_sgemm_pack_a) or is packed here,
   whole, into a per-thread buffer. Loop order: column blocks of C (≤ CK_C_BYTES, so the block of C
   stays in L2 while all of K is accumulated into it) → K blocks → NR-wide B micro-panels (packed into
   L1) → MR-row A panels (from L2/L3). */
CK_AVX512
static void sgemm_driver(int M, int N, int K, const float *A, int lda, const float *packed_a, const b_source *src,
                         float beta, float *C, int ldc, const float *row_bias, int relu) {
    const int kc_max = k_block(K);
    const int m_padded = (M + CK_MR - 1) / CK_MR * CK_MR;
    if (!packed_a) {
        float *pa = ensure_buffer(&tl_pack_a, &tl_pack_a_cap, (size_t)m_padded * K);
        if (!pa) abort();  /* out of memory */
        ck_sgemm_pack_a(M, K, A, lda, pa);
        packed_a = pa;
    }
    float *pb = ensure_buffer(&tl_pack_b, &tl_pack_b_cap, (size_t)CK_NR * kc_max);
    if (!pb) abort();
    int nc = CK_C_BYTES / (int)sizeof(float) / m_padded / CK_NR * CK_NR;
    if (nc < CK_NR) nc = CK_NR;
    for (int jc0 = 0; jc0 < N; jc0 += nc) {
        const int jc_end = N - jc0 < nc ? N : jc0 + nc;
        for (int pc = 0; pc < K; pc += kc_max) {
            const int kc = K - pc < kc_max ? K - pc : kc_max;
            const int first = pc == 0, last = pc + kc >= K;
            const float *pa_block = packed_a + (size_t)m_padded * pc;
            for (int jc = jc0; jc < jc_end; jc += CK_NR) {
                const int nr = jc_end - jc < CK_NR ? jc_end - jc : CK_NR;
                switch (src->kind) {
                case 0: pack_b(kc, nr, src->b + (size_t)pc * src->ldb + jc, src->ldb, pb); break;
                case 1: pack_bt(kc, nr, src->b + (size_t)jc * src->ldb + pc, src->ldb, pb); break;
                default: pack_conv(src, pc, kc, jc, nr, pb); break;
                }
                for (int ir = 0; ir < M; ir += CK_MR) {
                    const int mr = M - ir < CK_MR ? M - ir : CK_MR;
                    kernel_12x32(kc, pa_block + (size_t)ir * kc, pb, C + (size_t)ir * ldc + jc, ldc, mr, nr,
                                 first, beta, last, row_bias ? row_bias + ir : NULL, relu);
                }
            }
        }
    }
}

void ck_sgemm(int trans_b, int M, int N, int K, const float *A, int lda, const float *B, int ldb, float beta,
              float *C, int ldc, const float *row_bias, int relu) {
    if (M <= 0 || N <= 0) return;
    if (K <= 0 || !ck_sgemm_avx512_available()) {
        sgemm_reference(trans_b, M, N, K, A, lda, B, ldb, beta, C, ldc, row_bias, relu);
        return;
    }
    b_source src = {.kind = trans_b ? 1 : 0, .b = B, .ldb = ldb};
    sgemm_driver(M, N, K, A, lda, NULL, &src, beta, C, ldc, row_bias, relu);
}

size_t ck_sgemm_packed_a_size(int M, int K) {
    return (size_t)((M + CK_MR - 1) / CK_MR * CK_MR) * (size_t)(K > 0 ? K : 0);
}

void ck_sgemm_pack_a(int M, int K, const float *A, int lda, float *packed) {
    if (M <= 0 || K <= 0) return;
    const int kc_max = k_block(K);
    const int m_padded = (M + CK_MR - 1) / CK_MR * CK_MR;
    for (int pc = 0; pc < K; pc += kc_max) {
        const int kc = K - pc < kc_max ? K - pc : kc_max;
        pack_a(M, kc, A + pc, lda, packed + (size_t)m_padded * pc);
    }
}

void ck_conv_gemm(const float *packed_a, int M, const float *input, int images, int image_stride, int channels,
                  int height, int width, int kernel, int stride, int pad, int out_height, int out_width, float *C,
                  int ldc, const float *row_bias, int relu) {
    const int hw = out_height * out_width, N = images * hw, K = channels * kernel * kernel;
    if (M <= 0 || N <= 0 || K <= 0) return;
    if (!ck_sgemm_avx512_available()) abort();  /* callers check ck_sgemm_avx512_available() */
    b_source src = {.kind = 2, .input = input, .image_stride = image_stride, .height = height, .width = width,
                    .kernel = kernel, .stride = stride, .pad = pad, .out_width = out_width, .out_pixels = hw};
    sgemm_driver(M, N, K, NULL, 0, packed_a, &src, 0.0f, C, ldc, row_bias, relu);
}

/* ---- Fully connected layers for small batches: Y[b][o] += Σ_i X[b][i] · W[o][i] ----
   Streams four weight rows at a time (a few sequential streams, which this machine's memory serves far
   better than the 32 row streams of the transposed-B packing) against all items; 4 rows × 4 items of
   16-lane partial sums in registers, K in blocks of 512 so the weight and item blocks stay in L1. */
#ifndef CK_FC_KB
#define CK_FC_KB (1 << 30) /* no K blocking: whole weight rows streamed (measured best: 512 → 14.5 ms, whole rows → 11.2 ms for fc6 at batch 16) */
#endif

CK_AVX512
static void linear_block(int batch, int in, const float *X, const float *W, int o0, int rows, float *Y, int out,
                         __m512 *part) {
    const float *w[4];
    for (int r = 0; r < 4; r++) w[r] = W + (size_t)(o0 + (r < rows ? r : rows - 1)) * in;
    const int groups = (batch + 3) / 4;
    for (int i = 0; i < 16 * groups; i++) part[i] = _mm512_setzero_ps();
    for (int k0 = 0; k0 < in; k0 += CK_FC_KB) {
        const int k1 = in - k0 < CK_FC_KB ? in : k0 + CK_FC_KB;
        for (int g = 0; g < groups; g++) {
            const float *x[4];
            for (int j = 0; j < 4; j++) { const int b = 4 * g + j; x[j] = X + (size_t)(b < batch ? b : batch - 1) * in; }
            __m512 acc[4][4];
            for (int r = 0; r < 4; r++) for (int j = 0; j < 4; j++) acc[r][j] = part[16 * g + 4 * r + j];
            int k = k0;
            for (; k + 16 <= k1; k += 16) {
                if (g == 0) for (int r = 0; r < 4; r++) _mm_prefetch((const char *)(w[r] + k + 1024), _MM_HINT_T0);
                const __m512 w0 = _mm512_loadu_ps(w[0] + k), w1 = _mm512_loadu_ps(w[1] + k);
                const __m512 w2 = _mm512_loadu_ps(w[2] + k), w3 = _mm512_loadu_ps(w[3] + k);
                for (int j = 0; j < 4; j++) {
                    const __m512 xv = _mm512_loadu_ps(x[j] + k);
                    acc[0][j] = _mm512_fmadd_ps(w0, xv, acc[0][j]);
                    acc[1][j] = _mm512_fmadd_ps(w1, xv, acc[1][j]);
                    acc[2][j] = _mm512_fmadd_ps(w2, xv, acc[2][j]);
                    acc[3][j] = _mm512_fmadd_ps(w3, xv, acc[3][j]);
                }
            }
            if (k < k1) {
                const __mmask16 m = (__mmask16)((1u << (k1 - k)) - 1);
                const __m512 w0 = _mm512_maskz_loadu_ps(m, w[0] + k), w1 = _mm512_maskz_loadu_ps(m, w[1] + k);
                const __m512 w2 = _mm512_maskz_loadu_ps(m, w[2] + k), w3 = _mm512_maskz_loadu_ps(m, w[3] + k);
                for (int j = 0; j < 4; j++) {
                    const __m512 xv = _mm512_maskz_loadu_ps(m, x[j] + k);
                    acc[0][j] = _mm512_fmadd_ps(w0, xv, acc[0][j]);
                    acc[1][j] = _mm512_fmadd_ps(w1, xv, acc[1][j]);
                    acc[2][j] = _mm512_fmadd_ps(w2, xv, acc[2][j]);
                    acc[3][j] = _mm512_fmadd_ps(w3, xv, acc[3][j]);
                }
            }
            for (int r = 0; r < 4; r++) for (int j = 0; j < 4; j++) part[16 * g + 4 * r + j] = acc[r][j];
        }
    }
    for (int g = 0; g < groups; g++)
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < 4; j++) {
                const int b = 4 * g + j;
                if (b < batch) Y[(size_t)b * out + o0 + r] += _mm512_reduce_add_ps(part[16 * g + 4 * r + j]);
            }
}

int ck_linear_accumulate(int batch, int in, int out, const float *X, const float *W, float *Y) {
    if (batch <= 0 || out <= 0 || in <= 0) return 1;
    if (batch > CK_LINEAR_MAX_BATCH || !ck_sgemm_avx512_available()) return 0;
    __m512 part[16 * (CK_LINEAR_MAX_BATCH / 4)];
    for (int o0 = 0; o0 < out; o0 += 4) linear_block(batch, in, X, W, o0, out - o0 < 4 ? out - o0 : 4, Y, out, part);
    return 1;
}

/* ---- Winograd F(2×2, 3×3) for stride-1, pad-1 3×3 convolutions (EmoNet's conv3–conv5) ----
   Per 2×2 output tile t and channel c the 4×4 input patch d (rows/cols from 2·ty − 1, 2·tx − 1, zero
   outside) becomes V = Bᵀ d B; weights become U = G g Gᵀ; for each of the 16 positions ξ one GEMM
   M_ξ[o][t] = Σ_c U_ξ[o][c] · V_ξ[c][t]; the output tile is Aᵀ M A. 2.25× fewer multiplies than direct
   (1.94× on 13×13 planes, whose 7×7 tiles cover 14×14).
     Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],  G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1],  Aᵀ = [1 1 1 0; 0 1 −1 −1]. */

size_t ck_winograd_weights_size(int M, int C) { return 16 * ck_sgemm_packed_a_size(M, C); }

void ck_winograd_pack_weights(int M, int C, const float *w, float *packed) {
    if (M <= 0 || C <= 0) return;
    float *u = (float *)malloc(sizeof(float) * 16 * (size_t)M * C);
    if (!u) abort();
    for (int o = 0; o < M; o++) {
        for (int c = 0; c < C; c++) {
            const float *g = w + ((size_t)o * C + c) * 9;
            double t[4][3];  /* G · g */
            for (int j = 0; j < 3; j++) {
                const double g0 = g[0 * 3 + j], g1 = g[1 * 3 + j], g2 = g[2 * 3 + j];
                t[0][j] = g0;
                t[1][j] = 0.5 * (g0 + g1 + g2);
                t[2][j] = 0.5 * (g0 - g1 + g2);
                t[3][j] = g2;
            }
            for (int i = 0; i < 4; i++) {  /* (G g) · Gᵀ */
                const double a = t[i][0], b = t[i][1], cc = t[i][2];
                const double row[4] = {a, 0.5 * (a + b + cc), 0.5 * (a - b + cc), cc};
                for (int j = 0; j < 4; j++) u[((size_t)(i * 4 + j) * M + o) * C + c] = (float)row[j];
            }
        }
    }
    const size_t each = ck_sgemm_packed_a_size(M, C);
    for (int xi = 0; xi < 16; xi++) ck_sgemm_pack_a(M, C, u + (size_t)xi * M * C, C, packed + xi * each);
    free(u);
}

size_t ck_winograd_scratch_size(int M, int C, int images, int height, int width) {
    const size_t tiles = (size_t)images * ((height + 1) / 2) * ((width + 1) / 2);
    return 16 * tiles * ((size_t)C + (size_t)M);
}

CK_AVX512
static void winograd_input_scalar(const float *input, int images, int image_stride, int C, int H, int W, float *V, size_t T) {
    const int th = (H + 1) / 2, tw = (W + 1) / 2;
    const size_t cs = (size_t)C * T;  /* stride between ξ planes */
    for (int c = 0; c < C; c++) {
        for (int img = 0; img < images; img++) {
            const float *plane = input + (size_t)img * image_stride + (size_t)c * H * W;
            for (int ty = 0; ty < th; ty++) {
                for (int tx = 0; tx < tw; tx++) {
                    const size_t t = ((size_t)img * th + ty) * tw + tx;
                    float d[4][4];
                    const int y0 = 2 * ty - 1, x0 = 2 * tx - 1;
                    for (int i = 0; i < 4; i++) {
                        const int y = y0 + i;
                        for (int j = 0; j < 4; j++) {
                            const int x = x0 + j;
                            d[i][j] = (y >= 0 && y < H && x >= 0 && x < W) ? plane[y * W + x] : 0.0f;
                        }
                    }
                    float e[4][4];  /* Bᵀ d */
                    for (int j = 0; j < 4; j++) {
                        e[0][j] = d[0][j] - d[2][j];
                        e[1][j] = d[1][j] + d[2][j];
                        e[2][j] = d[2][j] - d[1][j];
                        e[3][j] = d[1][j] - d[3][j];
                    }
                    float *v = V + (size_t)c * T + t;
                    for (int i = 0; i < 4; i++) {  /* (Bᵀ d) B */
                        v[(size_t)(i * 4 + 0) * cs] = e[i][0] - e[i][2];
                        v[(size_t)(i * 4 + 1) * cs] = e[i][1] + e[i][2];
                        v[(size_t)(i * 4 + 2) * cs] = e[i][2] - e[i][1];
                        v[(size_t)(i * 4 + 3) * cs] = e[i][1] - e[i][3];
                    }
                }
            }
        }
    }
}

CK_AVX512
static void winograd_output_scalar(const float *Mx, int M, size_t T, int images, int H, int W, float *output,
                            int out_image_stride, const float *bias, int relu) {
    const int th = (H + 1) / 2, tw = (W + 1) / 2;
    const size_t ms = (size_t)M * T;
    for (int o = 0; o < M; o++) {
        const float b = bias ? bias[o] : 0.0f;
        for (int img = 0; img < images; img++) {
            float *plane = output + (size_t)img * out_image_stride + (size_t)o * H * W;
            for (int ty = 0; ty < th; ty++) {
                for (int tx = 0; tx < tw; tx++) {
                    const size_t t = ((size_t)img * th + ty) * tw + tx;
                    const float *m = Mx + (size_t)o * T + t;
                    float s[2][4];  /* Aᵀ m */
                    for (int j = 0; j < 4; j++) {
                        const float m0 = m[(size_t)(0 + j) * ms], m1 = m[(size_t)(4 + j) * ms];
                        const float m2 = m[(size_t)(8 + j) * ms], m3 = m[(size_t)(12 + j) * ms];
                        s[0][j] = m0 + m1 + m2;
                        s[1][j] = m1 - m2 - m3;
                    }
                    for (int i = 0; i < 2; i++) {
                        const int y = 2 * ty + i;
                        if (y >= H) break;
                        float y0 = s[i][0] + s[i][1] + s[i][2] + b;
                        float y1 = s[i][1] - s[i][2] - s[i][3] + b;
                        if (relu) { y0 = y0 < 0.0f ? 0.0f : y0; y1 = y1 < 0.0f ? 0.0f : y1; }
                        plane[y * W + 2 * tx] = y0;
                        if (2 * tx + 1 < W) plane[y * W + 2 * tx + 1] = y1;
                    }
                }
            }
        }
    }
}

/* Vectorised transforms for planes of width ≤ 14 (≤ 7 tiles per row; EmoNet's 13×13): one zmm holds
   input columns −1..14 of a row; lanes of the results are the tiles tx of one tile row. */
CK_AVX512
static void winograd_input(const float *input, int images, int image_stride, int C, int H, int W, float *V, size_t T) {
    if (W > 14) { winograd_input_scalar(input, images, image_stride, C, H, W, V, T); return; }
    const int th = (H + 1) / 2, tw = (W + 1) / 2;
    const size_t cs = (size_t)C * T;
    const __mmask16 row_mask = (__mmask16)(((1u << W) - 1) << 1);  /* lanes 1..W hold x = 0..W−1 */
    const __mmask16 tile_mask = (__mmask16)((1u << tw) - 1);
    const __m512i i0 = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m512i i1 = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m512i i2 = _mm512_setr_epi32(2, 4, 6, 8, 10, 12, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m512i i3 = _mm512_setr_epi32(3, 5, 7, 9, 11, 13, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    for (int c = 0; c < C; c++) {
        for (int img = 0; img < images; img++) {
            const float *plane = input + (size_t)img * image_stride + (size_t)c * H * W;
            for (int ty = 0; ty < th; ty++) {
                __m512 r[4];
                for (int i = 0; i < 4; i++) {
                    const int y = 2 * ty - 1 + i;
                    r[i] = (y >= 0 && y < H) ? _mm512_maskz_loadu_ps(row_mask, plane + y * W - 1) : _mm512_setzero_ps();
                }
                const __m512 e[4] = {_mm512_sub_ps(r[0], r[2]), _mm512_add_ps(r[1], r[2]), _mm512_sub_ps(r[2], r[1]),
                                     _mm512_sub_ps(r[1], r[3])};
                float *v = V + (size_t)c * T + ((size_t)img * th + ty) * tw;
                for (int i = 0; i < 4; i++) {
                    const __m512 a0 = _mm512_permutexvar_ps(i0, e[i]), a1 = _mm512_permutexvar_ps(i1, e[i]);
                    const __m512 a2 = _mm512_permutexvar_ps(i2, e[i]), a3 = _mm512_permutexvar_ps(i3, e[i]);
                    _mm512_mask_storeu_ps(v + (size_t)(i * 4 + 0) * cs, tile_mask, _mm512_sub_ps(a0, a2));
                    _mm512_mask_storeu_ps(v + (size_t)(i * 4 + 1) * cs, tile_mask, _mm512_add_ps(a1, a2));
                    _mm512_mask_storeu_ps(v + (size_t)(i * 4 + 2) * cs, tile_mask, _mm512_sub_ps(a2, a1));
                    _mm512_mask_storeu_ps(v + (size_t)(i * 4 + 3) * cs, tile_mask, _mm512_sub_ps(a1, a3));
                }
            }
        }
    }
}

CK_AVX512
static void winograd_output(const float *Mx, int M, size_t T, int images, int H, int W, float *output,
                            int out_image_stride, const float *bias, int relu) {
    if (W > 14) { winograd_output_scalar(Mx, M, T, images, H, W, output, out_image_stride, bias, relu); return; }
    const int th = (H + 1) / 2, tw = (W + 1) / 2;
    const size_t ms = (size_t)M * T;
    const __mmask16 tile_mask = (__mmask16)((1u << tw) - 1);
    const __mmask16 row_mask = (__mmask16)((1u << W) - 1);
    /* interleave y0 (even x) and y1 (odd x): lane 2k ← y0[k], lane 2k+1 ← y1[k] */
    const __m512i mix = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    const __m512 zero = _mm512_setzero_ps();
    for (int o = 0; o < M; o++) {
        const __m512 b = _mm512_set1_ps(bias ? bias[o] : 0.0f);
        for (int img = 0; img < images; img++) {
            float *plane = output + (size_t)img * out_image_stride + (size_t)o * H * W;
            for (int ty = 0; ty < th; ty++) {
                const float *m = Mx + (size_t)o * T + ((size_t)img * th + ty) * tw;
                __m512 s0[4], s1[4];
                for (int j = 0; j < 4; j++) {
                    const __m512 m0 = _mm512_maskz_loadu_ps(tile_mask, m + (size_t)(0 + j) * ms);
                    const __m512 m1 = _mm512_maskz_loadu_ps(tile_mask, m + (size_t)(4 + j) * ms);
                    const __m512 m2 = _mm512_maskz_loadu_ps(tile_mask, m + (size_t)(8 + j) * ms);
                    const __m512 m3 = _mm512_maskz_loadu_ps(tile_mask, m + (size_t)(12 + j) * ms);
                    s0[j] = _mm512_add_ps(_mm512_add_ps(m0, m1), m2);
                    s1[j] = _mm512_sub_ps(_mm512_sub_ps(m1, m2), m3);
                }
                for (int i = 0; i < 2; i++) {
                    const int y = 2 * ty + i;
                    if (y >= H) break;
                    const __m512 *sv = i == 0 ? s0 : s1;
                    __m512 y0 = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(sv[0], sv[1]), sv[2]), b);
                    __m512 y1 = _mm512_add_ps(_mm512_sub_ps(_mm512_sub_ps(sv[1], sv[2]), sv[3]), b);
                    __m512 row = _mm512_permutex2var_ps(y0, mix, y1);
                    if (relu) row = _mm512_max_ps(row, zero);
                    _mm512_mask_storeu_ps(plane + y * W, row_mask, row);
                }
            }
        }
    }
}

void ck_winograd_conv3x3(const float *packed, int M, int C, const float *input, int images, int image_stride,
                         int height, int width, float *output, int out_image_stride, const float *bias, int relu,
                         float *scratch) {
    if (M <= 0 || C <= 0 || images <= 0) return;
    if (!ck_sgemm_avx512_available()) abort();  /* callers check ck_sgemm_avx512_available() */
    const size_t T = (size_t)images * ((height + 1) / 2) * ((width + 1) / 2);
    if (!scratch) scratch = ensure_buffer(&tl_scratch, &tl_scratch_cap, ck_winograd_scratch_size(M, C, images, height, width));
    if (!scratch) abort();  /* out of memory */
    float *V = scratch, *Mx = scratch + 16 * T * (size_t)C;
    winograd_input(input, images, image_stride, C, height, width, V, T);
    const size_t each = ck_sgemm_packed_a_size(M, C);
    for (int xi = 0; xi < 16; xi++) {
        b_source src = {.kind = 0, .b = V + (size_t)xi * C * T, .ldb = (int)T};
        sgemm_driver(M, (int)T, C, NULL, 0, packed + xi * each, &src, 0.0f, Mx + (size_t)xi * M * T, (int)T, NULL, 0);
    }
    winograd_output(Mx, M, T, images, height, width, output, out_image_stride, bias, relu);
}

/* ---- Winograd F(2×2, 5×5) for stride-1, pad-2 5×5 convolutions on planes ≤ 28 wide (EmoNet's conv2) ----
   Points 0, ±1, ±2, ∞: 6×6 input tiles at (2·ty − 2, 2·tx − 2), 36 GEMMs, 2.78× fewer multiplies.
     Bᵀ = [4 0 −5 0 1 0; 0 −4 −4 1 1 0; 0 4 −4 −1 1 0; 0 −2 −1 2 1 0; 0 2 −1 −2 1 0; 0 4 0 −5 0 1]
     G  = [¼ 0 0 0 0; −⅙ −⅙ −⅙ −⅙ −⅙; −⅙ ⅙ −⅙ ⅙ −⅙; 1/24 1/12 ⅙ ⅓ ⅔; 1/24 −1/12 ⅙ −⅓ ⅔; 0 0 0 0 1]
     Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 1] */

size_t ck_winograd5_weights_size(int M, int C) { return 36 * ck_sgemm_packed_a_size(M, C); }

void ck_winograd5_pack_weights(int M, int C, const float *w, float *packed) {
    if (M <= 0 || C <= 0) return;
    static const double G[6][5] = {{0.25, 0, 0, 0, 0},
                                   {-1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6},
                                   {-1.0 / 6, 1.0 / 6, -1.0 / 6, 1.0 / 6, -1.0 / 6},
                                   {1.0 / 24, 1.0 / 12, 1.0 / 6, 1.0 / 3, 2.0 / 3},
                                   {1.0 / 24, -1.0 / 12, 1.0 / 6, -1.0 / 3, 2.0 / 3},
                                   {0, 0, 0, 0, 1}};
    float *u = (float *)malloc(sizeof(float) * 36 * (size_t)M * C);
    if (!u) abort();
    for (int o = 0; o < M; o++) {
        for (int c = 0; c < C; c++) {
            const float *g = w + ((size_t)o * C + c) * 25;
            double t[6][5];  /* G · g */
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 5; j++) {
                    double acc = 0;
                    for (int k = 0; k < 5; k++) acc += G[i][k] * g[k * 5 + j];
                    t[i][j] = acc;
                }
            for (int i = 0; i < 6; i++)  /* (G g) · Gᵀ */
                for (int j = 0; j < 6; j++) {
                    double acc = 0;
                    for (int k = 0; k < 5; k++) acc += t[i][k] * G[j][k];
                    u[((size_t)(i * 6 + j) * M + o) * C + c] = (float)acc;
                }
        }
    }
    const size_t each = ck_sgemm_packed_a_size(M, C);
    for (int xi = 0; xi < 36; xi++) ck_sgemm_pack_a(M, C, u + (size_t)xi * M * C, C, packed + xi * each);
    free(u);
}

size_t ck_winograd5_scratch_size(int M, int C, int images, int height, int width) {
    const size_t tiles = (size_t)images * ((height + 1) / 2) * ((width + 1) / 2);
    return 36 * tiles * ((size_t)C + (size_t)M);
}

/* Bᵀ applied to six vectors (rows or columns of a tile), in place into out[6]. */
#define CK_BT6(o, x0, x1, x2, x3, x4, x5)                                                                 \
    do {                                                                                                   \
        const __m512 f4 = _mm512_set1_ps(4.0f), f5 = _mm512_set1_ps(5.0f), f2 = _mm512_set1_ps(2.0f);       \
        o[0] = _mm512_add_ps(_mm512_fnmadd_ps(f5, x2, _mm512_mul_ps(f4, x0)), x4);                        \
        o[1] = _mm512_fnmadd_ps(f4, _mm512_add_ps(x1, x2), _mm512_add_ps(x3, x4));                         \
        o[2] = _mm512_fmadd_ps(f4, _mm512_sub_ps(x1, x2), _mm512_sub_ps(x4, x3));                          \
        o[3] = _mm512_fmadd_ps(f2, _mm512_sub_ps(x3, x1), _mm512_sub_ps(x4, x2));                          \
        o[4] = _mm512_fmadd_ps(f2, _mm512_sub_ps(x1, x3), _mm512_sub_ps(x4, x2));                          \
        o[5] = _mm512_add_ps(_mm512_fnmadd_ps(f5, x3, _mm512_mul_ps(f4, x1)), x5);                        \
    } while (0)

/* Input transform: a tile row ty of one channel plane (width ≤ 28) is held as columns −2..29 in two zmm
   (lo: −2..13, hi: 14..29); the lanes of the results are the tiles tx = 0..13. */
CK_AVX512
static void winograd5_input(const float *input, int images, int image_stride, int C, int H, int W, float *V, size_t T) {
    const int th = (H + 1) / 2, tw = (W + 1) / 2;
    const size_t cs = (size_t)C * T;
    /* lanes of lo hold x = lane − 2 (valid 2 ≤ lane < W + 2), hi x = lane + 14 (valid lane < W − 14) */
    const __mmask16 lo_mask = (__mmask16)((W >= 14 ? 0xFFFFu : ((1u << (W + 2)) - 1)) & ~3u);
    const __mmask16 hi_mask = (__mmask16)(W > 14 ? (1u << (W - 14)) - 1 : 0);
    const __mmask16 tile_mask = (__mmask16)((1u << tw) - 1);
    __m512i idx[6];
    for (int k = 0; k < 6; k++) {
        int lanes[16];
        for (int t = 0; t < 16; t++) { const int l = 2 * t + k; lanes[t] = l < 32 ? l : 31; }
        idx[k] = _mm512_loadu_si512(lanes);
    }
    for (int c = 0; c < C; c++) {
        for (int img = 0; img < images; img++) {
            const float *plane = input + (size_t)img * image_stride + (size_t)c * H * W;
            for (int ty = 0; ty < th; ty++) {
                __m512 lo[6], hi[6];
                for (int i = 0; i < 6; i++) {
                    const int y = 2 * ty - 2 + i;
                    if (y >= 0 && y < H) {
                        lo[i] = _mm512_maskz_loadu_ps(lo_mask, plane + y * W - 2);
                        hi[i] = _mm512_maskz_loadu_ps(hi_mask, plane + y * W + 14);
                    } else {
                        lo[i] = _mm512_setzero_ps();
                        hi[i] = _mm512_setzero_ps();
                    }
                }
                __m512 elo[6], ehi[6];
                CK_BT6(elo, lo[0], lo[1], lo[2], lo[3], lo[4], lo[5]);
                CK_BT6(ehi, hi[0], hi[1], hi[2], hi[3], hi[4], hi[5]);
                float *v = V + (size_t)c * T + ((size_t)img * th + ty) * tw;
                for (int i = 0; i < 6; i++) {
                    __m512 a[6], out[6];
                    for (int k = 0; k < 6; k++) a[k] = _mm512_permutex2var_ps(elo[i], idx[k], ehi[i]);
                    CK_BT6(out, a[0], a[1], a[2], a[3], a[4], a[5]);
                    for (int j = 0; j < 6; j++) _mm512_mask_storeu_ps(v + (size_t)(i * 6 + j) * cs, tile_mask, out[j]);
                }
            }
        }
    }
}

CK_AVX512
static void winograd5_output(const float *Mx, int M, size_t T, int images, int H, int W, float *output,
                             int out_image_stride, const float *bias, int relu) {
    const int th = (H + 1) / 2, tw = (W + 1) / 2;
    const size_t ms = (size_t)M * T;
    const __mmask16 tile_mask = (__mmask16)((1u << tw) - 1);
    const __mmask16 lo_mask = (__mmask16)(W >= 16 ? 0xFFFF : (1u << W) - 1);
    const __mmask16 hi_mask = (__mmask16)(W > 16 ? (1u << (W - 16)) - 1 : 0);
    const __m512i mix_lo = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    const __m512i mix_hi = _mm512_setr_epi32(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
    const __m512 zero = _mm512_setzero_ps(), two = _mm512_set1_ps(2.0f);
    for (int o = 0; o < M; o++) {
        const __m512 b = _mm512_set1_ps(bias ? bias[o] : 0.0f);
        for (int img = 0; img < images; img++) {
            float *plane = output + (size_t)img * out_image_stride + (size_t)o * H * W;
            for (int ty = 0; ty < th; ty++) {
                const float *m = Mx + (size_t)o * T + ((size_t)img * th + ty) * tw;
                __m512 s0[6], s1[6];
                for (int j = 0; j < 6; j++) {
                    __m512 r[6];
                    for (int i = 0; i < 6; i++) r[i] = _mm512_maskz_loadu_ps(tile_mask, m + (size_t)(i * 6 + j) * ms);
                    s0[j] = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(r[0], r[1]), _mm512_add_ps(r[2], r[3])), r[4]);
                    s1[j] = _mm512_add_ps(_mm512_fmadd_ps(two, _mm512_sub_ps(r[3], r[4]), _mm512_sub_ps(r[1], r[2])), r[5]);
                }
                for (int i = 0; i < 2; i++) {
                    const int y = 2 * ty + i;
                    if (y >= H) break;
                    const __m512 *sv = i == 0 ? s0 : s1;
                    const __m512 y0 = _mm512_add_ps(
                        _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(sv[0], sv[1]), _mm512_add_ps(sv[2], sv[3])), sv[4]), b);
                    const __m512 y1 = _mm512_add_ps(
                        _mm512_add_ps(_mm512_fmadd_ps(two, _mm512_sub_ps(sv[3], sv[4]), _mm512_sub_ps(sv[1], sv[2])), sv[5]), b);
                    __m512 row0 = _mm512_permutex2var_ps(y0, mix_lo, y1);
                    __m512 row1 = _mm512_permutex2var_ps(y0, mix_hi, y1);
                    if (relu) { row0 = _mm512_max_ps(row0, zero); row1 = _mm512_max_ps(row1, zero); }
                    _mm512_mask_storeu_ps(plane + y * W, lo_mask, row0);
                    _mm512_mask_storeu_ps(plane + y * W + 16, hi_mask, row1);
                }
            }
        }
    }
}

void ck_winograd5_conv5x5(const float *packed, int M, int C, const float *input, int images, int image_stride,
                          int height, int width, float *output, int out_image_stride, const float *bias, int relu,
                          float *scratch) {
    if (M <= 0 || C <= 0 || images <= 0) return;
    if (!ck_sgemm_avx512_available() || width > 28) abort();  /* callers check both */
    const size_t T = (size_t)images * ((height + 1) / 2) * ((width + 1) / 2);
    if (!scratch) scratch = ensure_buffer(&tl_scratch, &tl_scratch_cap, ck_winograd5_scratch_size(M, C, images, height, width));
    if (!scratch) abort();  /* out of memory */
    float *V = scratch, *Mx = scratch + 36 * T * (size_t)C;
    winograd5_input(input, images, image_stride, C, height, width, V, T);
    const size_t each = ck_sgemm_packed_a_size(M, C);
    for (int xi = 0; xi < 36; xi++) {
        b_source src = {.kind = 0, .b = V + (size_t)xi * C * T, .ldb = (int)T};
        sgemm_driver(M, (int)T, C, NULL, 0, packed + xi * each, &src, 0.0f, Mx + (size_t)xi * M * T, (int)T, NULL, 0);
    }
    winograd5_output(Mx, M, T, images, height, width, output, out_image_stride, bias, relu);
}

#else  /* not x86-64: reference loop only */

int ck_sgemm_avx512_available(void) { return 0; }

void ck_sgemm(int trans_b, int M, int N, int K, const float *A, int lda, const float *B, int ldb, float beta,
              float *C, int ldc, const float *row_bias, int relu) {
    if (M <= 0 || N <= 0) return;
    sgemm_reference(trans_b, M, N, K, A, lda, B, ldb, beta, C, ldc, row_bias, relu);
}

size_t ck_sgemm_packed_a_size(int M, int K) { (void)M; (void)K; return 0; }
void ck_sgemm_pack_a(int M, int K, const float *A, int lda, float *packed) {
    (void)M; (void)K; (void)A; (void)lda; (void)packed;
}
void ck_conv_gemm(const float *packed_a, int M, const float *input, int images, int image_stride, int channels,
                  int height, int width, int kernel, int stride, int pad, int out_height, int out_width, float *C,
                  int ldc, const float *row_bias, int relu) {
    (void)packed_a; (void)M; (void)input; (void)images; (void)image_stride; (void)channels; (void)height;
    (void)width; (void)kernel; (void)stride; (void)pad; (void)out_height; (void)out_width; (void)C; (void)ldc;
    (void)row_bias; (void)relu;
    abort();  /* only called when ck_sgemm_avx512_available() */
}
int ck_linear_accumulate(int batch, int in, int out, const float *X, const float *W, float *Y) {
    (void)batch; (void)in; (void)out; (void)X; (void)W; (void)Y;
    return 0;
}
size_t ck_winograd5_weights_size(int M, int C) { (void)M; (void)C; return 0; }
void ck_winograd5_pack_weights(int M, int C, const float *w, float *packed) { (void)M; (void)C; (void)w; (void)packed; }
size_t ck_winograd5_scratch_size(int M, int C, int images, int height, int width) {
    (void)M; (void)C; (void)images; (void)height; (void)width;
    return 0;
}
void ck_winograd5_conv5x5(const float *packed, int M, int C, const float *input, int images, int image_stride,
                          int height, int width, float *output, int out_image_stride, const float *bias, int relu,
                          float *scratch) {
    (void)packed; (void)M; (void)C; (void)input; (void)images; (void)image_stride; (void)height; (void)width;
    (void)output; (void)out_image_stride; (void)bias; (void)relu; (void)scratch;
    abort();  /* only called when ck_sgemm_avx512_available() */
}
size_t ck_winograd_weights_size(int M, int C) { (void)M; (void)C; return 0; }
void ck_winograd_pack_weights(int M, int C, const float *w, float *packed) { (void)M; (void)C; (void)w; (void)packed; }
size_t ck_winograd_scratch_size(int M, int C, int images, int height, int width) {
    (void)M; (void)C; (void)images; (void)height; (void)width;
    return 0;
}
void ck_winograd_conv3x3(const float *packed, int M, int C, const float *input, int images, int image_stride,
                         int height, int width, float *output, int out_image_stride, const float *bias, int relu,
                         float *scratch) {
    (void)packed; (void)M; (void)C; (void)input; (void)images; (void)image_stride; (void)height; (void)width;
    (void)output; (void)out_image_stride; (void)bias; (void)relu; (void)scratch;
    abort();  /* only called when ck_sgemm_avx512_available() */
}
#endif
