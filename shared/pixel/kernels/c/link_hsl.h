/*
 * HSL / Color Mixer (shared/develop/ops/hsl.ts, the twin of hslCpu), on sRGB-encoded pixels:
 * OkLab of the pixel; the hue tables at its diamond hue give the rotation (cos, sin), the chroma
 * factor and the luminance amount; the new colour back through the soft gamut compression.
 * Near-neutral pixels (chroma² < 1e-14) and pixels at a hue the tables leave alone are kept.
 *
 * ptr[0]: rotation table (cos, sin, chroma factor per entry), ptr[1]: luminance table,
 * i[0] entries each. f[0]: 1 / the chroma below which luminance changes fade out.
 */
#include "oklab.h"

VINLINE vf hue_at(const float *tab, vi at, int stride, vf t) {
  vf a = vgather(tab, at);
  return a + (vgather(tab, at + stride) - a) * t;
}

__attribute__((noinline)) static void link_hsl(TwChunk *c, const TwLink *L) {
  const float *rot = TW_PTR(const float, L->ptr[0]);
  const float *lum = TW_PTR(const float, L->ptr[1]);
  const int n1 = L->i[0] - 1;
  const float invNeutral = L->f[0];
  const vf one = vsplat(1.0f);
  for (int q = 0; q < c->m; q += VW) {
    vf R = vload(c->R + q), G = vload(c->G + q), B = vload(c->B + q);
    vf r = ok_decode(R), g = ok_decode(G), b = ok_decode(B);
    vf l, A, Bb;
    ok_lab(r, g, b, &l, &A, &Bb);
    vf c2 = A * A + Bb * Bb;
    vi live = ~(c2 < 1e-14f);
    if (!vany(live)) continue;
    vi j;
    vf t;
    ok_hue_index(ok_diamond(A, Bb), n1, &j, &t);
    vi j3 = j * 3;
    vf cs = hue_at(rot, j3, 3, t), sn = hue_at(rot, j3 + 1, 3, t), sf = hue_at(rot, j3 + 2, 3, t);
    vf la = hue_at(lum, j, 1, t);
    live = live & ~((la == 0.0f) & (sn == 0.0f) & (cs == 1.0f) & (sf == 1.0f));
    if (!vany(live)) continue;
    vf a2 = (A * cs - Bb * sn) * sf, b2 = (A * sn + Bb * cs) * sf;
    vf u = vsqrt(c2) * invNeutral;
    vf gate = vsel(u >= 1.0f, one, u * u * (3.0f - 2.0f * u));
    vi lm = (la != 0.0f) & (l > 0.0f) & (l < 1.0f);
    vf l2 = vsel(lm, l + la * gate * l * (one - l), l);
    vf hi = vmax_nan(vmax_nan(one, r), vmax_nan(g, b));
    vf uIn = ok_gamut_fraction(r, g, b, l * l * l, hi);
    vf r2, g2, b2c;
    ok_linear_soft(l2, a2, b2, uIn, hi, &r2, &g2, &b2c);
    vstore(c->R + q, vsel(live, ok_encode(r2), R));
    vstore(c->G + q, vsel(live, ok_encode(g2), G));
    vstore(c->B + q, vsel(live, ok_encode(b2c), B));
  }
}
