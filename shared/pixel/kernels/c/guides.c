/*
 * Bilinear sampling of a guide grid at an axis-aligned grid of coordinates: the twin of
 * sampleGuideGrid in shared/pixel/guides/util.ts. Like it, the interpolation runs in double
 * precision (vertical first into a row line, then horizontal), so the float32 results are the
 * same to the bit.
 *
 * grid: rows [row0, row0 + nrows) of the gw × gh × ch guide (the glue copies only the rows the
 * strip reads). xs: the normalised x of each of the `width` columns; ys: the normalised y of
 * each of the `rows` rows. out: rows × width × ch floats. Scratch: c0, c1 (width ints), ct
 * (width doubles), line (gw × ch doubles).
 */
#include "kernels.h"

typedef v128_t d2;

/* line[i] = top[i] + (bot[i] − top[i])·ty for i < n, in double. */
static void vertical(double *line, const float *top, const float *bot, int n, double ty) {
  d2 t = wasm_f64x2_splat(ty);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    f4 a = wasm_v128_load(top + i), b = wasm_v128_load(bot + i);
    d2 a0 = wasm_f64x2_promote_low_f32x4(a), b0 = wasm_f64x2_promote_low_f32x4(b);
    d2 a1 = wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(a, a, 2, 3, 2, 3));
    d2 b1 = wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(b, b, 2, 3, 2, 3));
    wasm_v128_store(line + i, wasm_f64x2_add(a0, wasm_f64x2_mul(wasm_f64x2_sub(b0, a0), t)));
    wasm_v128_store(line + i + 2, wasm_f64x2_add(a1, wasm_f64x2_mul(wasm_f64x2_sub(b1, a1), t)));
  }
  for (; i < n; i++) line[i] = (double)top[i] + ((double)bot[i] - (double)top[i]) * ty;
}

EXPORT(tw_sample_guide_grid)
void tw_sample_guide_grid(const float *grid, int gw, int gh, int ch, int row0, const float *xs, const float *ys, int width, int rows,
                          float *out, int *c0, int *c1, double *ct, double *line) {
  const int w1 = gw - 1, h1 = gh - 1, n = gw * ch;
  for (int x = 0; x < width; x++) {
    double gx = (double)xs[x] * gw - 0.5;
    gx = gx > 0 ? (gx < w1 ? gx : w1) : 0;
    int x0 = (int)gx;
    c0[x] = x0 * ch;
    c1[x] = (x0 < w1 ? x0 + 1 : w1) * ch;
    ct[x] = gx - x0;
  }
  float *o = out;
  for (int r = 0; r < rows; r++) {
    if (r == 0 || ys[r] != ys[r - 1]) {
      double gy = (double)ys[r] * gh - 0.5;
      gy = gy > 0 ? (gy < h1 ? gy : h1) : 0;
      int y0 = (int)gy;
      int y1 = y0 < h1 ? y0 + 1 : h1;
      vertical(line, grid + (y0 - row0) * n, grid + (y1 - row0) * n, n, gy - y0);
    }
    if (ch == 2) {
      int x = 0;
      for (; x + 2 <= width; x += 2, o += 4) {
        d2 l0 = wasm_v128_load(line + c0[x]), r0 = wasm_v128_load(line + c1[x]);
        d2 l1 = wasm_v128_load(line + c0[x + 1]), r1 = wasm_v128_load(line + c1[x + 1]);
        d2 v0 = wasm_f64x2_add(l0, wasm_f64x2_mul(wasm_f64x2_sub(r0, l0), wasm_f64x2_splat(ct[x])));
        d2 v1 = wasm_f64x2_add(l1, wasm_f64x2_mul(wasm_f64x2_sub(r1, l1), wasm_f64x2_splat(ct[x + 1])));
        f4 f0 = wasm_f32x4_demote_f64x2_zero(v0), f1 = wasm_f32x4_demote_f64x2_zero(v1);
        wasm_v128_store(o, wasm_i32x4_shuffle(f0, f1, 0, 1, 4, 5));
      }
      for (; x < width; x++, o += 2) {
        d2 l0 = wasm_v128_load(line + c0[x]), r0 = wasm_v128_load(line + c1[x]);
        d2 v0 = wasm_f64x2_add(l0, wasm_f64x2_mul(wasm_f64x2_sub(r0, l0), wasm_f64x2_splat(ct[x])));
        wasm_v128_store64_lane(o, wasm_f32x4_demote_f64x2_zero(v0), 0);
      }
    } else {
      for (int x = 0; x < width; x++, o += ch) {
        const double tx = ct[x];
        for (int c = 0; c < ch; c++) {
          const double l = line[c0[x] + c];
          o[c] = (float)(l + (line[c1[x] + c] - l) * tx);
        }
      }
    }
  }
}

/*
 * The log-luminance grid's accumulation (computeLogLumaRows in shared/pixel/guides/lumaGrid.ts):
 * for `rows` consecutive source rows of W interleaved RGB code values, acc[col[x]] +=
 * log2(Y + EPS), with Y = tab[r] + tab[N + g] + tab[2N + b] (tab: the per-channel luminance
 * contributions KR·lut, KG·lut, KB·lut of the decode table, N = 256 or 65536 entries). Y and its
 * log in float32 (the TypeScript sums in float64: the means differ by ~1e-7), the sums in float64.
 */
#define LOG_LUMA_BODY(T)                                                                  \
  for (int y = 0; y < rows; y++) {                                                        \
    const T *s = src + (long)y * W * 3;                                                   \
    int x = 0;                                                                            \
    for (; x + 4 <= W; x += 4, s += 12) {                                                 \
      f4 v = wasm_f32x4_make(tr[s[0]] + tg[s[1]] + tb[s[2]], tr[s[3]] + tg[s[4]] + tb[s[5]], \
                             tr[s[6]] + tg[s[7]] + tb[s[8]], tr[s[9]] + tg[s[10]] + tb[s[11]]); \
      f4 l = log2_4(wasm_f32x4_add(v, splat(TW_EPS)));                                    \
      acc[col[x]] += wasm_f32x4_extract_lane(l, 0);                                       \
      acc[col[x + 1]] += wasm_f32x4_extract_lane(l, 1);                                   \
      acc[col[x + 2]] += wasm_f32x4_extract_lane(l, 2);                                   \
      acc[col[x + 3]] += wasm_f32x4_extract_lane(l, 3);                                   \
    }                                                                                     \
    for (; x < W; x++, s += 3) {                                                          \
      f4 l = log2_4(splat(tr[s[0]] + tg[s[1]] + tb[s[2]] + TW_EPS));                      \
      acc[col[x]] += wasm_f32x4_extract_lane(l, 0);                                       \
    }                                                                                     \
  }

EXPORT(tw_log_luma_u8)
void tw_log_luma_u8(const uint8_t *src, int W, int rows, const float *tab, const int32_t *col, double *acc) {
  const float *tr = tab, *tg = tab + 256, *tb = tab + 512;
  LOG_LUMA_BODY(uint8_t)
}

EXPORT(tw_log_luma_u16)
void tw_log_luma_u16(const uint16_t *src, int W, int rows, const float *tab, const int32_t *col, double *acc) {
  const float *tr = tab, *tg = tab + 65536, *tb = tab + 131072;
  LOG_LUMA_BODY(uint16_t)
}
