/*
 * tw_chain: runs a list of links (chain.h) over `rows` rows of `width` interleaved RGB pixels
 * in place, CHUNK pixels at a time: each chunk is split into planar R, G, B once, goes through
 * every link, and is interleaved back once. `y0` is the strip row of data's first row (the
 * links' per-row inputs are indexed from the strip's first row). Returns how many pixels a link
 * left for exact evaluation, their strip indices written to `exact` (room for width·rows).
 */
#include "chain.h"
#include "link_color.h"
#include "link_curve.h"
#include "link_display.h"
#include "link_hsl.h"
#include "link_lut3d.h"
#include "link_presence.h"
#include "link_tone.h"
#include "link_vignette.h"
#include "link_white_balance.h"

__attribute__((noinline)) static void chunk_in(TwChunk *c, const float *p) {
  int j = 0;
  for (; j + VW <= c->m; j += VW) {
    vf r, g, b;
    vload_rgb(p + 3 * j, &r, &g, &b);
    vstore(c->R + j, r);
    vstore(c->G + j, g);
    vstore(c->B + j, b);
  }
  for (; j < c->m; j++) {
    c->R[j] = p[3 * j];
    c->G[j] = p[3 * j + 1];
    c->B[j] = p[3 * j + 2];
  }
  for (; j < CHUNK; j++) c->R[j] = c->G[j] = c->B[j] = 0.0f;
}

/*
 * The chunk's m pixels straight from the integer source (interleaved codes at p) through the
 * decode table: sampleExact's identity case fused into the chain, so the strip is not first
 * written as floats and read back. Whole vectors of 8-bit codes are split into channels by byte
 * permutes of 64-byte reads (AVX-512 VBMI) or gathered as 32-bit words (reading up to 3 bytes
 * past each pixel): only while those reads lie before `end`.
 */
/* Lanes 0, 3, 6, …: the offsets of VW interleaved RGB pixels' first values. */
VINLINE vi vindex3(void) {
  vi r;
  for (int j = 0; j < VW; j++) r[j] = 3 * j;
  return r;
}

__attribute__((noinline)) static void chunk_in_src(TwChunk *c, const void *p, int bits, const float *lut, const uint8_t *end) {
  int j = 0;
  if (bits == 8) {
    const uint8_t *s = p;
    const vi lane3 = vindex3();
#if defined(__AVX512VBMI__) && VW == 16
    /* 16 pixels' codes split into R, G and B by byte permutes of one 64-byte read. */
    for (; j + VW <= c->m && s + 3 * j + 64 <= end; j += VW) {
      vi r, g, b;
      vload_rgb_u8(s + 3 * j, &r, &g, &b);
      vstore(c->R + j, vgather(lut, r));
      vstore(c->G + j, vgather(lut, g));
      vstore(c->B + j, vgather(lut, b));
    }
#endif
    for (; j + VW <= c->m && s + 3 * (j + VW) + 3 <= end; j += VW) {
      const uint8_t *q = s + 3 * j;
      vstore(c->R + j, vgather(lut, vgather_u8(q, lane3)));
      vstore(c->G + j, vgather(lut, vgather_u8(q + 1, lane3)));
      vstore(c->B + j, vgather(lut, vgather_u8(q + 2, lane3)));
    }
    for (; j < c->m; j++) {
      c->R[j] = lut[s[3 * j]];
      c->G[j] = lut[s[3 * j + 1]];
      c->B[j] = lut[s[3 * j + 2]];
    }
  } else {
    const uint16_t *s = p;
    for (; j < c->m; j++) {
      c->R[j] = lut[s[3 * j]];
      c->G[j] = lut[s[3 * j + 1]];
      c->B[j] = lut[s[3 * j + 2]];
    }
  }
  for (; j < CHUNK; j++) c->R[j] = c->G[j] = c->B[j] = 0.0f;
}

__attribute__((noinline)) static void chunk_out(const TwChunk *c, float *p) {
  int j = 0;
  for (; j + VW <= c->m; j += VW) vstore_rgb(p + 3 * j, vload(c->R + j), vload(c->G + j), vload(c->B + j));
  for (; j < c->m; j++) {
    p[3 * j] = c->R[j];
    p[3 * j + 1] = c->G[j];
    p[3 * j + 2] = c->B[j];
  }
}

/* A guide's columns: the fraction of each within its grid cell, and the runs of columns per cell. */
static void guide_columns(TwGuide *g) {
  const float *xs = TW_PTR(const float, g->xs);
  float *ct = TW_PTR(float, g->ct);
  int32_t *spans = TW_PTR(int32_t, g->spans);
  const int gw = g->gw, w1 = gw - 1;
  int n = 0, last = -1;
  for (int x = 0; x < g->width; x++) {
    double gx = (double)xs[x] * gw - 0.5;
    gx = gx > 0 ? (gx < w1 ? gx : w1) : 0;
    int x0 = (int)gx;
    ct[x] = (float)(gx - x0);
    if (x0 != last) {
      spans[2 * n] = x;
      spans[2 * n + 1] = x0;
      n++;
      last = x0;
    }
  }
  spans[2 * n] = g->width;
  g->nspans = n;
  g->row = -1;
}

/* A and B of row y (of the chain's rows): the grid interpolated vertically in float64 (as the TypeScript), then per column. */
static void guide_row(TwGuide *g, int y) {
  const float yv = TW_PTR(const float, g->ys)[y];
  const int gw = g->gw, gh = g->gh, w1 = gw - 1, h1 = gh - 1;
  double gy = (double)yv * gh - 0.5;
  gy = gy > 0 ? (gy < h1 ? gy : h1) : 0;
  const int y0 = (int)gy, y1 = y0 < h1 ? y0 + 1 : h1;
  const double ty = gy - y0;
  const float *top = TW_PTR(const float, g->grid) + (long)y0 * gw * 2, *bot = TW_PTR(const float, g->grid) + (long)y1 * gw * 2;
  float *line = TW_PTR(float, g->line);
  const int32_t *spans = TW_PTR(const int32_t, g->spans);
  for (int k = 0; k < g->nspans; k++) {
    const int i = spans[2 * k + 1], i1 = i < w1 ? i + 1 : w1;
    const double la = (double)top[2 * i] + ((double)bot[2 * i] - (double)top[2 * i]) * ty;
    const double lb = (double)top[2 * i + 1] + ((double)bot[2 * i + 1] - (double)top[2 * i + 1]) * ty;
    const double ra = (double)top[2 * i1] + ((double)bot[2 * i1] - (double)top[2 * i1]) * ty;
    const double rb = (double)top[2 * i1 + 1] + ((double)bot[2 * i1 + 1] - (double)top[2 * i1 + 1]) * ty;
    line[4 * k] = (float)la;
    line[4 * k + 1] = (float)(ra - la);
    line[4 * k + 2] = (float)lb;
    line[4 * k + 3] = (float)(rb - lb);
  }
  const float *ct = TW_PTR(const float, g->ct);
  float *A = TW_PTR(float, g->a), *B = TW_PTR(float, g->b);
  /* Whole vectors run on past a run's end (the next run overwrites those lanes; the rows have VW floats of padding). */
  for (int k = 0; k < g->nspans; k++) {
    const vf ba = vsplat(line[4 * k]), sa = vsplat(line[4 * k + 1]), bb = vsplat(line[4 * k + 2]), sb = vsplat(line[4 * k + 3]);
    for (int x = spans[2 * k]; x < spans[2 * k + 2]; x += VW) {
      vf t = vload(ct + x);
      vstore(A + x, ba + sa * t);
      vstore(B + x, bb + sb * t);
    }
  }
  g->row = y;
}

/*
 * tw_chain's body; with `src`, the chain's input rows are decoded from the integer source (row y
 * at src + y·stride elements, `bits` per value, through `lut`; nothing past `end` is read) instead
 * of read from data, which receives the result as usual.
 */
static int chain_run(float *data, int width, int rows, int y0, const TwLink *links, int nlinks, int32_t *exact, const void *src, int bits, int stride,
                     const float *lut, const uint8_t *end) {
  TwChunk c;
  c.exact = exact;
  c.nexact = 0;
  /* The guides the links sample themselves (each once, however many links read it). */
  TwGuide *guides[8];
  int ng = 0;
  for (int k = 0; k < nlinks; k++)
    for (int j = 3; j < 6; j++) {
      const int32_t off = links[k].ptr[j];
      if (!off || !(links[k].op == LINK_PRESENCE || links[k].op == LINK_TONE)) continue;
      TwGuide *g = TW_PTR(TwGuide, off);
      int seen = 0;
      for (int q = 0; q < ng; q++) seen |= guides[q] == g;
      if (!seen && ng < 8) {
        guide_columns(g);
        guides[ng++] = g;
      }
    }
  for (int y = 0; y < rows; y++) {
    for (int q = 0; q < ng; q++) guide_row(guides[q], y0 + y);
    for (int x0 = 0; x0 < width; x0 += CHUNK) {
      c.m = width - x0 < CHUNK ? width - x0 : CHUNK;
      c.p = y * width + x0;
      c.x0 = x0;
      c.y = y0 + y;
      float *p = data + 3 * (long)c.p;
      if (src) {
        const long at = (long)y * stride + 3L * x0;
        chunk_in_src(&c, bits == 8 ? (const void *)((const uint8_t *)src + at) : (const void *)((const uint16_t *)src + at), bits, lut, end);
      } else
        chunk_in(&c, p);
      for (int k = 0; k < nlinks; k++) {
        const TwLink *L = links + k;
        switch (L->op) {
          case LINK_WHITE_BALANCE: link_white_balance(&c, L); break;
          case LINK_PRESENCE: link_presence(&c, L); break;
          case LINK_TONE: link_tone(&c, L); break;
          case LINK_DISPLAY: link_display(&c, L); break;
          case LINK_LUT3D: link_lut3d(&c, L); break;
          case LINK_VIGNETTE: link_vignette(&c, L); break;
          case LINK_CURVE: link_curve(&c, L); break;
          case LINK_HSL: link_hsl(&c, L); break;
          case LINK_COLOR: link_color(&c, L); break;
          default: break;
        }
      }
      chunk_out(&c, p);
    }
  }
  return c.nexact;
}

TW_EXPORT(tw_chain)
int tw_chain(float *data, int width, int rows, int y0, const TwLink *links, int nlinks, int32_t *exact) {
  return chain_run(data, width, rows, y0, links, nlinks, exact, 0, 0, 0, 0, 0);
}

/*
 * tw_chain whose input rows come from an 8- or 16-bit source (its `rows` rows from src, `stride`
 * values apart, `count` values in all from src on) through the decode table `lut`: the runner's
 * first chain of a strip, fused with sampling the source (see chunk_in_src).
 */
TW_EXPORT(tw_chain_src)
int tw_chain_src(float *data, int width, int rows, int y0, const TwLink *links, int nlinks, int32_t *exact, const void *src, int bits, int stride, int count,
                 const float *lut) {
  const uint8_t *end = (const uint8_t *)src + (long)count * (bits == 8 ? 1 : 2);
  return chain_run(data, width, rows, y0, links, nlinks, exact, src, bits, stride, lut, end);
}
