/*
 * White balance, global path (no local temperature/tint): the twin of whiteBalanceCpu in
 * shared/develop/ops/whiteBalance.ts. The 3×3 matrix m (row-major), negatives clamped to 0, then
 * the luminance of the input restored (a pure chromaticity change).
 */
#include "kernels.h"

EXPORT(tw_white_balance)
void tw_white_balance(float *data, int n, const float *m) {
  f4 m0 = splat(m[0]), m1 = splat(m[1]), m2 = splat(m[2]);
  f4 m3 = splat(m[3]), m4 = splat(m[4]), m5 = splat(m[5]);
  f4 m6 = splat(m[6]), m7 = splat(m[7]), m8 = splat(m[8]);
  f4 zero = splat(0.0f);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    float *p = data + 3 * i;
    f4 r, g, b;
    load_rgb4(p, &r, &g, &b);
    f4 r2 = wasm_f32x4_max(wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(m0, r), wasm_f32x4_mul(m1, g)), wasm_f32x4_mul(m2, b)), zero);
    f4 g2 = wasm_f32x4_max(wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(m3, r), wasm_f32x4_mul(m4, g)), wasm_f32x4_mul(m5, b)), zero);
    f4 b2 = wasm_f32x4_max(wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(m6, r), wasm_f32x4_mul(m7, g)), wasm_f32x4_mul(m8, b)), zero);
    f4 y = luma4(r, g, b);
    f4 y2 = luma4(r2, g2, b2);
    f4 ok = wasm_v128_and(wasm_f32x4_gt(y2, splat(1e-20f)), wasm_f32x4_gt(y, zero));
    f4 k = wasm_v128_and(ok, wasm_f32x4_div(y, y2));
    store_rgb4(p, wasm_f32x4_mul(r2, k), wasm_f32x4_mul(g2, k), wasm_f32x4_mul(b2, k));
  }
  for (; i < n; i++) {
    float *p = data + 3 * i;
    float r = p[0], g = p[1], b = p[2];
    float r2 = maxf(m[0] * r + m[1] * g + m[2] * b, 0.0f);
    float g2 = maxf(m[3] * r + m[4] * g + m[5] * b, 0.0f);
    float b2 = maxf(m[6] * r + m[7] * g + m[8] * b, 0.0f);
    float y = lumaf(r, g, b), y2 = lumaf(r2, g2, b2);
    float k = y2 > 1e-20f && y > 0.0f ? y / y2 : 0.0f;
    p[0] = r2 * k;
    p[1] = g2 * k;
    p[2] = b2 * k;
  }
}
