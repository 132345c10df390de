/*
 * A fused colour stage (shared/pixel/pipeline/fuse.ts, applyLutStage): tetrahedral
 * interpolation in an n³ RGB table for pixels inside [0, 1]³ whose cell is not flagged exact.
 * The other pixels (outside the cube, NaN, flagged cells) are left as they are and their
 * indices written to exact_idx (the caller runs the exact ops on them); returns their count.
 * Same arithmetic order as the TypeScript (float32 here, float64 there).
 */
#include "kernels.h"

EXPORT(tw_lut3d)
int tw_lut3d(float *d, int npx, const float *lut, int n, const uint8_t *exact, int32_t *exact_idx) {
  const int n1 = n - 1, n2 = n1 - 1, sg = 3 * n, sb = 3 * n * n;
  const float fn1 = (float)n1;
  int outside = 0;
  for (int p = 0; p < npx; p++) {
    float *px = d + 3 * p;
    float r = px[0], g = px[1], b = px[2];
    if (!(r >= 0.0f && r <= 1.0f && g >= 0.0f && g <= 1.0f && b >= 0.0f && b <= 1.0f)) {
      exact_idx[outside++] = p;
      continue;
    }
    float fr = r * fn1, fg = g * fn1, fb = b * fn1;
    int ir = (int)fr, ig = (int)fg, ib = (int)fb;
    if (ir > n2) ir = n2;
    if (ig > n2) ig = n2;
    if (ib > n2) ib = n2;
    if (exact[(ib * n1 + ig) * n1 + ir]) {
      exact_idx[outside++] = p;
      continue;
    }
    float tr = fr - ir, tg = fg - ig, tb = fb - ib;
    int o = ib * sb + ig * sg + ir * 3;
    int o1, o2;
    float t1, t2, t3;
    if (tr >= tg) {
      if (tg >= tb) { o1 = o + 3; o2 = o + 3 + sg; t1 = tr; t2 = tg; t3 = tb; }
      else if (tr >= tb) { o1 = o + 3; o2 = o + 3 + sb; t1 = tr; t2 = tb; t3 = tg; }
      else { o1 = o + sb; o2 = o + sb + 3; t1 = tb; t2 = tr; t3 = tg; }
    } else if (tr >= tb) { o1 = o + sg; o2 = o + sg + 3; t1 = tg; t2 = tr; t3 = tb; }
    else if (tg >= tb) { o1 = o + sg; o2 = o + sg + sb; t1 = tg; t2 = tb; t3 = tr; }
    else { o1 = o + sb; o2 = o + sb + sg; t1 = tb; t2 = tg; t3 = tr; }
    int o3 = o + 3 + sg + sb;
    float w0 = 1.0f - t1, w1 = t1 - t2, w2 = t2 - t3;
    /* The four corners' RGB as vectors (the 4th lane is the next entry, ignored). */
    f4 c0 = wasm_v128_load(lut + o), c1 = wasm_v128_load(lut + o1), c2 = wasm_v128_load(lut + o2), c3 = wasm_v128_load(lut + o3);
    f4 v = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(splat(w0), c0), wasm_f32x4_mul(splat(w1), c1)), wasm_f32x4_mul(splat(w2), c2)),
                          wasm_f32x4_mul(splat(t3), c3));
    px[0] = wasm_f32x4_extract_lane(v, 0);
    px[1] = wasm_f32x4_extract_lane(v, 1);
    px[2] = wasm_f32x4_extract_lane(v, 2);
  }
  return outside;
}
