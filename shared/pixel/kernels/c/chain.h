/*
 * The fused per-pixel chain (tw_chain): a strip's consecutive row-local ops run together on
 * chunks of CHUNK pixels held planar (R, G, B arrays) in cache, instead of each op making its
 * own pass over the interleaved strip. Each op is a *link*: a record the TypeScript glue fills
 * (shared/pixel/kernels/chain.ts) with the op's prepared values and the offsets of its tables
 * and per-pixel inputs in the kernels' memory. One link alone is the op's kernel.
 *
 * The record layout is shared with chain.ts (LINK_WORDS 32-bit words).
 *
 * Links with long dependency chains per pixel (log2 → table → exp2 …) run them in several
 * passes over the chunk, each short and independent from one vector to the next, with the
 * intermediate values in the chunk's scratch: one long chain per vector would leave the CPU
 * waiting on each step's latency (about 2× slower).
 */
#ifndef TW_CHAIN_H
#define TW_CHAIN_H
#include "simd.h"

#define CHUNK 128

enum {
  LINK_WHITE_BALANCE = 1,
  LINK_PRESENCE = 2,
  LINK_TONE = 3,
  LINK_DISPLAY = 4,
  LINK_LUT3D = 5,
  LINK_VIGNETTE = 6,
  LINK_CURVE = 7,
  LINK_HSL = 8,
  LINK_COLOR = 9,
};

typedef struct {
  int32_t op;
  int32_t i[3]; /* small integers: modes, sizes */
  int32_t ptr[6]; /* offsets in the kernels' memory, 0 for none */
  float f[14];
} TwLink;

/*
 * A 2-channel guide (A, B: the luma bases) sampled by the chain itself, row by row, into planar
 * rows a and b, for an axis-aligned geometry: the twin of sampleGuideGrid (shared/pixel/guides/
 * util.ts) with the per-pixel horizontal step in float32 (grid columns: base and slope in
 * float64 from the two grid rows around the pixel row, rounded once; ≤ 2 float32 ulps from the
 * TypeScript's float64 interpolation). The layout is shared with strip.ts (GUIDE_WORDS words).
 */
typedef struct {
  int32_t grid; /* gw × gh × 2 floats */
  int32_t gw, gh;
  int32_t xs;    /* normalised x of each of the width columns */
  int32_t ys;    /* normalised y of each row of the chain's rows */
  int32_t a, b;  /* the current row's A and B (width + VW floats each) */
  int32_t ct;    /* per column: fraction within its grid cell (width floats) */
  int32_t spans; /* per run of columns in one grid cell: first column, cell (2·(width + 1) ints) */
  int32_t line;  /* per grid column: base and slope of A and B (4·gw floats) */
  int32_t width;
  int32_t row;   /* the row a and b hold (−1: none yet) */
  int32_t nspans;
} TwGuide;

/* The pixels of one chunk, planar, and where they sit in the strip. */
typedef struct {
  float R[CHUNK] __attribute__((aligned(64)));
  float G[CHUNK] __attribute__((aligned(64)));
  float B[CHUNK] __attribute__((aligned(64)));
  float A0[CHUNK] __attribute__((aligned(64))); /* scratch for per-pixel inputs */
  float A1[CHUNK] __attribute__((aligned(64)));
  float A2[CHUNK] __attribute__((aligned(64)));
  /* scratch for a link's intermediate values between its passes */
  float S0[CHUNK] __attribute__((aligned(64)));
  float S1[CHUNK] __attribute__((aligned(64)));
  float S2[CHUNK] __attribute__((aligned(64)));
  float S3[CHUNK] __attribute__((aligned(64)));
  int m;  /* valid pixels (the lanes past m are padding: computed, never written back) */
  int p;  /* strip index of the first pixel */
  int x0; /* its column */
  int y;  /* its row within the strip */
  /* Pixels a link left for the TypeScript to compute exactly (tw_chain's return value). */
  int32_t *exact;
  int nexact;
} TwChunk;

#define KR 0.2126f
#define KG 0.7152f
#define KB 0.0722f
/* EPS of the offset-log domain (linearMath.ts) and the highlight roll-off's knee. */
#define TW_EPS (1.0f / 1024.0f)
#define KNEE 0.8f
#define LOG2E_F 1.4426950408889634f

VINLINE vf vluma(vf r, vf g, vf b) { return (r * KR + g * KG) + b * KB; }
VINLINE vf vmax3p(vf a, vf b, vf c) { return vpmax(vpmax(a, b), c); }

/* Two interleaved channels (A, B per pixel) of the chunk's m pixels into planar a, b (zero padded). */
VINLINE void chunk_pairs(const float *ab, int m, float *a, float *b) {
  int j = 0;
  for (; j < m; j++) {
    a[j] = ab[2 * j];
    b[j] = ab[2 * j + 1];
  }
  for (; j < CHUNK; j++) a[j] = b[j] = 0.0f;
}

/*
 * The chunk's A and B from a link's guide: pointers into the row the chain sampled (the TwGuide
 * at offset gref), or the interleaved per-pixel pairs at offset ab deinterleaved into sa, sb.
 */
VINLINE void chunk_guide(TwChunk *c, int32_t gref, int32_t ab, float *sa, float *sb, const float **A, const float **B) {
  if (gref) {
    const TwGuide *g = TW_PTR(const TwGuide, gref);
    *A = TW_PTR(const float, g->a) + c->x0;
    *B = TW_PTR(const float, g->b) + c->x0;
  } else {
    chunk_pairs(TW_PTR(const float, ab) + 2 * c->p, c->m, sa, sb);
    *A = sa;
    *B = sb;
  }
}

/* One channel of the chunk's m pixels (zero padded). */
VINLINE void chunk_ones(const float *s, int m, float *a) {
  int j = 0;
  for (; j < m; j++) a[j] = s[j];
  for (; j < CHUNK; j++) a[j] = 0.0f;
}

/*
 * protectHighlights of shared/develop/ops/linearMath.ts on (r, g, b), the max channel before the
 * op in mRef: where the max channel m is above k = max(mRef, KNEE), k < 1 and the colour is not
 * neutral, it rolls off towards white (exp shoulder), luminance kept.
 */
VINLINE void protect_highlights(vf *r, vf *g, vf *b, vf mRef) {
  const vf one = vsplat(1.0f);
  vf m = vmax3p(*r, *g, *b);
  vf kk = vpmax(vsplat(KNEE), mRef);
  vi prot = (m > kk) & (kk < 1.0f);
  if (!vany(prot)) return;
  vf yy = vluma(*r, *g, *b);
  vf my = m - yy;
  prot = prot & (my >= 1e-9f);
  vf k1 = one - kk;
  vf e = vexp2(((kk - m) / k1) * LOG2E_F);
  vf mt = kk + k1 * (one - e);
  mt = vpmax(yy, mt); /* if (mt < y) mt = y */
  vf s = (mt - yy) / my;
  vi white = yy >= 1.0f;
  vf r2 = vsel(white, yy, yy + (*r - yy) * s);
  vf g2 = vsel(white, yy, yy + (*g - yy) * s);
  vf b2 = vsel(white, yy, yy + (*b - yy) * s);
  *r = vsel(prot, r2, *r);
  *g = vsel(prot, g2, *g);
  *b = vsel(prot, b2, *b);
}

#endif
