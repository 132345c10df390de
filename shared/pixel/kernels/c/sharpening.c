/*
 * Sharpening: the twin of sharpeningCpu (with its blurRows) in shared/develop/ops/sharpening.ts.
 * An unsharp mask on luma Y = 0.2126·R' + 0.7152·G' + 0.0722·B' (computed in float64 and rounded
 * to float32, as the TS does), the blur a separable Gaussian (clamp to edge): the horizontal pass
 * pairs the symmetric taps, the vertical pass rounds its sum to float32 after every tap, like the
 * TS's Float32Array B. Detail limits the overshoot beyond the 3×3 range of Y, Masking multiplies
 * the gain by smoothstep(lo, hi, |Sobel(Y)| / 8), a local sharpness (or 0) adds to the gain per
 * pixel and a total gain below 0 blurs (down to the Gaussian itself at −1).
 *
 * SIMD across x: VW adjacent pixels of one row. Rows are streamed: Y and its horizontal blur T
 * of row y + r are made just before output row y, in two rings of 2r + 1 rows (the scratch that
 * tw_sharpening_scratch sizes). Each ring row holds the row's width rounded up to VW plus PA
 * columns either side; Y's side columns repeat its edge pixels, so the clamp to edge of the
 * blur, the Sobel and the 3×3 range is plain unaligned loads. Lanes past the width compute
 * garbage that is never written out.
 */
#include "simd.h"

#define SHARP_MAX_R 9
#define SHARP_LOCAL_GAIN (1.0f / 60.0f)

VINLINE int sharp_pad(int r) { return (r + 3) & ~3; }
VINLINE int sharp_wide(int w) { return (w + VW - 1) / VW * VW; }
VINLINE int sharp_stride(int w, int r) { return sharp_wide(w) + 2 * sharp_pad(r); }

/* Floats of scratch tw_sharpening needs. */
TW_EXPORT(tw_sharpening_scratch)
int tw_sharpening_scratch(int w, int h, int r) {
  (void)h;
  return 2 * (2 * r + 1) * sharp_stride(w, r);
}

/* Luma in float64 (the TS's order of operations), rounded to float32. */
VINLINE vf luma_f64(vf r, vf g, vf b) { return vdemote((vpromote(r) * 0.2126 + vpromote(g) * 0.7152) + vpromote(b) * 0.0722); }

/* Y of one row of data into yr (with its side columns), then its horizontal blur into tr. */
static void sharp_row_in(const float *src, int w, int r, const float *kw, float *yr, float *tr) {
  int wv = sharp_wide(w), pa = sharp_pad(r);
  int x = 0;
  for (; x + VW <= w; x += VW) {
    vf cr, cg, cb;
    vload_rgb(src + 3 * x, &cr, &cg, &cb);
    vstore(yr + x, luma_f64(cr, cg, cb));
  }
  for (; x < w; x++) yr[x] = (float)(0.2126 * (double)src[3 * x] + 0.7152 * (double)src[3 * x + 1] + 0.0722 * (double)src[3 * x + 2]);
  float left = yr[0], right = yr[w - 1];
  for (int i = -pa; i < 0; i++) yr[i] = left;
  for (int i = w; i < wv + pa; i++) yr[i] = right;
  vf k[SHARP_MAX_R + 1];
  for (int t = 0; t <= r; t++) k[t] = vsplat(kw[r + t]);
  for (x = 0; x < wv; x += VW) {
    const float *c = yr + x;
    vf s = k[0] * vload(c);
    for (int t = 1; t <= r; t++) s = s + k[t] * (vload(c - t) + vload(c + t));
    vstore(tr + x, s);
  }
}

typedef struct {
  const float *tr[2 * SHARP_MAX_R + 1]; /* T rows y − r … y + r (clamped) */
  const float *yu, *yc, *yd;            /* Y rows y − 1, y, y + 1 (clamped) */
  float kt[2 * SHARP_MAX_R + 1];
  int taps;
  float k, detail, mask_lo, mask_inv;
} SharpRow;

/*
 * The luma change of the VW pixels at x of one row; gain the per-lane gain (k + local·1/60).
 * HAS_LOCAL: gains may be ≤ 0 (the negative branch); MASK: the Sobel edge mask is on.
 */
VINLINE vf sharp_delta(const SharpRow *R, int x, vf gain, const int has_local, const int mask) {
  const float *yc = R->yc + x;
  vf c = vload(yc);
  vf b = R->kt[0] * vload(R->tr[0] + x);
  for (int t = 1; t < R->taps; t++) b = b + R->kt[t] * vload(R->tr[t] + x);
  vf hp = c - b;
  const float *yu = R->yu + x, *yd = R->yd + x;
  vf u0 = vload(yu - 1), u1 = vload(yu), u2 = vload(yu + 1);
  vf m0 = vload(yc - 1), m2 = vload(yc + 1);
  vf d0 = vload(yd - 1), d1 = vload(yd), d2 = vload(yd + 1);
  vf gp = gain;
  if (mask) {
    vf gx = (((u2 + 2.0f * m2) + d2) - u0 - 2.0f * m0) - d0;
    vf gy = (((d0 + 2.0f * d1) + d2) - u0 - 2.0f * u1) - u2;
    vf mag = vsqrt(gx * gx + gy * gy) * 0.125f;
    vf t = (mag - R->mask_lo) * R->mask_inv;
    t = vpmin(vpmax(t, vsplat(0.0f)), vsplat(1.0f));
    gp = gp * ((t * t) * (3.0f - 2.0f * t));
  }
  vf lo = vpmin(vpmin(vpmin(u0, u1), vpmin(u2, m0)), vpmin(vpmin(c, m2), vpmin(vpmin(d0, d1), d2)));
  vf hi = vpmax(vpmax(vpmax(u0, u1), vpmax(u2, m0)), vpmax(vpmax(c, m2), vpmax(vpmax(d0, d1), d2)));
  vf s = c + gp * hp;
  vf shi = hi + R->detail * (s - hi);
  vf slo = lo + R->detail * (s - lo);
  s = vsel(s > hi, shi, vsel(s < lo, slo, s));
  if (has_local) {
    vi pos = gain > 0.0f;
    vf sn = c + vpmax(vsplat(-1.0f), gain) * hp;
    s = vsel(pos, s, sn);
    gp = vsel(pos, gp, gain);
  }
  /* A zero gain leaves the pixel as it is (the TS skips it). */
  return vand(gp != 0.0f, s - c);
}

VINLINE void sharp_row_out(const SharpRow *R, float *drow, const float *lrow, int w, const int has_local, const int mask) {
  int x = 0;
  const vf k = vsplat(R->k);
  for (; x + VW <= w; x += VW) {
    vf gain = k;
    if (has_local) {
      gain = gain + vload(lrow + x) * SHARP_LOCAL_GAIN;
      if (!vany(gain != 0.0f)) continue;
    }
    vadd_rgb(drow + 3 * x, sharp_delta(R, x, gain, has_local, mask));
  }
  if (x < w) {
    int n = w - x;
    vf gain = k;
    if (has_local) {
      vf l = vsplat(0.0f);
      for (int i = 0; i < n; i++) l[i] = lrow[x + i];
      gain = gain + l * SHARP_LOCAL_GAIN;
    }
    vf d = sharp_delta(R, x, gain, has_local, mask);
    for (int i = 0; i < n; i++) {
      float v = d[i];
      float *p = drow + 3 * (x + i);
      p[0] += v;
      p[1] += v;
      p[2] += v;
    }
  }
}

VINLINE int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/*
 * data: w × h interleaved RGB (display space), changed in place. kw: the 2r + 1 Gaussian
 * weights (r ≤ 9). local: w × h local sharpness (−100..100) or 0. mask_on: Masking > 0, then
 * mask_lo and mask_inv = 1 / (maskHi − maskLo). scratch: tw_sharpening_scratch(w, h, r) floats.
 */
TW_EXPORT(tw_sharpening)
void tw_sharpening(float *data, int w, int h, const float *kw, int r, float k, float detail, int mask_on, float mask_lo, float mask_inv,
                   const float *local, float *scratch) {
  if (w <= 0 || h <= 0 || r < 1 || r > SHARP_MAX_R) return;
  int S = sharp_stride(w, r), pa = sharp_pad(r), ring = 2 * r + 1;
  float *Y = scratch, *T = scratch + ring * S;
  SharpRow R;
  R.taps = ring;
  for (int t = 0; t < ring; t++) R.kt[t] = kw[t];
  R.k = k;
  R.detail = detail;
  R.mask_lo = mask_lo;
  R.mask_inv = mask_inv;
  int made = 0; /* rows of Y and T made so far */
  for (int y = 0; y < h; y++) {
    int need = y + r < h - 1 ? y + r : h - 1;
    for (; made <= need; made++) {
      int slot = made % ring;
      sharp_row_in(data + 3 * (long)made * w, w, r, kw, Y + slot * S + pa, T + slot * S);
    }
    for (int t = -r; t <= r; t++) R.tr[t + r] = T + (clampi(y + t, 0, h - 1) % ring) * S;
    R.yu = Y + (clampi(y - 1, 0, h - 1) % ring) * S + pa;
    R.yc = Y + (y % ring) * S + pa;
    R.yd = Y + (clampi(y + 1, 0, h - 1) % ring) * S + pa;
    float *drow = data + 3 * (long)y * w;
    const float *lrow = local ? local + (long)y * w : 0;
    if (local) {
      if (mask_on) sharp_row_out(&R, drow, lrow, w, 1, 1);
      else sharp_row_out(&R, drow, lrow, w, 1, 0);
    } else {
      if (mask_on) sharp_row_out(&R, drow, lrow, w, 0, 1);
      else sharp_row_out(&R, drow, lrow, w, 0, 0);
    }
  }
}
