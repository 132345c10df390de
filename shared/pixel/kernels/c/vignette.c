/*
 * Post-crop vignette (shared/develop/ops/vignette.ts, vignetteCpu): the gain at
 * q = col[x] + rowQ[y] from the 1D table (linear interpolation), applied as a darkening
 * multiply (with highlight protection) or a lightening shoulder x·g / (1 + (g − 1)·x).
 */
#include "kernels.h"

/* The gain at table position f (clamped to the last entry), 4 lanes: gain[j] + (gain[j+1] − gain[j])·(f − j). */
INLINE f4 gain4(f4 f, const float *gain, int n1) {
  v128_t j = wasm_i32x4_trunc_sat_f32x4(f);
  v128_t j1 = wasm_i32x4_min(wasm_i32x4_add(j, wasm_i32x4_splat(1)), wasm_i32x4_splat(n1));
  f4 g0 = wasm_f32x4_make(gain[wasm_i32x4_extract_lane(j, 0)], gain[wasm_i32x4_extract_lane(j, 1)], gain[wasm_i32x4_extract_lane(j, 2)], gain[wasm_i32x4_extract_lane(j, 3)]);
  f4 g1 = wasm_f32x4_make(gain[wasm_i32x4_extract_lane(j1, 0)], gain[wasm_i32x4_extract_lane(j1, 1)], gain[wasm_i32x4_extract_lane(j1, 2)], gain[wasm_i32x4_extract_lane(j1, 3)]);
  /* At j = n1 the scalar takes gain[n1]: here g1 = g0 and f − j = 0, the same value. */
  return wasm_f32x4_add(g0, wasm_f32x4_mul(wasm_f32x4_sub(g1, g0), wasm_f32x4_sub(f, wasm_f32x4_convert_i32x4(j))));
}

/* The scalar's lighten shoulder per channel: v < 1 ? v·g / (1 + (g − 1)·v) : v. */
INLINE f4 shoulder4(f4 v, f4 g, f4 g1) {
  return sel(wasm_f32x4_lt(v, splat(1.0f)), wasm_f32x4_div(wasm_f32x4_mul(v, g), wasm_f32x4_add(splat(1.0f), wasm_f32x4_mul(g1, v))), v);
}

/*
 * Four pixels at a time. The scalar skips pixels whose gain is exactly 1; here they go through
 * the same formulas, which give them back unchanged (k = 1; v·1 / (1 + 0·v) = v).
 */
EXPORT(tw_vignette)
void tw_vignette(float *d, int width, int rows, const float *col, const float *row_q, const float *gain, int ngain, float to_index,
                 int darken, float highlights) {
  const int n1 = ngain - 1;
  const float fn1 = (float)n1;
  const f4 vfn1 = splat(fn1), vti = splat(to_index), one = splat(1.0f), half = splat(0.5f), zero = splat(0.0f), vh = splat(highlights);
  for (int y = 0; y < rows; y++) {
    const float rq = row_q[y];
    const f4 vrq = splat(rq);
    float *p = d + (long)y * width * 3;
    int x = 0;
    for (; x + 4 <= width; x += 4, p += 12) {
      f4 f = wasm_f32x4_mul(wasm_f32x4_add(wasm_v128_load(col + x), vrq), vti);
      f = sel(wasm_f32x4_gt(f, vfn1), vfn1, f);
      f4 g = gain4(f, gain, n1);
      f4 r, gg, b;
      load_rgb4(p, &r, &gg, &b);
      if (darken) {
        f4 k = g;
        if (highlights > 0.0f) {
          f4 luma = luma4(r, gg, b);
          f4 t = sel(wasm_f32x4_le(luma, half), zero, sel(wasm_f32x4_ge(luma, one), one, wasm_f32x4_mul(wasm_f32x4_sub(luma, half), splat(2.0f))));
          f4 w = wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_sub(one, g), vh), t), t), wasm_f32x4_sub(splat(3.0f), wasm_f32x4_mul(splat(2.0f), t)));
          k = wasm_f32x4_add(g, w);
        }
        store_rgb4(p, wasm_f32x4_mul(r, k), wasm_f32x4_mul(gg, k), wasm_f32x4_mul(b, k));
      } else {
        f4 g1 = wasm_f32x4_sub(g, one);
        store_rgb4(p, shoulder4(r, g, g1), shoulder4(gg, g, g1), shoulder4(b, g, g1));
      }
    }
    for (; x < width; x++, p += 3) {
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
