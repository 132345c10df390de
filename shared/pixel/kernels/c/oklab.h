/*
 * The display-referred colour maths of shared/pixel/oklab.ts and shared/pixel/hue.ts in float32
 * vectors, for the colour ops' links (link_hsl.h, link_color.h): sRGB-encoded ↔ linear, linear
 * sRGB ↔ OkLab, the gamut fraction, the soft hue-preserving gamut compression and the diamond
 * hue coordinate. The TypeScript computes in float64 (and decodes/encodes through tables); these
 * agree with it to a few float32 ulps, except the compression's root finding, which stops within
 * the same tolerance (2e-4 of gamut fraction) from a slightly different start.
 */
#ifndef TW_OKLAB_H
#define TW_OKLAB_H
#include "chain.h"

/* sRGB-encoded → linear (v ≤ 0.04045: v / 12.92, so negatives map linearly); NaN stays NaN. */
VINLINE vf ok_decode(vf v) {
  vf hi = vexp2(vlog2((v + 0.055f) * (1.0f / 1.055f)) * 2.4f);
  vf r = vsel(v <= 0.04045f, v * (1.0f / 12.92f), hi);
  return vsel(v != v, v, r);
}

/* Linear → sRGB-encoded (v ≤ 0.0031308: v · 12.92); NaN stays NaN. */
VINLINE vf ok_encode(vf v) {
  vf hi = vexp2(vlog2(v) * (1.0f / 2.4f)) * 1.055f - 0.055f;
  vf r = vsel(v <= 0.0031308f, v * 12.92f, hi);
  return vsel(v != v, v, r);
}

/* Cube root, sign kept (Math.cbrt): a first guess from the exponent bits, then two Halley steps. */
VINLINE vf ok_cbrt(vf x) {
  vf a = vabs(x);
  vf y = (vf)(vtrunc(vcvt((vi)a) * (1.0f / 3.0f)) + 0x2a5137a0);
  for (int k = 0; k < 2; k++) {
    vf y3 = y * y * y;
    y = y * (y3 + 2.0f * a) / (2.0f * y3 + a);
  }
  y = vsel(a < 1e-30f, vsplat(0.0f), y);
  y = vsel(a == __builtin_inff(), a, y);
  return (vf)((vi)y | ((vi)x & (int32_t)0x80000000u));
}

/* Linear sRGB → OkLab. */
VINLINE void ok_lab(vf r, vf g, vf b, vf *L, vf *A, vf *B) {
  vf l = ok_cbrt((0.4122214708f * r + 0.5363325363f * g) + 0.0514459929f * b);
  vf m = ok_cbrt((0.2119034982f * r + 0.6806995451f * g) + 0.1073969566f * b);
  vf s = ok_cbrt((0.0883024619f * r + 0.2817188376f * g) + 0.6299787005f * b);
  *L = (0.2104542553f * l + 0.793617785f * m) - 0.0040720468f * s;
  *A = (1.9779984951f * l - 2.428592205f * m) + 0.4505937099f * s;
  *B = (0.0259040371f * l + 0.7827717662f * m) - 0.808675766f * s;
}

/* OkLab → linear sRGB. */
VINLINE void ok_linear(vf L, vf a, vf b, vf *r, vf *g, vf *bl) {
  vf l_ = (L + 0.3963377774f * a) + 0.2158037573f * b;
  vf m_ = (L - 0.1055613458f * a) - 0.0638541728f * b;
  vf s_ = (L - 0.0894841775f * a) - 1.291485548f * b;
  vf l = l_ * l_ * l_, m = m_ * m_ * m_, s = s_ * s_ * s_;
  *r = (4.0767416621f * l - 3.3077115913f * m) + 0.2309699292f * s;
  *g = (-1.2684380046f * l + 2.6097574011f * m) - 0.3413193965f * s;
  *bl = (-0.0041960863f * l - 0.7034186147f * m) + 1.707614701f * s;
}

/* gamutFraction: how far (r, g, b) sits from grey towards the boundary [0, hi]³ (NaN terms skipped). */
VINLINE vf ok_gamut_fraction(vf r, vf g, vf b, vf grey, vf hi) {
  vf up = hi - grey, u = vsplat(0.0f);
  vf t = vsel(r > grey, (r - grey) / up, (grey - r) / grey);
  u = vsel(t > u, t, u);
  t = vsel(g > grey, (g - grey) / up, (grey - g) / grey);
  u = vsel(t > u, t, u);
  t = vsel(b > grey, (b - grey) / up, (grey - b) / grey);
  u = vsel(t > u, t, u);
  return u;
}

/*
 * oklabToLinearSoft: OkLab → linear with the soft gamut compression relative to the input's own
 * gamut fraction uIn (regula falsi, Illinois, ≤ 8 steps, per lane), ceiling hi.
 */
VINLINE void ok_linear_soft(vf L, vf a, vf b, vf uIn, vf hi, vf *r, vf *g, vf *bl) {
  const vf zero = vsplat(0.0f), one = vsplat(1.0f);
  ok_linear(L, a, b, r, g, bl);
  vf grey = L * L * L;
  vi dark = ~(grey > 1e-12f);
  vi white = ~dark & (grey >= hi);
  /* The dark case: each channel into [0, hi] (≤ 0 and NaN → 0). */
  if (vany(dark)) {
    *r = vsel(dark, vsel(*r > 0.0f, vpmin(*r, hi), zero), *r);
    *g = vsel(dark, vsel(*g > 0.0f, vpmin(*g, hi), zero), *g);
    *bl = vsel(dark, vsel(*bl > 0.0f, vpmin(*bl, hi), zero), *bl);
  }
  *r = vsel(white, hi, *r);
  *g = vsel(white, hi, *g);
  *bl = vsel(white, hi, *bl);
  vf u = ok_gamut_fraction(*r, *g, *bl, grey, hi);
  vi need = ~dark & ~white & ~((u <= uIn + 1e-6f) | (u <= 0.0f));
  if (!vany(need)) return;
  vf u0 = vpmax(uIn, zero);
  vf x = (u - u0) / (one - u0);
  vf target = u0 + ((one - u0) * x) / vsqrt(one + x * x);
  target = vsel(uIn >= 0.999f, vsel(uIn > 1.0f, uIn, one), target);
  vf k0 = zero, f0 = -target, k1 = one, f1 = u - target, uk = u;
  vi side = visplat(0), active = need;
  vf R = *r, G = *g, B = *bl;
  for (int it = 0; it < 8 && vany(active); it++) {
    vf k = (k0 * f1 - k1 * f0) / (f1 - f0);
    vf rr, gg, bb;
    ok_linear(L, a * k, b * k, &rr, &gg, &bb);
    vf ukn = ok_gamut_fraction(rr, gg, bb, grey, hi);
    R = vsel(active, rr, R);
    G = vsel(active, gg, G);
    B = vsel(active, bb, B);
    uk = vsel(active, ukn, uk);
    vf fk = ukn - target;
    active = active & ~(vabs(fk) < 2e-4f);
    vi over = active & (fk > 0.0f), under = active & ~(fk > 0.0f);
    /* fk > 0: the root is below k. */
    f0 = vsel(over & (side == 1), f0 * 0.5f, f0);
    k1 = vsel(over, k, k1);
    f1 = vsel(over, fk, f1);
    f1 = vsel(under & (side == -1), f1 * 0.5f, f1);
    k0 = vsel(under, k, k0);
    f0 = vsel(under, fk, f0);
    side = visel(over, visplat(1), visel(under, visplat(-1), side));
  }
  vi guard = need & (uk > 1.0f) & (uk > uIn);
  vf m = vsel(uIn > 1.0f, uIn, one) / uk;
  R = vsel(guard, grey + m * (R - grey), R);
  G = vsel(guard, grey + m * (G - grey), G);
  B = vsel(guard, grey + m * (B - grey), B);
  *r = vsel(need, R, *r);
  *g = vsel(need, G, *g);
  *bl = vsel(need, B, *bl);
}

/* The diamond angle of (a, b) on [0, 4): a monotone stand-in for atan2 (hue.ts, diamond). */
VINLINE vf ok_diamond(vf a, vf b) {
  vf s = a + b;
  vf q0 = vsel(s > 0.0f, b / s, vsplat(0.0f));
  vf q1 = 1.0f - a / (b - a);
  vf q2 = 2.0f - b / (-a - b);
  vf q3 = 3.0f + a / (a - b);
  vi bp = b >= 0.0f, ap = a >= 0.0f;
  return vsel(bp, vsel(ap, q0, q1), vsel(ap, q3, q2));
}

/* A hue table's index and fraction at diamond angle d (entries n1 + 1; the last repeats the first). */
VINLINE void ok_hue_index(vf d, int n1, vi *j, vf *t) {
  vf f = d * (0.25f * (float)n1);
  vi i = vtrunc(f);
  i = visel(i > n1 - 1, visplat(n1 - 1), visel(i < 0, visplat(0), i));
  *j = i;
  *t = f - vcvt(i);
}

#endif
