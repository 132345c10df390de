/*
 * Post-crop vignette (shared/develop/ops/vignette.ts, vignetteCpu): the gain at
 * q = col[x] + rowQ[y] from the 1D table (linear interpolation), applied as a darkening
 * multiply (with highlight protection) or a lightening shoulder x·g / (1 + (g − 1)·x).
 * Pixels whose gain is exactly 1 go through the same formulas, which give them back unchanged.
 *
 * ptr[0]: |u·sx|^p per output column; ptr[1]: the row term per strip row; ptr[2]: the gain
 * table. i[0]: table entries; i[1]: darken (amount < 0). f[0]: entries per unit of q;
 * f[1]: highlights (0..1).
 */
#include "chain.h"

VINLINE vf shoulder(vf v, vf g, vf g1) { return vsel(v < 1.0f, (v * g) / (1.0f + g1 * v), v); }

__attribute__((noinline)) static void link_vignette(TwChunk *c, const TwLink *L) {
  const float *col = TW_PTR(const float, L->ptr[0]) + c->x0;
  const float rq = TW_PTR(const float, L->ptr[1])[c->y];
  const float *gain = TW_PTR(const float, L->ptr[2]);
  const int n1 = L->i[0] - 1, darken = L->i[1];
  const float fn1 = (float)n1, hl = L->f[1];
  const vf vti = vsplat(L->f[0]), vrq = vsplat(rq), vfn1 = vsplat(fn1), one = vsplat(1.0f), half = vsplat(0.5f), zero = vsplat(0.0f);
  chunk_ones(col, c->m, c->A0);
  for (int q = 0; q < c->m; q += VW) {
    vf f = (vload(c->A0 + q) + vrq) * vti;
    f = vsel(f > vfn1, vfn1, f);
    vi j = vtrunc(f);
    vi j1 = j + 1;
    j1 = visel(j1 > n1, visplat(n1), j1);
    vf g0 = vgather(gain, j), g1v = vgather(gain, j1);
    /* At j = n1 the scalar takes gain[n1]: here g1 = g0 and f − j = 0, the same value. */
    vf g = g0 + (g1v - g0) * (f - vcvt(j));
    vf r = vload(c->R + q), gg = vload(c->G + q), b = vload(c->B + q);
    if (darken) {
      vf k = g;
      if (hl > 0.0f) {
        vf luma = vluma(r, gg, b);
        vf t = vsel(luma <= half, zero, vsel(luma >= one, one, (luma - half) * 2.0f));
        vf w = ((((one - g) * hl) * t) * t) * (3.0f - 2.0f * t);
        k = g + w;
      }
      vstore(c->R + q, r * k);
      vstore(c->G + q, gg * k);
      vstore(c->B + q, b * k);
    } else {
      vf gm1 = g - one;
      vstore(c->R + q, shoulder(r, g, gm1));
      vstore(c->G + q, shoulder(gg, g, gm1));
      vstore(c->B + q, shoulder(b, g, gm1));
    }
  }
}
