/*
 * The strip runner's conversions (shared/pixel/pipeline/output.ts, geometry.ts):
 * - tw_decode_u8 / tw_decode_u16: integer code values → linear floats through the decode table
 *   (sampleExact's identity case: out[i] = lut[src[i]]);
 * - tw_linear_to_display: linear → sRGB-encoded in place through the 1/65535 table (values > 1
 *   take pow, done by the caller: their indices are returned in `big`, their count returned);
 * - tw_write_u8: display floats → 8-bit codes (clamp, ×255, round half up), and
 *   tw_write_linear_u8: linear floats → 8-bit codes through the 65536-entry fused table.
 * Each is the exact twin of the TypeScript loop (same table indexing), so results agree to the
 * float32 rounding of v·65535 (the TypeScript computes it in float64).
 */
#include "kernels.h"

EXPORT(tw_decode_u8)
void tw_decode_u8(const uint8_t *src, int n, const float *lut, float *out) {
  for (int i = 0; i < n; i++) out[i] = lut[src[i]];
}

EXPORT(tw_decode_u16)
void tw_decode_u16(const uint16_t *src, int n, const float *lut, float *out) {
  for (int i = 0; i < n; i++) out[i] = lut[src[i]];
}

#define ENC_N 65535.0f

/*
 * The table index round(c·scale + 0.5) of 4 values in [0, 1] (NaN already mapped to 0), in
 * float64 as the TypeScript computes it (in float32, c·scale + 0.5 could round across a .5).
 */
INLINE v128_t index4(f4 c, double scale) {
  const v128_t k = wasm_f64x2_splat(scale), half = wasm_f64x2_splat(0.5);
  v128_t lo = wasm_i32x4_trunc_sat_f64x2_zero(wasm_f64x2_add(wasm_f64x2_mul(wasm_f64x2_promote_low_f32x4(c), k), half));
  v128_t hi = wasm_i32x4_trunc_sat_f64x2_zero(wasm_f64x2_add(wasm_f64x2_mul(wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(c, c, 2, 3, 0, 1)), k), half));
  return wasm_i32x4_shuffle(lo, hi, 0, 1, 4, 5);
}

/* linearToDisplay of one value: ≤ 0 and NaN → 0, < 1 through the table, ≥ 1 listed in big[]. */
INLINE void to_display_one(float *data, int i, const float *tab, int32_t *big, int *nb) {
  float v = data[i];
  if (v > 0.0f) {
    if (v < 1.0f) data[i] = tab[(int32_t)((double)v * 65535.0 + 0.5)];
    else big[(*nb)++] = i;
  } else {
    data[i] = 0.0f;
  }
}

/* Returns how many values were ≥ 1 (left as they are; their indices written to big[]). */
EXPORT(tw_linear_to_display)
int tw_linear_to_display(float *data, int n, const float *tab, int32_t *big) {
  int nb = 0;
  int i = 0;
  /* Four at a time (NaN and v ≤ 0 give tab[0] = 0); a group with a value ≥ 1 one by one. */
  const f4 zero = splat(0.0f), one = splat(1.0f);
  for (; i + 4 <= n; i += 4) {
    f4 v = wasm_v128_load(data + i);
    if (wasm_v128_any_true(wasm_f32x4_ge(v, one))) {
      for (int j = i; j < i + 4; j++) to_display_one(data, j, tab, big, &nb);
      continue;
    }
    v128_t q = index4(wasm_f32x4_pmax(zero, v), ENC_N);
    data[i] = tab[wasm_i32x4_extract_lane(q, 0)];
    data[i + 1] = tab[wasm_i32x4_extract_lane(q, 1)];
    data[i + 2] = tab[wasm_i32x4_extract_lane(q, 2)];
    data[i + 3] = tab[wasm_i32x4_extract_lane(q, 3)];
  }
  for (; i < n; i++) to_display_one(data, i, tab, big, &nb);
  return nb;
}

EXPORT(tw_write_u8)
void tw_write_u8(const float *data, int n, uint8_t *out) {
  int i = 0;
  f4 zero = splat(0.0f), one = splat(1.0f);
  for (; i + 16 <= n; i += 16) {
    v128_t q[4];
    /* NaN → 0: pmax(0, v) is v only when 0 < v. */
    for (int j = 0; j < 4; j++) q[j] = index4(wasm_f32x4_pmin(one, wasm_f32x4_pmax(zero, wasm_v128_load(data + i + 4 * j))), 255.0);
    v128_t a = wasm_i16x8_narrow_i32x4(q[0], q[1]);
    v128_t b = wasm_i16x8_narrow_i32x4(q[2], q[3]);
    wasm_v128_store(out + i, wasm_u8x16_narrow_i16x8(a, b));
  }
  for (; i < n; i++) {
    float v = data[i];
    out[i] = v > 0.0f ? (v < 1.0f ? (uint8_t)(int32_t)((double)v * 255.0 + 0.5) : 255) : 0;
  }
}

EXPORT(tw_write_linear_u8)
void tw_write_linear_u8(const float *data, int n, const uint8_t *lut, uint8_t *out) {
  int i = 0;
  /* Branch-free, 4 at a time: clamping to [0, 1] first gives lut[0] = 0 for v ≤ 0 and NaN and
     lut[65535] = 255 for v ≥ 1, the scalar's two special cases. */
  const f4 zero = splat(0.0f), one = splat(1.0f);
  for (; i + 4 <= n; i += 4) {
    v128_t q = index4(wasm_f32x4_pmin(one, wasm_f32x4_pmax(zero, wasm_v128_load(data + i))), ENC_N);
    out[i] = lut[wasm_i32x4_extract_lane(q, 0)];
    out[i + 1] = lut[wasm_i32x4_extract_lane(q, 1)];
    out[i + 2] = lut[wasm_i32x4_extract_lane(q, 2)];
    out[i + 3] = lut[wasm_i32x4_extract_lane(q, 3)];
  }
  for (; i < n; i++) {
    float v = data[i];
    out[i] = v > 0.0f ? (v < 1.0f ? lut[(int32_t)((double)v * 65535.0 + 0.5)] : 255) : 0;
  }
}
