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
#include "simd.h"

/* line[i] = top[i] + (bot[i] − top[i])·ty for i < n, in double. */
static void vertical(double *line, const float *top, const float *bot, int n, double ty) {
  int i = 0;
  for (; i + VW <= n; i += VW) {
    vd a = vpromote(vload(top + i)), b = vpromote(vload(bot + i));
    vd v = a + (b - a) * ty;
    __builtin_memcpy(line + i, &v, sizeof v);
  }
  for (; i < n; i++) line[i] = (double)top[i] + ((double)bot[i] - (double)top[i]) * ty;
}

TW_EXPORT(tw_sample_guide_grid)
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
      /*
       * Column by column of the grid: over the run of pixels between two grid columns, the
       * value is l + (r − l)·t with l and r − l the same for the whole run, t per pixel. Whole
       * vectors run on past the run's end (the next run overwrites those lanes), except at the
       * row's end.
       */
      for (int x = 0; x < width;) {
        const int cell = c0[x];
        int xe = x + 1;
        while (xe < width && c0[xe] == cell) xe++;
        const double la = line[cell], lb = line[cell + 1];
        const double sa = line[c1[x]] - la, sb = line[c1[x] + 1] - lb;
        int j = x;
        for (; j < xe && j + VW <= width; j += VW) {
          vd t;
          __builtin_memcpy(&t, ct + j, sizeof t);
          vf a = vdemote(la + sa * t), b = vdemote(lb + sb * t);
          vstore_pairs(o + 2 * j, a, b);
        }
        for (; j < xe; j++) {
          o[2 * j] = (float)(la + sa * ct[j]);
          o[2 * j + 1] = (float)(lb + sb * ct[j]);
        }
        x = xe;
      }
      o += 2 * width;
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
 * One row of the log-luminance grid (computeLogLumaRows in shared/pixel/guides/lumaGrid.ts):
 * for `rows` consecutive source rows of W interleaved RGB code values (the rows of that grid
 * row), acc[col[x]] += log2(Y + EPS) over acc's w columns (zeroed first), with Y = tab[r] + tab[N + g] + tab[2N + b] (tab: the per-channel
 * luminance contributions KR·lut, KG·lut, KB·lut of the decode table, N = 256 or 65536 entries).
 * Y and its log in float32 (the TypeScript sums in float64: the means differ by ~1e-7). The
 * logs are first summed down each column (float64 lanes, no dependency between columns), then
 * each column's sum is added to its grid column once — not once per pixel, where consecutive
 * pixels of one grid column would wait on each other's additions. Then the row's means:
 * out[i] = acc[i] / (perCol[i] · rows) (float64, rounded once), log2(EPS) = −10 for an empty cell.
 */
#define LOG_EPS (1.0f / 1024.0f)
#define LOG_PIECE 256
/*
 * Y of VW pixels at s into yv. On the AVX builds, 8-bit codes are split into channels by byte
 * permutes of one 64-byte read (AVX-512 VBMI) or gathered as 32-bit words each reading 3 bytes
 * past its value: only while those reads lie before `end` (else lane by lane). The sums keep
 * the scalar order, (R + G) + B, so the results are the same to the bit.
 */
#if defined(__AVX512VBMI__) && VW == 16
#define LOG_LUMA_Y(T)                                                                                                     \
  if (sizeof(T) == 1 && s + 64 <= end) {                                                                                 \
    vi r8, g8, b8;                                                                                                        \
    vload_rgb_u8((const uint8_t *)s, &r8, &g8, &b8);                                                                      \
    vstore(yv, (vgather(tr, r8) + vgather(tg, g8)) + vgather(tb, b8));                                                    \
  } else                                                                                                                  \
    for (int j = 0; j < VW; j++) yv[j] = tr[s[3 * j]] + tg[s[3 * j + 1]] + tb[s[3 * j + 2]];
#elif (defined(__AVX512F__) && VW == 16) || (defined(__AVX2__) && VW == 8)
#define LOG_LUMA_Y(T)                                                                                                     \
  if (sizeof(T) == 1 && s + 3 * VW + 3 <= end) {                                                                         \
    const uint8_t *b8 = (const uint8_t *)s;                                                                              \
    vi i3;                                                                                                                \
    for (int j = 0; j < VW; j++) i3[j] = 3 * j;                                                                          \
    vstore(yv, (vgather(tr, vgather_u8(b8, i3)) + vgather(tg, vgather_u8(b8 + 1, i3))) + vgather(tb, vgather_u8(b8 + 2, i3))); \
  } else                                                                                                                  \
    for (int j = 0; j < VW; j++) yv[j] = tr[s[3 * j]] + tg[s[3 * j + 1]] + tb[s[3 * j + 2]];
#else
#define LOG_LUMA_Y(T) for (int j = 0; j < VW; j++) yv[j] = tr[s[3 * j]] + tg[s[3 * j + 1]] + tb[s[3 * j + 2]];
#endif

#define LOG_LUMA_BODY(T)                                                                      \
  const T *end = src + (long)W * rows * 3;                                                    \
  (void)end;                                                                                  \
  for (int i = 0; i < w; i++) acc[i] = 0;                                                     \
  float yv[VW];                                                                               \
  double colsum[LOG_PIECE] __attribute__((aligned(64)));                                      \
  for (int x0 = 0; x0 < W; x0 += LOG_PIECE) {                                                 \
    const int n = W - x0 < LOG_PIECE ? W - x0 : LOG_PIECE;                                    \
    for (int j = 0; j < n; j++) colsum[j] = 0;                                                \
    for (int y = 0; y < rows; y++) {                                                          \
      const T *s = src + ((long)y * W + x0) * 3;                                              \
      int x = 0;                                                                              \
      for (; x + VW <= n; x += VW, s += 3 * VW) {                                             \
        LOG_LUMA_Y(T)                                                                 \
        vd l = vpromote(vlog2(vload(yv) + LOG_EPS));                                          \
        vd c;                                                                                 \
        __builtin_memcpy(&c, colsum + x, sizeof c);                                           \
        c = c + l;                                                                            \
        __builtin_memcpy(colsum + x, &c, sizeof c);                                           \
      }                                                                                       \
      for (; x < n; x++, s += 3) {                                                            \
        vf l = vlog2(vsplat(tr[s[0]] + tg[s[1]] + tb[s[2]] + LOG_EPS));                       \
        colsum[x] += l[0];                                                                    \
      }                                                                                       \
    }                                                                                         \
    for (int j = 0; j < n; j++) acc[col[x0 + j]] += colsum[j];                                \
  }                                                                                           \
  for (int i = 0; i < w; i++) out[i] = rows > 0 && perCol[i] > 0 ? (float)(acc[i] / (perCol[i] * rows)) : -10.0f;

TW_EXPORT(tw_log_luma_u8)
void tw_log_luma_u8(const uint8_t *src, int W, int rows, const float *tab, const int32_t *col, double *acc, const double *perCol, int w, float *out) {
  const float *tr = tab, *tg = tab + 256, *tb = tab + 512;
  LOG_LUMA_BODY(uint8_t)
}

TW_EXPORT(tw_log_luma_u16)
void tw_log_luma_u16(const uint16_t *src, int W, int rows, const float *tab, const int32_t *col, double *acc, const double *perCol, int w, float *out) {
  const float *tr = tab, *tg = tab + 65536, *tb = tab + 131072;
  LOG_LUMA_BODY(uint16_t)
}
