/*
 * Vibrance and Saturation (shared/develop/ops/color.ts, the twin of colorCpu without a local
 * saturation), on sRGB-encoded pixels: OkLab chroma × (1 + s), × (1 + v·(1 − u)²·p(h)) for
 * vibrance (u the pixel's gamut fraction, p the skin protection table at its hue for v > 0),
 * back through the soft gamut compression. Near-neutral pixels (chroma² < 1e-14) are kept.
 *
 * ptr[0]: protection table, i[0] entries. f[0]: saturation s (−1..2), f[1]: vibrance v (−1..1),
 * f[2]: the vibrance gain for v > 0.
 */
#include "oklab.h"

__attribute__((noinline)) static void link_color(TwChunk *c, const TwLink *L) {
  const float *protect = TW_PTR(const float, L->ptr[0]);
  const int n1 = L->i[0] - 1;
  const float s = L->f[0], vib = L->f[1], gain = L->f[2];
  if (s == 0.0f && vib == 0.0f) return;
  const vf one = vsplat(1.0f), zero = vsplat(0.0f);
  for (int q = 0; q < c->m; q += VW) {
    vf R = vload(c->R + q), G = vload(c->G + q), B = vload(c->B + q);
    vf r = ok_decode(R), g = ok_decode(G), b = ok_decode(B);
    vf l, A, Bb;
    ok_lab(r, g, b, &l, &A, &Bb);
    vi live = ~(A * A + Bb * Bb < 1e-14f);
    if (!vany(live)) continue;
    vf hi = vmax_nan(vmax_nan(one, r), vmax_nan(g, b));
    vf uIn = ok_gamut_fraction(r, g, b, l * l * l, hi);
    vf k = vsplat(1.0f + s);
    if (vib != 0.0f) {
      vf qq = vsel(uIn < 1.0f, one - uIn, zero);
      vf v = vib * qq * qq;
      if (vib > 0.0f) {
        v = v * gain;
        vi j;
        vf t;
        ok_hue_index(ok_diamond(A, Bb), n1, &j, &t);
        vf p0 = vgather(protect, j);
        v = v * (p0 + (vgather(protect, j + 1) - p0) * t);
      }
      k = k * (one + v);
    }
    vf r2, g2, b2;
    ok_linear_soft(l, A * k, Bb * k, uIn, hi, &r2, &g2, &b2);
    vstore(c->R + q, vsel(live, ok_encode(r2), R));
    vstore(c->G + q, vsel(live, ok_encode(g2), G));
    vstore(c->B + q, vsel(live, ok_encode(b2), B));
  }
}
