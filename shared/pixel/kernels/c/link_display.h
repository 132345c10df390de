/*
 * Linear → display (sRGB-encoded), the runner's step between the linear and the display ops
 * (linearToDisplay in shared/pixel/pipeline/output.ts): ≤ 0 and NaN → 0; below 1 the 1/65535
 * table ptr[0] (index round(v·65535) in float64, as the TypeScript computes it); from 1 up the
 * sRGB formula 1.055·v^(1/2.4) − 0.055 (the TypeScript's Math.pow, here 2^(log2 v / 2.4):
 * relative error < 1e-6; 1 itself through the table, exactly).
 */
#include "chain.h"

VINLINE vf display_one(vf v, const float *tab) {
  const vf zero = vsplat(0.0f);
  vf c = vpmin(vpmax(zero, v), vsplat(1.0f)); /* NaN → 0 */
  vi idx = vindex_f64(c, 65535.0);
  vf lo = vgather(tab, idx);
  vi big = v > 1.0f;
  if (vany(big)) {
    vf hi = vdemote(vpromote(vexp2(vlog2(v) * (1.0f / 2.4f))) * 1.055 - 0.055);
    lo = vsel(big, vsel(v == __builtin_inff(), v, hi), lo);
  }
  return lo;
}

__attribute__((noinline)) static void link_display(TwChunk *c, const TwLink *L) {
  const float *tab = TW_PTR(const float, L->ptr[0]);
  for (int q = 0; q < c->m; q += VW) {
    vstore(c->R + q, display_one(vload(c->R + q), tab));
    vstore(c->G + q, display_one(vload(c->G + q), tab));
    vstore(c->B + q, display_one(vload(c->B + q), tab));
  }
}
