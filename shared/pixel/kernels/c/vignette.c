/*
 * Post-crop vignette (shared/develop/ops/vignette.ts, vignetteCpu): the gain at
 * q = col[x] + rowQ[y] from the 1D table (linear interpolation), applied as a darkening
 * multiply (with highlight protection) or a lightening shoulder x·g / (1 + (g − 1)·x).
 */
#include "kernels.h"

EXPORT(tw_vignette)
void tw_vignette(float *d, int width, int rows, const float *col, const float *row_q, const float *gain, int ngain, float to_index,
                 int darken, float highlights) {
  const int n1 = ngain - 1;
  const float fn1 = (float)n1;
  for (int y = 0; y < rows; y++) {
    const float rq = row_q[y];
    float *p = d + (long)y * width * 3;
    for (int x = 0; x < width; x++, p += 3) {
      float f = (col[x] + rq) * to_index;
      if (f > fn1) f = fn1;
      int j = (int)f;
      float g = j >= n1 ? gain[n1] : gain[j] + (gain[j + 1] - gain[j]) * (f - j);
      if (g == 1.0f) continue;
      float r = p[0], gg = p[1], b = p[2];
      if (darken) {
        float k = g;
        if (highlights > 0.0f) {
          float luma = 0.2126f * r + 0.7152f * gg + 0.0722f * b;
          float t = luma <= 0.5f ? 0.0f : luma >= 1.0f ? 1.0f : (luma - 0.5f) * 2.0f;
          k = g + (1.0f - g) * highlights * t * t * (3.0f - 2.0f * t);
        }
        p[0] = r * k;
        p[1] = gg * k;
        p[2] = b * k;
      } else {
        float g1 = g - 1.0f;
        p[0] = r < 1.0f ? (r * g) / (1.0f + g1 * r) : r;
        p[1] = gg < 1.0f ? (gg * g) / (1.0f + g1 * gg) : gg;
        p[2] = b < 1.0f ? (b * g) / (1.0f + g1 * b) : b;
      }
    }
  }
}
