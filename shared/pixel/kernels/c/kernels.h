/*
 * Shared helpers of Tonewright's WebAssembly pixel kernels (clang --target=wasm32 -msimd128,
 * no libc). Each kernel is the twin of a TypeScript reference in shared/develop/ops or
 * shared/pixel/pipeline, which stays the specification: the parity tests beside each kernel's
 * TS glue compare the two on random and real data.
 *
 * Pixels are interleaved RGB float32; 4 pixels (12 floats, 3 vectors) are deinterleaved into
 * r, g, b vectors and written back with load_rgb4 / store_rgb4.
 */
#ifndef TW_KERNELS_H
#define TW_KERNELS_H
#include <wasm_simd128.h>
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(#name))) 
#define INLINE static inline __attribute__((always_inline))

typedef v128_t f4;

#define KR 0.2126f
#define KG 0.7152f
#define KB 0.0722f
/* EPS of the offset-log domain (linearMath.ts) and log2(0.18 + EPS). */
#define TW_EPS (1.0f / 1024.0f)
#define KNEE 0.8f

INLINE f4 splat(float v) { return wasm_f32x4_splat(v); }

INLINE void load_rgb4(const float *p, f4 *r, f4 *g, f4 *b) {
  f4 v0 = wasm_v128_load(p), v1 = wasm_v128_load(p + 4), v2 = wasm_v128_load(p + 8);
  f4 tr = wasm_i32x4_shuffle(v0, v1, 0, 3, 6, 0);
  f4 tg = wasm_i32x4_shuffle(v0, v1, 1, 4, 7, 0);
  f4 tb = wasm_i32x4_shuffle(v0, v1, 2, 5, 0, 0);
  *r = wasm_i32x4_shuffle(tr, v2, 0, 1, 2, 5);
  *g = wasm_i32x4_shuffle(tg, v2, 0, 1, 2, 6);
  *b = wasm_i32x4_shuffle(tb, v2, 0, 1, 4, 7);
}

INLINE void store_rgb4(float *p, f4 r, f4 g, f4 b) {
  f4 t0 = wasm_i32x4_shuffle(r, g, 0, 4, 0, 1);
  f4 t1 = wasm_i32x4_shuffle(g, b, 1, 5, 0, 2);
  f4 t2 = wasm_i32x4_shuffle(b, r, 2, 7, 0, 3);
  wasm_v128_store(p, wasm_i32x4_shuffle(t0, b, 0, 1, 4, 3));
  wasm_v128_store(p + 4, wasm_i32x4_shuffle(t1, r, 0, 1, 6, 3));
  wasm_v128_store(p + 8, wasm_i32x4_shuffle(t2, g, 0, 1, 7, 3));
}

INLINE f4 luma4(f4 r, f4 g, f4 b) {
  return wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(r, splat(KR)), wasm_f32x4_mul(g, splat(KG))), wasm_f32x4_mul(b, splat(KB)));
}
INLINE float lumaf(float r, float g, float b) { return KR * r + KG * g + KB * b; }

INLINE f4 max3(f4 a, f4 b, f4 c) { return wasm_f32x4_max(a, wasm_f32x4_max(b, c)); }
INLINE f4 min3(f4 a, f4 b, f4 c) { return wasm_f32x4_min(a, wasm_f32x4_min(b, c)); }
/* Lane-wise select: mask ? a : b. */
INLINE f4 sel(f4 mask, f4 a, f4 b) { return wasm_v128_bitselect(a, b, mask); }
INLINE float minf(float a, float b) { return a < b ? a : b; }
INLINE float maxf(float a, float b) { return a > b ? a : b; }
INLINE float clampf(float v, float lo, float hi) { return v < lo ? lo : v > hi ? hi : v; }

/*
 * log2(x) for x ≥ 1.2e-38 (|error| < 3e-7): exponent from the bits, the mantissa folded into
 * [√½, √2) and log2 of it from the odd series in t = (m − 1)/(m + 1). Smaller x (and NaN)
 * give −126, like fastLog2.
 */
INLINE f4 log2_4(f4 x) {
  f4 ok = wasm_f32x4_ge(x, splat(1.2e-38f));
  v128_t bits = x;
  v128_t e = wasm_i32x4_sub(wasm_u32x4_shr(bits, 23), wasm_i32x4_splat(127));
  f4 m = wasm_v128_or(wasm_v128_and(bits, wasm_i32x4_splat(0x7fffff)), wasm_i32x4_splat(0x3f800000));
  /* m in [1, 2): fold m > √2 to m/2 (e + 1). */
  v128_t big = wasm_f32x4_gt(m, splat(1.41421356f));
  m = sel(big, wasm_f32x4_mul(m, splat(0.5f)), m);
  e = wasm_i32x4_sub(e, big); /* big is −1 where true */
  f4 t = wasm_f32x4_div(wasm_f32x4_sub(m, splat(1.0f)), wasm_f32x4_add(m, splat(1.0f)));
  f4 t2 = wasm_f32x4_mul(t, t);
  f4 p = splat(2.0f / 9.0f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t2), splat(2.0f / 7.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t2), splat(2.0f / 5.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t2), splat(2.0f / 3.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t2), splat(2.0f));
  f4 ln = wasm_f32x4_mul(p, t);
  f4 r = wasm_f32x4_add(wasm_f32x4_convert_i32x4(e), wasm_f32x4_mul(ln, splat(1.44269504089f)));
  return sel(ok, r, splat(-126.0f));
}

/* 2^x (relative error < 2e-7), x clamped to [−126, 127]; NaN gives 1 (as fastExp2). */
INLINE f4 exp2_4(f4 x) {
  f4 nan = wasm_f32x4_ne(x, x);
  x = wasm_f32x4_pmax(wasm_f32x4_pmin(x, splat(127.0f)), splat(-126.0f));
  f4 n = wasm_f32x4_floor(x);
  f4 f = wasm_f32x4_sub(x, n);
  /* 2^f on [0, 1): degree-6 Taylor/minimax-ish polynomial in f·ln2. */
  f4 p = splat(1.5403530393381606e-4f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, f), splat(1.3333558146428443e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, f), splat(9.6181291076284772e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, f), splat(5.5504108664821580e-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, f), splat(2.4022650695910071e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, f), splat(6.9314718055994531e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, f), splat(1.0f));
  v128_t scale = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  return sel(nan, splat(1.0f), wasm_f32x4_mul(p, scale));
}

INLINE float lane(f4 v, int i) {
  switch (i) {
    case 0: return wasm_f32x4_extract_lane(v, 0);
    case 1: return wasm_f32x4_extract_lane(v, 1);
    case 2: return wasm_f32x4_extract_lane(v, 2);
    default: return wasm_f32x4_extract_lane(v, 3);
  }
}

#endif
