/*
 * A packed, cache-blocked single-precision GEMM with a 512-bit FMA micro-kernel (AVX-512F).
 *
 *   C[M×N] = beta·C + A[M×K] · op(B)      (row-major; op(B) = B [K×N] or, with trans_b, Bᵀ for B [N×K])
 *   then, optionally, C[i][j] += row_bias[i] and C = max(C, 0)   (fused into the last store)
 *
 * Why: the environment pins OpenBLAS to its Haswell (AVX2) kernels, which caps sgemm at half of what
 * this CPU's two 512-bit FMA pipes can do. See docs/gemm.md for the design and the measured numbers.
 *
 * Blocking (BLIS order, specialised for EmoNet's "small M, large N and K" shapes):
 *   for pc over K in blocks of ≤ CK_KC:          pack A[ic.., pc..] into MR-row panels (L2-resident)
 *     for ic over M in blocks of ≤ CK_MC:
 *       for jr over N in steps of NR:             pack one KC×NR micro-panel of op(B) (L1-resident)
 *         for ir over the block in steps of MR:   micro-kernel: MR×NR accumulators in zmm registers
 * The micro-kernel is 12×32: 24 zmm accumulators (≥ 8 independent FMA chains per pipe, latency 4),
 * two B vectors and one broadcast A value per k. Ragged M is zero-padded in the packed A; ragged N
 * is zero-padded in the packed B and stored with masks.
 *
 * On CPUs without AVX-512F (and on non-x86 builds) `ck_sgemm_avx512_available()` returns 0 and
 * `ck_sgemm` runs a plain reference loop; EmoShift's Swift side then calls OpenBLAS instead.
 */
#include "CKernels.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Tunables (measured on Zen 5, docs/gemm.md). */
#define CK_MR 12
#define CK_NR 32
#define CK_KC 256
#define CK_MC 384

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
   panel p = [k][MR] (k-major), rows beyond mc zero. */
CK_AVX512
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

CK_AVX512
static void sgemm_avx512(int trans_b, int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                         float beta, float *C, int ldc, const float *row_bias, int relu) {
    const int mc_max = M < CK_MC ? M : CK_MC;
    const int kblocks = (K + CK_KC - 1) / CK_KC;
    const int kc_max = (K + kblocks - 1) / kblocks;  /* equal-sized K blocks */
    const int mpanels_max = (mc_max + CK_MR - 1) / CK_MR;
    float *pa = ensure_buffer(&tl_pack_a, &tl_pack_a_cap, (size_t)mpanels_max * CK_MR * kc_max);
    float *pb = ensure_buffer(&tl_pack_b, &tl_pack_b_cap, (size_t)CK_NR * kc_max);
    if (!pa || !pb) { sgemm_reference(trans_b, M, N, K, A, lda, B, ldb, beta, C, ldc, row_bias, relu); return; }
    for (int pc = 0; pc < K; pc += kc_max) {
        const int kc = K - pc < kc_max ? K - pc : kc_max;
        const int first = pc == 0, last = pc + kc >= K;
        for (int ic = 0; ic < M; ic += CK_MC) {
            const int mc = M - ic < CK_MC ? M - ic : CK_MC;
            pack_a(mc, kc, A + (size_t)ic * lda + pc, lda, pa);
            for (int jc = 0; jc < N; jc += CK_NR) {
                const int nr = N - jc < CK_NR ? N - jc : CK_NR;
                if (trans_b) pack_bt(kc, nr, B + (size_t)jc * ldb + pc, ldb, pb);
                else pack_b(kc, nr, B + (size_t)pc * ldb + jc, ldb, pb);
                for (int ir = 0; ir < mc; ir += CK_MR) {
                    const int mr = mc - ir < CK_MR ? mc - ir : CK_MR;
                    kernel_12x32(kc, pa + (size_t)ir * kc, pb, C + (size_t)(ic + ir) * ldc + jc, ldc, mr, nr,
                                 first, beta, last, row_bias ? row_bias + ic + ir : NULL, relu);
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
    sgemm_avx512(trans_b, M, N, K, A, lda, B, ldb, beta, C, ldc, row_bias, relu);
}

#else  /* not x86-64: reference loop only */

int ck_sgemm_avx512_available(void) { return 0; }

void ck_sgemm(int trans_b, int M, int N, int K, const float *A, int lda, const float *B, int ldb, float beta,
              float *C, int ldc, const float *row_bias, int relu) {
    if (M <= 0 || N <= 0) return;
    sgemm_reference(trans_b, M, N, K, A, lda, B, ldb, beta, C, ldc, row_bias, relu);
}
#endif
