/*
 * Tone, global path (no local exposure/contrast/highlights/shadows): the twin of toneGlobal in
 * shared/develop/ops/tone.ts, with fastLog2 and applyLogDelta's exp2 inlined and
 * protectHighlights of shared/develop/ops/linearMath.ts (Math.exp as 2^(x·log2 e)), in float32;
 * applyLogDelta is written as one scale and offset per pixel. log2 and exp2 are log2_4 / exp2_4
 * of kernels.h, restated here with their constants held in registers (see ToneK). 4 pixels per
 * SIMD step, the table lookups per lane, in chunks of T_CHUNK pixels processed pass by pass
 * (about 2× faster than one long dependency chain per step).
 *
 * data: n interleaved RGB pixels (linear light), in place. base: the sampled toneBase guide
 * (A, B per pixel) or 0 (then zb = z). hs: the prepared hsShift table (LUT_N entries over
 * z ∈ [Z_MIN, Z_MAX]) or 0 when highlights and shadows are both 0. rest: the restShift table
 * (ignored when curve_off). m: 2^exposure; z_off: exposure − LOG2_MID. curve_off: exposure only.
 */
#include "kernels.h"

#define T_LUT_N 4096
#define T_Z_MIN -24.0f
/* (LUT_N − 1) / (Z_MAX − Z_MIN). */
#define T_LUT_SCALE (4095.0f / 36.0f)
#define T_LOG2E 1.4426950408889634f

/*
 * The vector constants of the loop. V8 rebuilds every v128.const at each use (three
 * instructions, then often a spill), so they are made once, before the loop, from values the
 * compiler cannot see through: the loop reloads them from registers or the stack instead.
 */
typedef struct {
  f4 zero, one, eps, m, epsM, zo, zmin, lscale, lmax, jmax, magic, magic_bits;
  f4 kr, kg, kb, knee, log2e, tiny9;
  f4 l_min, l_mant, l_one, l_sqrt2, l_half, l_c9, l_c7, l_c5, l_c3, l_c1, l_ln2inv, l_floor, l_127;
  f4 e_hi, e_lo, e_c6, e_c5, e_c4, e_c3, e_c2, e_c1, e_bias;
} ToneK;

INLINE float opaque(float x) {
  __asm__("" : "+r"(x));
  return x;
}
INLINE f4 ksplat(float v) { return wasm_f32x4_splat(opaque(v)); }
INLINE int opaquei(int x) {
  __asm__("" : "+r"(x));
  return x;
}
INLINE f4 ksplati(int v) { return wasm_i32x4_splat(opaquei(v)); }

INLINE f4 tmax3(f4 a, f4 b, f4 c) { return wasm_f32x4_pmax(a, wasm_f32x4_pmax(b, c)); }

INLINE f4 tluma4(const ToneK *k, f4 r, f4 g, f4 b) {
  return wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(r, k->kr), wasm_f32x4_mul(g, k->kg)), wasm_f32x4_mul(b, k->kb));
}

/* log2_4 of kernels.h. */
INLINE f4 tlog2_4(const ToneK *k, f4 x) {
  f4 ok = wasm_f32x4_ge(x, k->l_min);
  v128_t bits = x;
  v128_t e = wasm_i32x4_sub(wasm_u32x4_shr(bits, 23), k->l_127);
  f4 m = wasm_v128_or(wasm_v128_and(bits, k->l_mant), k->l_one);
  v128_t big = wasm_f32x4_gt(m, k->l_sqrt2);
  m = sel(big, wasm_f32x4_mul(m, k->l_half), m);
  e = wasm_i32x4_sub(e, big);
  f4 t = wasm_f32x4_div(wasm_f32x4_sub(m, k->one), wasm_f32x4_add(m, k->one));
  f4 t2 = wasm_f32x4_mul(t, t);
  f4 p = k->l_c9;
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t2), k->l_c7);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t2), k->l_c5);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t2), k->l_c3);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t2), k->l_c1);
  f4 ln = wasm_f32x4_mul(p, t);
  f4 r = wasm_f32x4_add(wasm_f32x4_convert_i32x4(e), wasm_f32x4_mul(ln, k->l_ln2inv));
  return sel(ok, r, k->l_floor);
}

/* exp2_4 of kernels.h. */
INLINE f4 texp2_4(const ToneK *k, f4 x) {
  f4 nan = wasm_f32x4_ne(x, x);
  x = wasm_f32x4_pmax(wasm_f32x4_pmin(x, k->e_hi), k->e_lo);
  f4 n = wasm_f32x4_floor(x);
  f4 f = wasm_f32x4_sub(x, n);
  f4 p = k->e_c6;
  p = wasm_f32x4_add(wasm_f32x4_mul(p, f), k->e_c5);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, f), k->e_c4);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, f), k->e_c3);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, f), k->e_c2);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, f), k->e_c1);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, f), k->one);
  /* n is an integer in [−126, 127]: n + 1.5·2^23 holds n + 0x400000 in its mantissa bits. */
  v128_t scale = wasm_i32x4_shl(wasm_i32x4_sub(wasm_f32x4_add(n, k->magic), k->e_bias), 23);
  return sel(nan, k->one, wasm_f32x4_mul(p, scale));
}

/*
 * lerp of a LUT_N table at z (the inlined lookups of toneGlobal): f clamped to [0, LUT_N − 1]
 * (NaN → 0); at f = LUT_N − 1 the index is taken one lower with a fraction of 1, which gives
 * the last entry. Each lane reads its two neighbouring entries with one 8-byte load.
 */
INLINE f4 tone_lut4(const ToneK *k, const float *lut, f4 z) {
  f4 f = wasm_f32x4_mul(wasm_f32x4_sub(z, k->zmin), k->lscale);
  f4 t = wasm_f32x4_pmin(wasm_f32x4_pmax(k->zero, f), k->lmax); /* NaN → 0 */
  f4 jf = wasm_f32x4_pmin(wasm_f32x4_floor(t), k->jmax);
  /* jf is an integer in [0, LUT_N − 2]: jf + 1.5·2^23 holds jf + 0x400000 in its mantissa bits. */
  v128_t j = wasm_i32x4_sub(wasm_f32x4_add(jf, k->magic), k->magic_bits);
  const float *l0 = lut + wasm_i32x4_extract_lane(j, 0), *l1 = lut + wasm_i32x4_extract_lane(j, 1);
  const float *l2 = lut + wasm_i32x4_extract_lane(j, 2), *l3 = lut + wasm_i32x4_extract_lane(j, 3);
  v128_t v01 = wasm_v128_load64_lane(l1, wasm_v128_load64_zero(l0), 1);
  v128_t v23 = wasm_v128_load64_lane(l3, wasm_v128_load64_zero(l2), 1);
  f4 a = wasm_i32x4_shuffle(v01, v23, 0, 2, 4, 6);
  f4 b = wasm_i32x4_shuffle(v01, v23, 1, 3, 5, 7);
  return wasm_f32x4_add(a, wasm_f32x4_mul(wasm_f32x4_sub(b, a), wasm_f32x4_sub(t, jf)));
}

/* Two interleaved channels of 4 pixels (8 floats) as (a, b) vectors. */
INLINE void tone_load_ab4(const float *p, f4 *a, f4 *b) {
  f4 v0 = wasm_v128_load(p), v1 = wasm_v128_load(p + 4);
  *a = wasm_i32x4_shuffle(v0, v1, 0, 2, 4, 6);
  *b = wasm_i32x4_shuffle(v0, v1, 1, 3, 5, 7);
}

/*
 * protectHighlights on (r, g, b) with the max channels before the op in mRef: where the max
 * channel m is above k = max(mRef, KNEE), k < 1 and the colour is not neutral.
 */
INLINE void tone_protect4(const ToneK *k, f4 *r, f4 *g, f4 *b, f4 mRef) {
  f4 m = tmax3(*r, *g, *b);
  f4 kk = wasm_f32x4_pmax(k->knee, mRef);
  v128_t prot = wasm_v128_and(wasm_f32x4_gt(m, kk), wasm_f32x4_lt(kk, k->one));
  if (!wasm_v128_any_true(prot)) return;
  f4 y = tluma4(k, *r, *g, *b);
  f4 my = wasm_f32x4_sub(m, y);
  prot = wasm_v128_and(prot, wasm_f32x4_ge(my, k->tiny9));
  f4 k1 = wasm_f32x4_sub(k->one, kk);
  f4 e = texp2_4(k, wasm_f32x4_mul(wasm_f32x4_div(wasm_f32x4_sub(kk, m), k1), k->log2e));
  f4 mt = wasm_f32x4_add(kk, wasm_f32x4_mul(k1, wasm_f32x4_sub(k->one, e)));
  mt = wasm_f32x4_pmax(y, mt); /* if (mt < y) mt = y */
  f4 s = wasm_f32x4_div(wasm_f32x4_sub(mt, y), my);
  v128_t white = wasm_f32x4_ge(y, k->one);
  f4 r2 = sel(white, y, wasm_f32x4_add(y, wasm_f32x4_mul(wasm_f32x4_sub(*r, y), s)));
  f4 g2 = sel(white, y, wasm_f32x4_add(y, wasm_f32x4_mul(wasm_f32x4_sub(*g, y), s)));
  f4 b2 = sel(white, y, wasm_f32x4_add(y, wasm_f32x4_mul(wasm_f32x4_sub(*b, y), s)));
  *r = sel(prot, r2, *r);
  *g = sel(prot, g2, *g);
  *b = sel(prot, b2, *b);
}

/*
 * nb blocks of 4 pixels at p (their guide values at ab, or 0), nb ≤ T_CHUNK / 4, in three
 * passes over the chunk (luminance and its log; the curve and its exp2; the colour): short
 * loops whose iterations the CPU overlaps, where one long chain per block would stall on it.
 */
#define T_CHUNK 64
INLINE void tone_chunk(const ToneK *k, float *p, const float *ab, const float *hs, const float *rest, int nb, int curve_off) {
  float Y[T_CHUNK] __attribute__((aligned(16)));
  float D[T_CHUNK] __attribute__((aligned(16)));
  float Z[T_CHUNK] __attribute__((aligned(16)));
  if (!curve_off) {
    for (int q = 0; q < nb; q++) {
      f4 r, g, b;
      load_rgb4(p + 12 * q, &r, &g, &b);
      f4 y = wasm_f32x4_pmax(k->zero, tluma4(k, r, g, b)); /* y0 > 0 ? y0 : 0 */
      wasm_v128_store(Y + 4 * q, y);
    }
    for (int q = 0; q < nb; q++) wasm_v128_store(D + 4 * q, tlog2_4(k, wasm_f32x4_add(wasm_v128_load(Y + 4 * q), k->eps)));
    /* Z: z1 = z + the highlights/shadows shift at the base; D: lp, then delta. */
    if (hs)
      for (int q = 0; q < nb; q++) {
        f4 lp = wasm_v128_load(D + 4 * q);
        f4 z = wasm_f32x4_add(lp, k->zo);
        f4 zb = z;
        if (ab) {
          f4 A, B;
          tone_load_ab4(ab + 8 * q, &A, &B);
          zb = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(A, lp), B), k->zo);
        }
        wasm_v128_store(Z + 4 * q, wasm_f32x4_add(z, tone_lut4(k, hs, zb)));
      }
    for (int q = 0; q < nb; q++) {
      f4 z = wasm_f32x4_add(wasm_v128_load(D + 4 * q), k->zo);
      f4 z1 = hs ? wasm_v128_load(Z + 4 * q) : z;
      wasm_v128_store(D + 4 * q, wasm_f32x4_add(wasm_f32x4_sub(z1, z), tone_lut4(k, rest, z1)));
    }
    for (int q = 0; q < nb; q++) wasm_v128_store(D + 4 * q, texp2_4(k, wasm_v128_load(D + 4 * q)));
  }
  for (int q = 0; q < nb; q++) {
    float *pq = p + 12 * q;
    f4 r, g, b;
    load_rgb4(pq, &r, &g, &b);
    f4 mRef = tmax3(r, g, b);
    f4 r1 = wasm_f32x4_mul(r, k->m), g1 = wasm_f32x4_mul(g, k->m), b1 = wasm_f32x4_mul(b, k->m);
    if (!curve_off) {
      /*
       * applyLogDelta with y·m and EPS·m, as one scale and offset per pixel: brightening
       * (gd ≥ 1) c·gd + EPS·m·(gd − 1) = (c + EPS·m)·gd − EPS·m; darkening c·q with
       * q = y2/(y·m), or 0. delta = 0 or NaN gave gd = 1 (exp2): c unchanged, as the skip in toneGlobal.
       */
      f4 gd = wasm_v128_load(D + 4 * q);
      v128_t up = wasm_f32x4_ge(gd, k->one);
      f4 ym = wasm_f32x4_mul(wasm_v128_load(Y + 4 * q), k->m);
      f4 y2 = wasm_f32x4_sub(wasm_f32x4_mul(wasm_f32x4_add(ym, k->epsM), gd), k->epsM);
      f4 qd = wasm_v128_and(wasm_v128_and(wasm_f32x4_gt(ym, k->zero), wasm_f32x4_gt(y2, k->zero)), wasm_f32x4_div(y2, ym));
      f4 G = sel(up, gd, qd);
      f4 H = wasm_v128_and(up, wasm_f32x4_mul(k->epsM, wasm_f32x4_sub(gd, k->one)));
      r1 = wasm_f32x4_add(wasm_f32x4_mul(r1, G), H);
      g1 = wasm_f32x4_add(wasm_f32x4_mul(g1, G), H);
      b1 = wasm_f32x4_add(wasm_f32x4_mul(b1, G), H);
    }
    tone_protect4(k, &r1, &g1, &b1, mRef);
    store_rgb4(pq, r1, g1, b1);
  }
}

EXPORT(tw_tone_global)
void tw_tone_global(float *data, int n, const float *base, const float *hs, const float *rest, float m, float z_off, int curve_off) {
  ToneK k = {
    .zero = ksplat(0.0f), .one = ksplat(1.0f), .eps = ksplat(TW_EPS), .m = wasm_f32x4_splat(m),
    .epsM = wasm_f32x4_splat(TW_EPS * m), .zo = wasm_f32x4_splat(z_off), .zmin = ksplat(T_Z_MIN),
    .lscale = ksplat(T_LUT_SCALE), .lmax = ksplat((float)(T_LUT_N - 1)), .jmax = ksplat((float)(T_LUT_N - 2)),
    .magic = ksplat(12582912.0f), .magic_bits = ksplati(0x4B400000),
    .kr = ksplat(KR), .kg = ksplat(KG), .kb = ksplat(KB), .knee = ksplat(KNEE), .log2e = ksplat(T_LOG2E),
    .tiny9 = ksplat(1e-9f),
    .l_min = ksplat(1.2e-38f), .l_mant = ksplati(0x7fffff), .l_one = ksplati(0x3f800000),
    .l_sqrt2 = ksplat(1.41421356f), .l_half = ksplat(0.5f), .l_c9 = ksplat(2.0f / 9.0f), .l_c7 = ksplat(2.0f / 7.0f),
    .l_c5 = ksplat(2.0f / 5.0f), .l_c3 = ksplat(2.0f / 3.0f), .l_c1 = ksplat(2.0f), .l_ln2inv = ksplat(1.44269504089f),
    .l_floor = ksplat(-126.0f), .l_127 = ksplati(127),
    .e_hi = ksplat(127.0f), .e_lo = ksplat(-126.0f), .e_c6 = ksplat(1.5403530393381606e-4f),
    .e_c5 = ksplat(1.3333558146428443e-3f), .e_c4 = ksplat(9.6181291076284772e-3f),
    .e_c3 = ksplat(5.5504108664821580e-2f), .e_c2 = ksplat(2.4022650695910071e-1f),
    .e_c1 = ksplat(6.9314718055994531e-1f), .e_bias = ksplati(0x4B400000 - 127),
  };
  if (curve_off) hs = 0;
  int i = 0;
  for (; i + 4 <= n; i += T_CHUNK) {
    int nb = (n - i) / 4;
    if (nb > T_CHUNK / 4) nb = T_CHUNK / 4;
    tone_chunk(&k, data + 3 * i, base ? base + 2 * i : 0, hs, rest, nb, curve_off);
    if (nb < T_CHUNK / 4) {
      i += 4 * nb;
      break;
    }
  }
  if (i >= n) return;
  /* The last 1–3 pixels through a zero-padded block of 4 (the same maths as the loop). */
  float px[12] = {0}, ab[8] = {0};
  int c = n - i;
  for (int j = 0; j < 3 * c; j++) px[j] = data[3 * i + j];
  if (base)
    for (int j = 0; j < 2 * c; j++) ab[j] = base[2 * i + j];
  tone_chunk(&k, px, base ? ab : 0, hs, rest, 1, curve_off);
  for (int j = 0; j < 3 * c; j++) data[3 * i + j] = px[j];
}
