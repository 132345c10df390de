/*
 * tw_chain: runs a list of links (chain.h) over `rows` rows of `width` interleaved RGB pixels
 * in place, CHUNK pixels at a time: each chunk is split into planar R, G, B once, goes through
 * every link, and is interleaved back once. `y0` is the strip row of data's first row (the
 * links' per-row inputs are indexed from the strip's first row). Returns how many pixels a link
 * left for exact evaluation, their strip indices written to `exact` (room for width·rows).
 */
#include "chain.h"
#include "link_display.h"
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

__attribute__((noinline)) static void chunk_out(const TwChunk *c, float *p) {
  int j = 0;
  for (; j + VW <= c->m; j += VW) vstore_rgb(p + 3 * j, vload(c->R + j), vload(c->G + j), vload(c->B + j));
  for (; j < c->m; j++) {
    p[3 * j] = c->R[j];
    p[3 * j + 1] = c->G[j];
    p[3 * j + 2] = c->B[j];
  }
}

TW_EXPORT(tw_chain)
int tw_chain(float *data, int width, int rows, int y0, const TwLink *links, int nlinks, int32_t *exact) {
  TwChunk c;
  c.exact = exact;
  c.nexact = 0;
  for (int y = 0; y < rows; y++) {
    for (int x0 = 0; x0 < width; x0 += CHUNK) {
      c.m = width - x0 < CHUNK ? width - x0 : CHUNK;
      c.p = y * width + x0;
      c.x0 = x0;
      c.y = y0 + y;
      float *p = data + 3 * (long)c.p;
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
          default: break;
        }
      }
      chunk_out(&c, p);
    }
  }
  return c.nexact;
}
