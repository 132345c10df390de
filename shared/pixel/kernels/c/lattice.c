/*
 * The fused colour table's lattice (buildLut in shared/pixel/pipeline/fuse.ts), the twins of its
 * TypeScript loops, in float64 as they compute:
 * - tw_lattice: the n³ lattice colours (r fastest) then the (n − 1)³ cell centres, sRGB-encoded,
 *   as interleaved RGB floats (the ops then run on them in place);
 * - tw_lattice_flags: after the ops, a flag per cell whose centre the table (the mean of the
 *   cell's two diagonal corners) misses by more than `tol`, or over which a channel varies by
 *   more than `steep` (the caller passes STEEP cell widths): those cells are evaluated exactly.
 */
#include "simd.h"

TW_EXPORT(tw_lattice)
void tw_lattice(float *buf, int n) {
  const int n1 = n - 1;
  const double k = 1.0 / n1;
  long o = 0;
  for (int b = 0; b < n; b++)
    for (int g = 0; g < n; g++)
      for (int r = 0; r < n; r++, o += 3) {
        buf[o] = (float)(r * k);
        buf[o + 1] = (float)(g * k);
        buf[o + 2] = (float)(b * k);
      }
  for (int b = 0; b < n1; b++)
    for (int g = 0; g < n1; g++)
      for (int r = 0; r < n1; r++, o += 3) {
        buf[o] = (float)((r + 0.5) * k);
        buf[o + 1] = (float)((g + 0.5) * k);
        buf[o + 2] = (float)((b + 0.5) * k);
      }
}

TW_EXPORT(tw_lattice_flags)
void tw_lattice_flags(const float *buf, int n, double tol, double steep, uint8_t *exact) {
  const int n1 = n - 1;
  const long count = (long)n * n * n, sg = 3L * n, sb = 3L * n * n;
  const float *lut = buf, *centre = buf + 3 * count;
  long c = 0;
  for (int b = 0; b < n1; b++)
    for (int g = 0; g < n1; g++)
      for (int r = 0; r < n1; r++, c++, centre += 3) {
        const long a = b * sb + g * sg + r * 3, z = a + sb + sg + 3;
        uint8_t flag = 0;
        for (int ch = 0; ch < 3; ch++) {
          const double e = 0.5 * ((double)lut[a + ch] + (double)lut[z + ch]) - (double)centre[ch];
          if (!(__builtin_fabs(e) <= tol)) flag = 1;
          double lo = __builtin_inf(), hi = -__builtin_inf();
          for (int q = 0; q < 8; q++) {
            const double v = lut[a + ch + (q & 1 ? 3 : 0) + (q & 2 ? sg : 0) + (q & 4 ? sb : 0)];
            if (v < lo) lo = v;
            if (v > hi) hi = v;
          }
          if (!(hi - lo <= steep)) flag = 1;
        }
        exact[c] = flag;
      }
}
