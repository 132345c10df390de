/*
 * Width-generic SIMD for the pixel kernels, over the GCC/Clang vector extensions: `vf` is VW
 * float32 lanes, `vi` VW int32 lanes (comparison masks: −1 true, 0 false), `vd` VW float64 lanes.
 * The same kernel source is compiled
 *   - to WebAssembly SIMD (VW = 4, clang --target=wasm32 -msimd128: scripts/build-kernels.mjs),
 *   - natively (scripts/build-native.mjs) for SSE4.1 (VW = 4), AVX2 + FMA (VW = 8), AVX-512
 *     (VW = 16) or NEON (VW = 4), the best one the CPU runs being picked at load time.
 * Both builds use -ffp-contract=off (no fused multiply-add), so every lane computes the same
 * float32 operations in the same order whatever VW is: the builds agree with each other and with
 * the TypeScript references exactly where the old single-width kernels did.
 *
 * The few operations the vector extensions do not express portably (min/max with a defined NaN
 * rule, floor, lane tests, gathers) map to one instruction per target where there is one, and to
 * a lane loop elsewhere. Pointers a kernel receives inside a table of its own (tw_chain's links)
 * are offsets into the kernels' memory: TW_PTR turns one into an address (identity in wasm).
 */
#ifndef TW_SIMD_H
#define TW_SIMD_H
#include <stddef.h>
#include <stdint.h>

#ifndef VW
#define VW 4
#endif

typedef float vf __attribute__((vector_size(VW * 4)));
typedef int32_t vi __attribute__((vector_size(VW * 4)));
typedef uint32_t vu __attribute__((vector_size(VW * 4)));
typedef double vd __attribute__((vector_size(VW * 8)));

#define VINLINE static inline __attribute__((always_inline))

#if defined(__wasm__)
#include <wasm_simd128.h>
#define TW_EXPORT(name) __attribute__((export_name(#name)))
/* Offsets into the module memory are the addresses. */
#define TW_PTR(T, off) ((T *)(uintptr_t)(off))
#else
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#elif defined(__ARM_NEON)
#include <arm_neon.h>
#endif
#define TW_EXPORT(name)
/* The base address of the calling thread's kernel memory (native builds: set by the N-API glue). */
extern __thread uintptr_t tw_memory_base;
#define TW_PTR(T, off) ((T *)(tw_memory_base + (uintptr_t)(off)))
#endif

/* ---- loads, stores, splats (unaligned) -------------------------------------------------- */
VINLINE vf vsplat(float x) { return (vf){0} + x; }
VINLINE vi visplat(int32_t x) { return (vi){0} + x; }
VINLINE vf vload(const float *p) {
  vf v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
VINLINE void vstore(float *p, vf v) { __builtin_memcpy(p, &v, sizeof v); }
VINLINE vi viload(const int32_t *p) {
  vi v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
VINLINE void vistore(int32_t *p, vi v) { __builtin_memcpy(p, &v, sizeof v); }

/* ---- selects and bit operations ---------------------------------------------------------- */
/* Lane-wise m ? a : b (m a comparison mask). */
VINLINE vf vsel(vi m, vf a, vf b) { return (vf)(((vi)a & m) | ((vi)b & ~m)); }
VINLINE vi visel(vi m, vi a, vi b) { return (a & m) | (b & ~m); }
/* m ? a : 0. */
VINLINE vf vand(vi m, vf a) { return (vf)((vi)a & m); }
VINLINE vf vabs(vf a) { return (vf)((vi)a & 0x7fffffff); }
VINLINE vf vcvt(vi a) { return __builtin_convertvector(a, vf); }
/* Truncation towards 0 (callers keep the values inside the int32 range). */
VINLINE vi vtrunc(vf a) { return __builtin_convertvector(a, vi); }
VINLINE vd vpromote(vf a) { return __builtin_convertvector(a, vd); }
VINLINE vf vdemote(vd a) { return __builtin_convertvector(a, vf); }

/*
 * vpmin(a, b) = b < a ? b : a and vpmax(a, b) = a < b ? b : a (WebAssembly's pmin/pmax and
 * x86's minps/maxps with the operands swapped): when either is NaN the result is a. Kernels use
 * them on finite values, or where "NaN gives a" is the TypeScript's own rule.
 */
#if defined(__wasm_simd128__) && VW == 4
VINLINE vf vpmin(vf a, vf b) { return (vf)wasm_f32x4_pmin((v128_t)a, (v128_t)b); }
VINLINE vf vpmax(vf a, vf b) { return (vf)wasm_f32x4_pmax((v128_t)a, (v128_t)b); }
VINLINE vf vfloor(vf a) { return (vf)wasm_f32x4_floor((v128_t)a); }
VINLINE vf vsqrt(vf a) { return (vf)wasm_f32x4_sqrt((v128_t)a); }
VINLINE int vany(vi m) { return wasm_v128_any_true((v128_t)m); }
VINLINE int vall(vi m) { return wasm_i32x4_all_true((v128_t)m); }
#elif defined(__AVX512F__) && VW == 16
VINLINE vf vpmin(vf a, vf b) { return (vf)_mm512_min_ps((__m512)b, (__m512)a); }
VINLINE vf vpmax(vf a, vf b) { return (vf)_mm512_max_ps((__m512)b, (__m512)a); }
VINLINE vf vfloor(vf a) { return (vf)_mm512_roundscale_ps((__m512)a, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
VINLINE vf vsqrt(vf a) { return (vf)_mm512_sqrt_ps((__m512)a); }
VINLINE int vany(vi m) { return _mm512_test_epi32_mask((__m512i)m, (__m512i)m) != 0; }
VINLINE int vall(vi m) { return _mm512_test_epi32_mask((__m512i)m, (__m512i)m) == 0xffff; }
#elif defined(__AVX__) && VW == 8
VINLINE vf vpmin(vf a, vf b) { return (vf)_mm256_min_ps((__m256)b, (__m256)a); }
VINLINE vf vpmax(vf a, vf b) { return (vf)_mm256_max_ps((__m256)b, (__m256)a); }
VINLINE vf vfloor(vf a) { return (vf)_mm256_floor_ps((__m256)a); }
VINLINE vf vsqrt(vf a) { return (vf)_mm256_sqrt_ps((__m256)a); }
VINLINE int vany(vi m) { return _mm256_movemask_ps((__m256)m) != 0; }
VINLINE int vall(vi m) { return _mm256_movemask_ps((__m256)m) == 0xff; }
#elif defined(__SSE4_1__) && VW == 4
VINLINE vf vpmin(vf a, vf b) { return (vf)_mm_min_ps((__m128)b, (__m128)a); }
VINLINE vf vpmax(vf a, vf b) { return (vf)_mm_max_ps((__m128)b, (__m128)a); }
VINLINE vf vfloor(vf a) { return (vf)_mm_floor_ps((__m128)a); }
VINLINE vf vsqrt(vf a) { return (vf)_mm_sqrt_ps((__m128)a); }
VINLINE int vany(vi m) { return _mm_movemask_ps((__m128)m) != 0; }
VINLINE int vall(vi m) { return _mm_movemask_ps((__m128)m) == 0xf; }
#else
VINLINE vf vpmin(vf a, vf b) { return vsel(b < a, b, a); }
VINLINE vf vpmax(vf a, vf b) { return vsel(a < b, b, a); }
VINLINE vf vfloor(vf a) {
  vf r;
  for (int j = 0; j < VW; j++) r[j] = __builtin_floorf(a[j]);
  return r;
}
VINLINE vf vsqrt(vf a) {
  vf r;
  for (int j = 0; j < VW; j++) r[j] = __builtin_sqrtf(a[j]);
  return r;
}
VINLINE int vany(vi m) {
  int32_t o = 0;
  for (int j = 0; j < VW; j++) o |= m[j];
  return o != 0;
}
VINLINE int vall(vi m) {
  int32_t a = -1;
  for (int j = 0; j < VW; j++) a &= m[j];
  return a != 0;
}
#endif

/*
 * WebAssembly's f32x4.min / f32x4.max: NaN when either lane is NaN (x86's minps and maxps
 * return the second operand instead).
 */
VINLINE vf vmin_nan(vf a, vf b) {
  vi nan = (a != a) | (b != b);
  return vsel(nan, a + b, vpmin(a, b));
}
VINLINE vf vmax_nan(vf a, vf b) {
  vi nan = (a != a) | (b != b);
  return vsel(nan, a + b, vpmax(a, b));
}

/* ---- gathers ----------------------------------------------------------------------------- */
#if defined(__wasm_simd128__) && VW == 4
/* Spelled out lane by lane: clang would otherwise go through the stack in a loop. */
VINLINE vf vgather(const float *lut, vi idx) {
  v128_t i = (v128_t)idx;
  return (vf)wasm_f32x4_make(lut[wasm_i32x4_extract_lane(i, 0)], lut[wasm_i32x4_extract_lane(i, 1)], lut[wasm_i32x4_extract_lane(i, 2)],
                             lut[wasm_i32x4_extract_lane(i, 3)]);
}
VINLINE vi vgather_u8(const uint8_t *bytes, vi idx) {
  v128_t i = (v128_t)idx;
  return (vi)wasm_i32x4_make(bytes[wasm_i32x4_extract_lane(i, 0)], bytes[wasm_i32x4_extract_lane(i, 1)], bytes[wasm_i32x4_extract_lane(i, 2)],
                             bytes[wasm_i32x4_extract_lane(i, 3)]);
}
/* (int)(c·scale + 0.5) computed in float64 (c ≥ 0 and finite), as the TypeScript indexes its tables. */
VINLINE vi vindex_f64(vf c, double scale) {
  const v128_t k = wasm_f64x2_splat(scale), half = wasm_f64x2_splat(0.5);
  v128_t v = (v128_t)c;
  v128_t lo = wasm_i32x4_trunc_sat_f64x2_zero(wasm_f64x2_add(wasm_f64x2_mul(wasm_f64x2_promote_low_f32x4(v), k), half));
  v128_t hi = wasm_i32x4_trunc_sat_f64x2_zero(wasm_f64x2_add(wasm_f64x2_mul(wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1)), k), half));
  return (vi)wasm_i32x4_shuffle(lo, hi, 0, 1, 4, 5);
}
#else
/* lut[idx[j]] for every lane (the indices must be valid). */
VINLINE vf vgather(const float *lut, vi idx) {
#if defined(__AVX512F__) && VW == 16
  return (vf)_mm512_i32gather_ps((__m512i)idx, lut, 4);
#elif defined(__AVX2__) && VW == 8
  return (vf)_mm256_i32gather_ps(lut, (__m256i)idx, 4);
#else
  vf r;
  for (int j = 0; j < VW; j++) r[j] = lut[idx[j]];
  return r;
#endif
}

/* The byte bytes[idx[j]] for every lane, as int32 (reads 4 bytes from each index: pad by 3). */
VINLINE vi vgather_u8(const uint8_t *bytes, vi idx) {
#if defined(__AVX512F__) && VW == 16
  return (vi)_mm512_i32gather_epi32((__m512i)idx, bytes, 1) & 0xff;
#elif defined(__AVX2__) && VW == 8
  return (vi)_mm256_i32gather_epi32((const int *)bytes, (__m256i)idx, 1) & 0xff;
#else
  vi r;
  for (int j = 0; j < VW; j++) r[j] = bytes[idx[j]];
  return r;
#endif
}

/* (int)(c·scale + 0.5) computed in float64 (c ≥ 0 and finite), as the TypeScript indexes its tables. */
VINLINE vi vindex_f64(vf c, double scale) { return __builtin_convertvector(vpromote(c) * scale + 0.5, vi); }
#endif

#if VW == 4
#define TW_EVEN 0, 2, 4, 6
#define TW_ODD 1, 3, 5, 7
#elif VW == 8
#define TW_EVEN 0, 2, 4, 6, 8, 10, 12, 14
#define TW_ODD 1, 3, 5, 7, 9, 11, 13, 15
#elif VW == 16
#define TW_EVEN 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30
#define TW_ODD 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31
#endif

/*
 * The 64-bit entries tab[idx[j]] of every lane, as their low and high 32-bit halves (a pair of
 * floats, or packed fields): one gathered element per lane where three or two 32-bit gathers
 * would read as many.
 */
VINLINE void vgather64(const uint64_t *tab, vi idx, vi *lo, vi *hi) {
#if defined(__AVX512F__) && VW == 16
  __m512i i = (__m512i)idx;
  vi g0 = (vi)_mm512_i32gather_epi64(_mm512_castsi512_si256(i), tab, 8);
  vi g1 = (vi)_mm512_i32gather_epi64(_mm512_extracti64x4_epi64(i, 1), tab, 8);
  *lo = __builtin_shufflevector(g0, g1, TW_EVEN);
  *hi = __builtin_shufflevector(g0, g1, TW_ODD);
#elif defined(__AVX2__) && VW == 8
  __m256i i = (__m256i)idx;
  vi g0 = (vi)_mm256_i32gather_epi64((const long long *)tab, _mm256_castsi256_si128(i), 8);
  vi g1 = (vi)_mm256_i32gather_epi64((const long long *)tab, _mm256_extracti128_si256(i, 1), 8);
  *lo = __builtin_shufflevector(g0, g1, TW_EVEN);
  *hi = __builtin_shufflevector(g0, g1, TW_ODD);
#elif defined(__wasm_simd128__) && VW == 4
  v128_t i = (v128_t)idx;
  v128_t a = wasm_i64x2_make((int64_t)tab[wasm_i32x4_extract_lane(i, 0)], (int64_t)tab[wasm_i32x4_extract_lane(i, 1)]);
  v128_t b = wasm_i64x2_make((int64_t)tab[wasm_i32x4_extract_lane(i, 2)], (int64_t)tab[wasm_i32x4_extract_lane(i, 3)]);
  *lo = (vi)wasm_i32x4_shuffle(a, b, 0, 2, 4, 6);
  *hi = (vi)wasm_i32x4_shuffle(a, b, 1, 3, 5, 7);
#else
  for (int j = 0; j < VW; j++) {
    uint64_t e = tab[idx[j]];
    (*lo)[j] = (int32_t)(uint32_t)e;
    (*hi)[j] = (int32_t)(uint32_t)(e >> 32);
  }
#endif
}

/* ---- RGB interleaving (3 vectors of VW interleaved pixels ⇄ planar R, G, B) -------------- */
/* The shuffle indices for VW = 4, 8 and 16 (generated: element 3j + c of the interleaved run). */
#if VW == 4
#define TW_DI_R1 0, 3, 6, 0
#define TW_DI_R2 0, 1, 2, 5
#define TW_DI_G1 1, 4, 7, 0
#define TW_DI_G2 0, 1, 2, 6
#define TW_DI_B1 2, 5, 0, 0
#define TW_DI_B2 0, 1, 4, 7
#define TW_IL_01 0, 4, 0, 1
#define TW_IL_02 0, 1, 4, 3
#define TW_IL_11 5, 0, 2, 6
#define TW_IL_12 0, 5, 2, 3
#define TW_IL_21 0, 3, 7, 0
#define TW_IL_22 6, 1, 2, 7
#define TW_EX_0 0, 0, 0, 1
#define TW_EX_1 1, 1, 2, 2
#define TW_EX_2 2, 3, 3, 3
#elif VW == 8
#define TW_DI_R1 0, 3, 6, 9, 12, 15, 0, 0
#define TW_DI_R2 0, 1, 2, 3, 4, 5, 10, 13
#define TW_DI_G1 1, 4, 7, 10, 13, 0, 0, 0
#define TW_DI_G2 0, 1, 2, 3, 4, 8, 11, 14
#define TW_DI_B1 2, 5, 8, 11, 14, 0, 0, 0
#define TW_DI_B2 0, 1, 2, 3, 4, 9, 12, 15
#define TW_IL_01 0, 8, 0, 1, 9, 0, 2, 10
#define TW_IL_02 0, 1, 8, 3, 4, 9, 6, 7
#define TW_IL_11 0, 3, 11, 0, 4, 12, 0, 5
#define TW_IL_12 10, 1, 2, 11, 4, 5, 12, 7
#define TW_IL_21 13, 0, 6, 14, 0, 7, 15, 0
#define TW_IL_22 0, 13, 2, 3, 14, 5, 6, 15
#define TW_EX_0 0, 0, 0, 1, 1, 1, 2, 2
#define TW_EX_1 2, 3, 3, 3, 4, 4, 4, 5
#define TW_EX_2 5, 5, 6, 6, 6, 7, 7, 7
#elif VW == 16
#define TW_DI_R1 0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 0, 0, 0, 0, 0
#define TW_DI_R2 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 17, 20, 23, 26, 29
#define TW_DI_G1 1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 0, 0, 0, 0, 0
#define TW_DI_G2 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 18, 21, 24, 27, 30
#define TW_DI_B1 2, 5, 8, 11, 14, 17, 20, 23, 26, 29, 0, 0, 0, 0, 0, 0
#define TW_DI_B2 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 19, 22, 25, 28, 31
#define TW_IL_01 0, 16, 0, 1, 17, 0, 2, 18, 0, 3, 19, 0, 4, 20, 0, 5
#define TW_IL_02 0, 1, 16, 3, 4, 17, 6, 7, 18, 9, 10, 19, 12, 13, 20, 15
#define TW_IL_11 21, 0, 6, 22, 0, 7, 23, 0, 8, 24, 0, 9, 25, 0, 10, 26
#define TW_IL_12 0, 21, 2, 3, 22, 5, 6, 23, 8, 9, 24, 11, 12, 25, 14, 15
#define TW_IL_21 0, 11, 27, 0, 12, 28, 0, 13, 29, 0, 14, 30, 0, 15, 31, 0
#define TW_IL_22 26, 1, 2, 27, 4, 5, 28, 7, 8, 29, 10, 11, 30, 13, 14, 31
#define TW_EX_0 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5
#define TW_EX_1 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10
#define TW_EX_2 10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15
#endif

/* R, G, B of the VW interleaved pixels at p. */
VINLINE void vload_rgb(const float *p, vf *r, vf *g, vf *b) {
  vf v0 = vload(p), v1 = vload(p + VW), v2 = vload(p + 2 * VW);
  *r = __builtin_shufflevector(__builtin_shufflevector(v0, v1, TW_DI_R1), v2, TW_DI_R2);
  *g = __builtin_shufflevector(__builtin_shufflevector(v0, v1, TW_DI_G1), v2, TW_DI_G2);
  *b = __builtin_shufflevector(__builtin_shufflevector(v0, v1, TW_DI_B1), v2, TW_DI_B2);
}

/* Stores r, g, b as VW interleaved pixels at p. */
VINLINE void vstore_rgb(float *p, vf r, vf g, vf b) {
  vstore(p, __builtin_shufflevector(__builtin_shufflevector(r, g, TW_IL_01), b, TW_IL_02));
  vstore(p + VW, __builtin_shufflevector(__builtin_shufflevector(r, g, TW_IL_11), b, TW_IL_12));
  vstore(p + 2 * VW, __builtin_shufflevector(__builtin_shufflevector(r, g, TW_IL_21), b, TW_IL_22));
}

/* Adds d[j] to the R, G and B of each of the VW interleaved pixels at p. */
VINLINE void vadd_rgb(float *p, vf d) {
  vstore(p, vload(p) + __builtin_shufflevector(d, d, TW_EX_0));
  vstore(p + VW, vload(p + VW) + __builtin_shufflevector(d, d, TW_EX_1));
  vstore(p + 2 * VW, vload(p + 2 * VW) + __builtin_shufflevector(d, d, TW_EX_2));
}


#if VW == 4
#define TW_ZIP_LO 0, 4, 1, 5
#define TW_ZIP_HI 2, 6, 3, 7
#elif VW == 8
#define TW_ZIP_LO 0, 8, 1, 9, 2, 10, 3, 11
#define TW_ZIP_HI 4, 12, 5, 13, 6, 14, 7, 15
#elif VW == 16
#define TW_ZIP_LO 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23
#define TW_ZIP_HI 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31
#endif

#if defined(__AVX512VBMI__) && VW == 16
/*
 * The 8-bit codes of 16 interleaved RGB pixels (48 bytes at p; 64 are read) as three vectors of
 * 32-bit lanes, R, G and B: one byte permute each (vpermb), then widened.
 */
VINLINE void vload_rgb_u8(const uint8_t *p, vi *r, vi *g, vi *b) {
  const __m512i blk = _mm512_loadu_si512((const void *)p);
  const __m512i ir = _mm512_set_epi8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 45, 42, 39, 36, 33, 30, 27, 24, 21, 18, 15, 12, 9, 6, 3, 0);
  const __m512i one = _mm512_set1_epi8(1);
  const __m512i ig = _mm512_add_epi8(ir, one), ib = _mm512_add_epi8(ig, one);
  *r = (vi)_mm512_cvtepu8_epi32(_mm512_castsi512_si128(_mm512_permutexvar_epi8(ir, blk)));
  *g = (vi)_mm512_cvtepu8_epi32(_mm512_castsi512_si128(_mm512_permutexvar_epi8(ig, blk)));
  *b = (vi)_mm512_cvtepu8_epi32(_mm512_castsi512_si128(_mm512_permutexvar_epi8(ib, blk)));
}
#endif

/* Stores a, b as VW interleaved pairs at p (a0 b0 a1 b1 …). */
VINLINE void vstore_pairs(float *p, vf a, vf b) {
  vstore(p, __builtin_shufflevector(a, b, TW_ZIP_LO));
  vstore(p + VW, __builtin_shufflevector(a, b, TW_ZIP_HI));
}

/* ---- transcendental helpers (the kernels' shared float32 formulas) ----------------------- */
/*
 * log2(x) for x ≥ 1.2e-38 (|error| < 3e-7): exponent from the bits, the mantissa folded into
 * [√½, √2) and log2 of it from the odd series in t = (m − 1)/(m + 1). Smaller x and NaN give −126.
 */
VINLINE vf vlog2(vf x) {
  vi ok = x >= 1.2e-38f;
  vi bits = (vi)x;
  vi e = (vi)((vu)bits >> 23) - 127;
  vf m = (vf)((bits & 0x7fffff) | 0x3f800000);
  vi big = m > 1.41421356f;
  m = vsel(big, m * 0.5f, m);
  e = e - big; /* big is −1 where true */
  vf t = (m - 1.0f) / (m + 1.0f);
  vf t2 = t * t;
  vf p = vsplat(2.0f / 9.0f);
  p = p * t2 + 2.0f / 7.0f;
  p = p * t2 + 2.0f / 5.0f;
  p = p * t2 + 2.0f / 3.0f;
  p = p * t2 + 2.0f;
  vf ln = p * t;
  return vsel(ok, vcvt(e) + ln * 1.44269504089f, vsplat(-126.0f));
}

/* 2^x (relative error < 2e-7), x clamped to [−126, 127]; NaN gives 1. */
VINLINE vf vexp2(vf x) {
  vi nan = x != x;
  x = vpmax(vpmin(x, vsplat(127.0f)), vsplat(-126.0f));
  vf n = vfloor(x);
  vf f = x - n;
  vf p = vsplat(1.5403530393381606e-4f);
  p = p * f + 1.3333558146428443e-3f;
  p = p * f + 9.6181291076284772e-3f;
  p = p * f + 5.5504108664821580e-2f;
  p = p * f + 2.4022650695910071e-1f;
  p = p * f + 6.9314718055994531e-1f;
  p = p * f + 1.0f;
  vf scale = (vf)((vtrunc(n) + 127) << 23);
  return vsel(nan, vsplat(1.0f), p * scale);
}

#endif
