/*
 * White balance, global path (no local temperature/tint): the twin of whiteBalanceCpu in
 * shared/develop/ops/whiteBalance.ts. The 3×3 matrix f[0..8] (row-major), negatives clamped to
 * 0 (NaN kept, as the TypeScript's `if (r2 < 0) r2 = 0`), then the luminance of the input
 * restored (a pure chromaticity change).
 */
#include "chain.h"

__attribute__((noinline)) static void link_white_balance(TwChunk *c, const TwLink *L) {
  const float *m = L->f;
  const vf zero = vsplat(0.0f);
  for (int q = 0; q < c->m; q += VW) {
    vf r = vload(c->R + q), g = vload(c->G + q), b = vload(c->B + q);
    vf r2 = vmax_nan((m[0] * r + m[1] * g) + m[2] * b, zero);
    vf g2 = vmax_nan((m[3] * r + m[4] * g) + m[5] * b, zero);
    vf b2 = vmax_nan((m[6] * r + m[7] * g) + m[8] * b, zero);
    vf y = vluma(r, g, b), y2 = vluma(r2, g2, b2);
    vf k = vand((y2 > 1e-20f) & (y > 0.0f), y / y2);
    vstore(c->R + q, r2 * k);
    vstore(c->G + q, g2 * k);
    vstore(c->B + q, b2 * k);
  }
}
