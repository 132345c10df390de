/*
 * Sharpening: the twin of sharpeningCpu (with its blurRows) in shared/develop/ops/sharpening.ts.
 * An unsharp mask on luma Y = 0.2126·R' + 0.7152·G' + 0.0722·B' (computed in float64 and rounded
 * to float32, as the TS does), the blur a separable Gaussian (clamp to edge): the horizontal pass
 * pairs the symmetric taps, the vertical pass rounds its sum to float32 after every tap, like the
 * TS's Float32Array B. Detail limits the overshoot beyond the 3×3 range of Y, Masking multiplies
 * the gain by smoothstep(lo, hi, |Sobel(Y)| / 8), a local sharpness (or 0) adds to the gain per
 * pixel and a total gain below 0 blurs (down to the Gaussian itself at −1).
 *
 * SIMD across x: 4 adjacent pixels of one row. Rows are streamed: Y and its horizontal blur T
 * of row y + r are made just before output row y, in two rings of 2r + 1 rows (the scratch that
 * tw_sharpening_scratch sizes). Each ring row holds the row's width rounded up to 4 plus PA
 * columns either side; Y's side columns repeat its edge pixels, so the clamp to edge of the
 * blur, the Sobel and the 3×3 range is plain unaligned loads. Lanes past the width compute
 * garbage that is never written out.
 */
#include "kernels.h"

#define SHARP_MAX_R 9
#define SHARP_LOCAL_GAIN (1.0f / 60.0f)

INLINE int sharp_pad(int r) { return (r + 3) & ~3; }
INLINE int sharp_stride(int w, int r) { return ((w + 3) & ~3) + 2 * sharp_pad(r); }

/* Floats of scratch tw_sharpening needs (16-byte aligned). */
EXPORT(tw_sharpening_scratch)
int tw_sharpening_scratch(int w, int h, int r) {
  (void)h;
  return 2 * (2 * r + 1) * sharp_stride(w, r);
}

/* Luma of 4 pixels in float64 (the TS's order of operations), rounded to float32. */
INLINE f4 luma4_f64(f4 r, f4 g, f4 b) {
  v128_t kr = wasm_f64x2_splat(0.2126), kg = wasm_f64x2_splat(0.7152), kb = wasm_f64x2_splat(0.0722);
  f4 rh = wasm_i32x4_shuffle(r, r, 2, 3, 2, 3), gh = wasm_i32x4_shuffle(g, g, 2, 3, 2, 3), bh = wasm_i32x4_shuffle(b, b, 2, 3, 2, 3);
  v128_t lo = wasm_f64x2_add(wasm_f64x2_add(wasm_f64x2_mul(kr, wasm_f64x2_promote_low_f32x4(r)), wasm_f64x2_mul(kg, wasm_f64x2_promote_low_f32x4(g))),
                             wasm_f64x2_mul(kb, wasm_f64x2_promote_low_f32x4(b)));
  v128_t hi = wasm_f64x2_add(wasm_f64x2_add(wasm_f64x2_mul(kr, wasm_f64x2_promote_low_f32x4(rh)), wasm_f64x2_mul(kg, wasm_f64x2_promote_low_f32x4(gh))),
                             wasm_f64x2_mul(kb, wasm_f64x2_promote_low_f32x4(bh)));
  return wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(lo), wasm_f32x4_demote_f64x2_zero(hi), 0, 1, 4, 5);
}

/* Y of one row of data into yr (with its side columns), then its horizontal blur into tr. */
static void sharp_row_in(const float *src, int w, int r, const float *kw, float *yr, float *tr) {
  int wv = (w + 3) & ~3, pa = sharp_pad(r);
  int x = 0;
  for (; x + 4 <= w; x += 4) {
    f4 cr, cg, cb;
    load_rgb4(src + 3 * x, &cr, &cg, &cb);
    wasm_v128_store(yr + x, luma4_f64(cr, cg, cb));
  }
  for (; x < w; x++) yr[x] = (float)(0.2126 * (double)src[3 * x] + 0.7152 * (double)src[3 * x + 1] + 0.0722 * (double)src[3 * x + 2]);
  float left = yr[0], right = yr[w - 1];
  for (int i = -pa; i < 0; i++) yr[i] = left;
  for (int i = w; i < wv + pa; i++) yr[i] = right;
  f4 k[SHARP_MAX_R + 1];
  for (int t = 0; t <= r; t++) k[t] = splat(kw[r + t]);
  for (x = 0; x < wv; x += 4) {
    const float *c = yr + x;
    f4 s = wasm_f32x4_mul(k[0], wasm_v128_load(c));
    for (int t = 1; t <= r; t++) s = wasm_f32x4_add(s, wasm_f32x4_mul(k[t], wasm_f32x4_add(wasm_v128_load(c - t), wasm_v128_load(c + t))));
    wasm_v128_store(tr + x, s);
  }
}

/* The first n (1..4) floats at p, the other lanes 0. */
INLINE f4 load_part(const float *p, int n) {
  f4 v = splat(0.0f);
  v = wasm_f32x4_replace_lane(v, 0, p[0]);
  if (n > 1) v = wasm_f32x4_replace_lane(v, 1, p[1]);
  if (n > 2) v = wasm_f32x4_replace_lane(v, 2, p[2]);
  if (n > 3) v = wasm_f32x4_replace_lane(v, 3, p[3]);
  return v;
}

/* Adds d[i] to R, G and B of the 4 interleaved pixels at p. */
INLINE void add_rgb4(float *p, f4 d) {
  wasm_v128_store(p, wasm_f32x4_add(wasm_v128_load(p), wasm_i32x4_shuffle(d, d, 0, 0, 0, 1)));
  wasm_v128_store(p + 4, wasm_f32x4_add(wasm_v128_load(p + 4), wasm_i32x4_shuffle(d, d, 1, 1, 2, 2)));
  wasm_v128_store(p + 8, wasm_f32x4_add(wasm_v128_load(p + 8), wasm_i32x4_shuffle(d, d, 2, 3, 3, 3)));
}

typedef struct {
  const float *tr[2 * SHARP_MAX_R + 1]; /* T rows y − r … y + r (clamped) */
  const float *yu, *yc, *yd;            /* Y rows y − 1, y, y + 1 (clamped) */
  f4 kt[2 * SHARP_MAX_R + 1];
  int taps;
  f4 k, detail, mask_lo, mask_inv;
} SharpRow;

/*
 * The luma change of the 4 pixels at x of one row; gain the per-lane gain (k + local·1/60).
 * HAS_LOCAL: gains may be ≤ 0 (the negative branch); MASK: the Sobel edge mask is on.
 */
INLINE f4 sharp_delta(const SharpRow *R, int x, f4 gain, int has_local, int mask) {
  const float *yc = R->yc + x;
  f4 c = wasm_v128_load(yc);
  f4 b = wasm_f32x4_mul(R->kt[0], wasm_v128_load(R->tr[0] + x));
  for (int t = 1; t < R->taps; t++) b = wasm_f32x4_add(b, wasm_f32x4_mul(R->kt[t], wasm_v128_load(R->tr[t] + x)));
  f4 hp = wasm_f32x4_sub(c, b);
  const float *yu = R->yu + x, *yd = R->yd + x;
  f4 u0 = wasm_v128_load(yu - 1), u1 = wasm_v128_load(yu), u2 = wasm_v128_load(yu + 1);
  f4 m0 = wasm_v128_load(yc - 1), m2 = wasm_v128_load(yc + 1);
  f4 d0 = wasm_v128_load(yd - 1), d1 = wasm_v128_load(yd), d2 = wasm_v128_load(yd + 1);
  f4 gp = gain;
  if (mask) {
    f4 two = splat(2.0f);
    f4 gx = wasm_f32x4_sub(wasm_f32x4_sub(wasm_f32x4_sub(wasm_f32x4_add(wasm_f32x4_add(u2, wasm_f32x4_mul(two, m2)), d2), u0), wasm_f32x4_mul(two, m0)), d0);
    f4 gy = wasm_f32x4_sub(wasm_f32x4_sub(wasm_f32x4_sub(wasm_f32x4_add(wasm_f32x4_add(d0, wasm_f32x4_mul(two, d1)), d2), u0), wasm_f32x4_mul(two, u1)), u2);
    f4 mag = wasm_f32x4_mul(wasm_f32x4_sqrt(wasm_f32x4_add(wasm_f32x4_mul(gx, gx), wasm_f32x4_mul(gy, gy))), splat(0.125f));
    f4 t = wasm_f32x4_mul(wasm_f32x4_sub(mag, R->mask_lo), R->mask_inv);
    t = wasm_f32x4_pmin(wasm_f32x4_pmax(t, splat(0.0f)), splat(1.0f));
    gp = wasm_f32x4_mul(gp, wasm_f32x4_mul(wasm_f32x4_mul(t, t), wasm_f32x4_sub(splat(3.0f), wasm_f32x4_mul(two, t))));
  }
  f4 lo = wasm_f32x4_pmin(wasm_f32x4_pmin(wasm_f32x4_pmin(u0, u1), wasm_f32x4_pmin(u2, m0)), wasm_f32x4_pmin(wasm_f32x4_pmin(c, m2), wasm_f32x4_pmin(wasm_f32x4_pmin(d0, d1), d2)));
  f4 hi = wasm_f32x4_pmax(wasm_f32x4_pmax(wasm_f32x4_pmax(u0, u1), wasm_f32x4_pmax(u2, m0)), wasm_f32x4_pmax(wasm_f32x4_pmax(c, m2), wasm_f32x4_pmax(wasm_f32x4_pmax(d0, d1), d2)));
  f4 s = wasm_f32x4_add(c, wasm_f32x4_mul(gp, hp));
  f4 shi = wasm_f32x4_add(hi, wasm_f32x4_mul(R->detail, wasm_f32x4_sub(s, hi)));
  f4 slo = wasm_f32x4_add(lo, wasm_f32x4_mul(R->detail, wasm_f32x4_sub(s, lo)));
  s = sel(wasm_f32x4_gt(s, hi), shi, sel(wasm_f32x4_lt(s, lo), slo, s));
  if (has_local) {
    f4 pos = wasm_f32x4_gt(gain, splat(0.0f));
    f4 sn = wasm_f32x4_add(c, wasm_f32x4_mul(wasm_f32x4_pmax(splat(-1.0f), gain), hp));
    s = sel(pos, s, sn);
    gp = sel(pos, gp, gain);
  }
  /* A zero gain leaves the pixel as it is (the TS skips it). */
  return wasm_v128_and(wasm_f32x4_ne(gp, splat(0.0f)), wasm_f32x4_sub(s, c));
}

INLINE void sharp_row_out(const SharpRow *R, float *drow, const float *lrow, int w, int has_local, int mask) {
  int x = 0;
  f4 lg = splat(SHARP_LOCAL_GAIN);
  for (; x + 4 <= w; x += 4) {
    f4 gain = R->k;
    if (has_local) {
      gain = wasm_f32x4_add(gain, wasm_f32x4_mul(wasm_v128_load(lrow + x), lg));
      if (!wasm_v128_any_true(wasm_f32x4_ne(gain, splat(0.0f)))) continue;
    }
    add_rgb4(drow + 3 * x, sharp_delta(R, x, gain, has_local, mask));
  }
  if (x < w) {
    int n = w - x;
    f4 gain = R->k;
    if (has_local) gain = wasm_f32x4_add(gain, wasm_f32x4_mul(load_part(lrow + x, n), lg));
    f4 d = sharp_delta(R, x, gain, has_local, mask);
    for (int i = 0; i < n; i++) {
      float v = lane(d, i);
      float *p = drow + 3 * (x + i);
      p[0] += v;
      p[1] += v;
      p[2] += v;
    }
  }
}

INLINE int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/*
 * data: w × h interleaved RGB (display space), changed in place. kw: the 2r + 1 Gaussian
 * weights (r ≤ 9). local: w × h local sharpness (−100..100) or 0. mask_on: Masking > 0, then
 * mask_lo and mask_inv = 1 / (maskHi − maskLo). scratch: tw_sharpening_scratch(w, h, r) floats.
 */
EXPORT(tw_sharpening)
void tw_sharpening(float *data, int w, int h, const float *kw, int r, float k, float detail, int mask_on, float mask_lo,
                   float mask_inv, const float *local, float *scratch) {
  if (w <= 0 || h <= 0 || r < 1 || r > SHARP_MAX_R) return;
  int S = sharp_stride(w, r), pa = sharp_pad(r), ring = 2 * r + 1;
  float *Y = scratch, *T = scratch + ring * S;
  SharpRow R;
  R.taps = ring;
  for (int t = 0; t < ring; t++) R.kt[t] = splat(kw[t]);
  R.k = splat(k);
  R.detail = splat(detail);
  R.mask_lo = splat(mask_lo);
  R.mask_inv = splat(mask_inv);
  int made = 0; /* rows of Y and T made so far */
  for (int y = 0; y < h; y++) {
    int need = y + r < h - 1 ? y + r : h - 1;
    for (; made <= need; made++) {
      int slot = made % ring;
      sharp_row_in(data + 3 * made * w, w, r, kw, Y + slot * S + pa, T + slot * S);
    }
    for (int t = -r; t <= r; t++) R.tr[t + r] = T + (clampi(y + t, 0, h - 1) % ring) * S;
    R.yu = Y + (clampi(y - 1, 0, h - 1) % ring) * S + pa;
    R.yc = Y + (y % ring) * S + pa;
    R.yd = Y + (clampi(y + 1, 0, h - 1) % ring) * S + pa;
    float *drow = data + 3 * y * w;
    const float *lrow = local ? local + y * w : 0;
    if (local) {
      if (mask_on) sharp_row_out(&R, drow, lrow, w, 1, 1);
      else sharp_row_out(&R, drow, lrow, w, 1, 0);
    } else {
      if (mask_on) sharp_row_out(&R, drow, lrow, w, 0, 1);
      else sharp_row_out(&R, drow, lrow, w, 0, 0);
    }
  }
}
