/*
 * Tone, global path (no local exposure/contrast/highlights/shadows): the twin of toneGlobal in
 * shared/develop/ops/tone.ts (fastLog2, the table lookups and applyLogDelta's exp2 inlined;
 * protectHighlights of linearMath.ts), in float32. applyLogDelta is one scale and offset per
 * pixel.
 *
 * ptr[0]: the sampled toneBase guide (A, B per pixel) or 0 (then zb = z), or ptr[3]: its TwGuide;
 * ptr[1]: the prepared hsShift table (LUT_N entries over z ∈ [Z_MIN, Z_MAX]) as pairs of
 * neighbours (see tone_lut) or 0 when highlights and shadows are 0; ptr[2]: the restShift
 * table, as pairs. f[0]: m = 2^exposure; f[1]: exposure − LOG2_MID.
 * i[0]: curve off (exposure only).
 */
#include "chain.h"

#define T_LUT_N 4096
#define T_Z_MIN -24.0f
/* (LUT_N − 1) / (Z_MAX − Z_MIN). */
#define T_LUT_SCALE (4095.0f / 36.0f)

/*
 * lerp of a LUT_N table at z: f clamped to [0, LUT_N − 1] (NaN → 0); at f = LUT_N − 1 the index is
 * taken one lower with a fraction of 1, which gives the last entry. The table comes as pairs
 * (lut[j], lut[j + 1]) of 64 bits, LUT_N − 1 of them: one gathered element per lane.
 */
VINLINE vf tone_lut(const uint64_t *pairs, vf z) {
  vf f = (z - T_Z_MIN) * T_LUT_SCALE;
  vf t = vpmin(vpmax(vsplat(0.0f), f), vsplat((float)(T_LUT_N - 1))); /* NaN → 0 */
  vf jf = vpmin(vfloor(t), vsplat((float)(T_LUT_N - 2)));
  vi lo, hi;
  vgather64(pairs, vtrunc(jf), &lo, &hi);
  vf a = (vf)lo, b = (vf)hi;
  return a + (b - a) * (t - jf);
}

/* Passes over the chunk: luminance and its log; the curve; exp2 of the change; the colour. */
VINLINE void tone_run(TwChunk *c, const float *bA, const float *bB, const uint64_t *hs, const uint64_t *rest, float mf, float z_off, const int curve_off,
                      const int has_base) {
  const vf zero = vsplat(0.0f), one = vsplat(1.0f), eps = vsplat(TW_EPS);
  const vf m = vsplat(mf), epsM = vsplat(TW_EPS * mf), zo = vsplat(z_off);
  const int n = c->m;
  float *Y = c->S0, *L = c->S1, *D = c->S2;
  if (!curve_off) {
    for (int q = 0; q < n; q += VW) {
      vf y = vpmax(zero, vluma(vload(c->R + q), vload(c->G + q), vload(c->B + q))); /* y0 > 0 ? y0 : 0 */
      vstore(Y + q, y);
      vstore(L + q, vlog2(y + eps));
    }
    for (int q = 0; q < n; q += VW) {
      vf lp = vload(L + q);
      vf z = lp + zo;
      vf z1 = z;
      if (hs) {
        vf zb = has_base ? (vload(bA + q) * lp + vload(bB + q)) + zo : z;
        z1 = z + tone_lut(hs, zb);
      }
      vstore(D + q, (z1 - z) + tone_lut(rest, z1));
    }
    for (int q = 0; q < n; q += VW) vstore(D + q, vexp2(vload(D + q)));
  }
  for (int q = 0; q < n; q += VW) {
    vf r = vload(c->R + q), g = vload(c->G + q), b = vload(c->B + q);
    vf mRef = vmax3p(r, g, b);
    vf r1 = r * m, g1 = g * m, b1 = b * m;
    if (!curve_off) {
      /*
       * applyLogDelta with y·m and EPS·m, as one scale and offset per pixel: brightening
       * (gd ≥ 1) c·gd + EPS·m·(gd − 1) = (c + EPS·m)·gd − EPS·m; darkening c·q with
       * q = y2/(y·m), or 0. delta = 0 or NaN gives gd = 1: c unchanged.
       */
      vf gd = vload(D + q);
      vi up = gd >= 1.0f;
      vf ym = vload(Y + q) * m;
      vf y2 = (ym + epsM) * gd - epsM;
      vf qd = vand((ym > 0.0f) & (y2 > 0.0f), y2 / ym);
      vf G = vsel(up, gd, qd);
      vf H = vand(up, epsM * (gd - one));
      r1 = r1 * G + H;
      g1 = g1 * G + H;
      b1 = b1 * G + H;
    }
    protect_highlights(&r1, &g1, &b1, mRef);
    vstore(c->R + q, r1);
    vstore(c->G + q, g1);
    vstore(c->B + q, b1);
  }
}

__attribute__((noinline)) static void link_tone(TwChunk *c, const TwLink *L) {
  const int curve_off = L->i[0];
  const uint64_t *hs = curve_off || !L->ptr[1] ? 0 : TW_PTR(const uint64_t, L->ptr[1]);
  const uint64_t *rest = curve_off ? 0 : TW_PTR(const uint64_t, L->ptr[2]);
  const int has_base = L->ptr[0] != 0 || L->ptr[3] != 0;
  const float *bA = 0, *bB = 0;
  if (has_base && !curve_off) chunk_guide(c, L->ptr[3], L->ptr[0], c->A0, c->A1, &bA, &bB);
  if (curve_off) tone_run(c, 0, 0, 0, 0, L->f[0], L->f[1], 1, 0);
  else if (has_base) tone_run(c, bA, bB, hs, rest, L->f[0], L->f[1], 0, 1);
  else tone_run(c, 0, 0, hs, rest, L->f[0], L->f[1], 0, 0);
}
