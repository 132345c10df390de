/*
 * The strip runner's conversions (shared/pixel/pipeline/output.ts, geometry.ts):
 * - tw_decode_u8 / tw_decode_u16: integer code values → linear floats through the decode table
 *   (sampleExact's identity case: out[i] = lut[src[i]]);
 * - tw_write_u8: display floats → 8-bit codes (clamp, ×255, round half up), and
 *   tw_write_linear_u8: linear floats → 8-bit codes through the 65536-entry fused table.
 * Each is the exact twin of the TypeScript loop (same table indexing in float64).
 */
#include "simd.h"

typedef uint8_t vb __attribute__((vector_size(VW)));

TW_EXPORT(tw_decode_u8)
void tw_decode_u8(const uint8_t *src, int n, const float *lut, float *out) {
  int i = 0;
  for (; i + VW <= n; i += VW) {
    vb b;
    __builtin_memcpy(&b, src + i, sizeof b);
    vstore(out + i, vgather(lut, __builtin_convertvector(b, vi)));
  }
  for (; i < n; i++) out[i] = lut[src[i]];
}

TW_EXPORT(tw_decode_u16)
void tw_decode_u16(const uint16_t *src, int n, const float *lut, float *out) {
  for (int i = 0; i < n; i++) out[i] = lut[src[i]];
}

/* The 8-bit codes of VW lanes already in 0..255. */
VINLINE void store_codes(uint8_t *out, vi q) {
  vb b = __builtin_convertvector(q, vb);
  __builtin_memcpy(out, &b, sizeof b);
}

TW_EXPORT(tw_write_u8)
void tw_write_u8(const float *data, int n, uint8_t *out) {
  int i = 0;
  const vf zero = vsplat(0.0f), one = vsplat(1.0f);
  /* NaN → 0: pmax(0, v) is v only when 0 < v. */
  for (; i + VW <= n; i += VW) store_codes(out + i, vindex_f64(vpmin(vpmax(zero, vload(data + i)), one), 255.0));
  for (; i < n; i++) {
    float v = data[i];
    out[i] = v > 0.0f ? (v < 1.0f ? (uint8_t)(int32_t)((double)v * 255.0 + 0.5) : 255) : 0;
  }
}

TW_EXPORT(tw_write_linear_u8)
void tw_write_linear_u8(const float *data, int n, const uint8_t *lut, uint8_t *out) {
  int i = 0;
  /* Clamping to [0, 1] first gives lut[0] = 0 for v ≤ 0 and NaN and lut[65535] = 255 for v ≥ 1,
     the scalar's two special cases. */
  const vf zero = vsplat(0.0f), one = vsplat(1.0f);
  for (; i + VW <= n; i += VW) {
    vi q = vindex_f64(vpmin(vpmax(zero, vload(data + i)), one), 65535.0);
    for (int j = 0; j < VW; j++) out[i + j] = lut[q[j]];
  }
  for (; i < n; i++) {
    float v = data[i];
    out[i] = v > 0.0f ? (v < 1.0f ? lut[(int32_t)((double)v * 65535.0 + 0.5)] : 255) : 0;
  }
}
