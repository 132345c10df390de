/*
 * A tone curve per channel (shared/develop/ops/parametricCurve.ts and pointCurve.ts, the twins
 * of their cpu kernels): each sRGB-encoded channel through a 1D table (linear interpolation),
 * ≥ 1 continued with slope 1 from the table's top, ≤ 0 and NaN to its first entry.
 *
 * ptr[0]: the table, i[0] entries of i[1] channels interleaved (1: one curve for R, G and B;
 * 3: one per channel).
 */
#include "chain.h"

VINLINE vf curve_one(vf x, const float *lut, int n1, int stride, int c) {
  vf f = x * (float)n1;
  vi j = vtrunc(f);
  j = visel(j > n1 - 1, visplat(n1 - 1), visel(j < 0, visplat(0), j));
  vi at = j * stride + c;
  vf a = vgather(lut, at), b = vgather(lut, at + stride);
  vf v = a + (b - a) * (f - vcvt(j));
  v = vsel(x >= 1.0f, lut[n1 * stride + c] + (x - 1.0f), v);
  return vsel(x > 0.0f, v, vsplat(lut[c]));
}

__attribute__((noinline)) static void link_curve(TwChunk *c, const TwLink *L) {
  const float *lut = TW_PTR(const float, L->ptr[0]);
  const int n1 = L->i[0] - 1, st = L->i[1] == 3 ? 3 : 1;
  const int cg = st == 3 ? 1 : 0, cb = st == 3 ? 2 : 0;
  for (int q = 0; q < c->m; q += VW) {
    vstore(c->R + q, curve_one(vload(c->R + q), lut, n1, st, 0));
    vstore(c->G + q, curve_one(vload(c->G + q), lut, n1, st, cg));
    vstore(c->B + q, curve_one(vload(c->B + q), lut, n1, st, cb));
  }
}
