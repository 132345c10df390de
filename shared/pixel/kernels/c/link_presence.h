/*
 * Presence (Texture and Clarity): the twin of presenceCpu in shared/develop/ops/presence.ts, with
 * applyLogDelta and protectHighlights of shared/develop/ops/linearMath.ts inlined (the same
 * formulas in the same order, in float32; Math.exp as vexp2 of x·log2 e).
 *
 * ptr[0], ptr[1]: the sampled textureBase / clarityBase guides (A, B per pixel) or 0 when that
 * part is off (or sampled by the chain: ptr[3], ptr[4], their TwGuide); ptr[2]: the local clarity sum per pixel (slider units) or 0. i[0]: the texture
 * mode (off, +, −), i[1]: the clarity mode (off, +, −, per-pixel with a local clarity).
 * f[0]: t·TEXTURE_GAIN (+) or t·TEXTURE_SOFT (−); f[1]: c·CLARITY_GAIN (+), c·CLARITY_SOFT (−)
 * or c (local). One loop per mode pair, its branches resolved at compile time.
 */
#include "chain.h"

#define P_TEXTURE_CORE 0.04f
#define P_CLARITY_GAIN 0.9f
#define P_CLARITY_SOFT 0.8f
#define P_CLARITY_LIMIT 1.5f
#define P_PROTECT_LO 3.0f
#define P_PROTECT_HI 6.0f
/* log2(0.18 + EPS) (LOG2_MID of linearMath.ts). */
#define P_LOG2_MID -2.466125222741453f

enum { T_OFF, T_POS, T_NEG };
enum { C_OFF, C_POS, C_NEG, C_LOC };

/* Passes over the chunk: luminance and its log; the detail change; its exp2; the colour. */
VINLINE void presence_run(TwChunk *c, const float *tA, const float *tB, const float *cA, const float *cB, const float *lc, float t, float cl,
                          const int TM, const int CM) {
  const vf zero = vsplat(0.0f), one = vsplat(1.0f), eps = vsplat(TW_EPS);
  const vf tv = vsplat(t);
  const int n = c->m;
  float *Y = c->S0, *L = c->S1, *D = c->S2, *GN = c->S3;
  for (int q = 0; q < n; q += VW) {
    vf y = vpmax(zero, vluma(vload(c->R + q), vload(c->G + q), vload(c->B + q))); /* y0 > 0 ? y0 : 0 */
    vstore(Y + q, y);
    vstore(L + q, vlog2(y + eps));
  }
  int any = 0;
  for (int q = 0; q < n; q += VW) {
    vf l = vload(L + q);
    vf delta = zero;
    if (TM != T_OFF) {
      vf d = l - (vload(tA + q) * l + vload(tB + q));
      if (TM == T_POS) {
        vf d2 = d * d;
        vf core = d2 / (d2 + P_TEXTURE_CORE * P_TEXTURE_CORE);
        delta = (tv * d) * core;
      } else {
        delta = tv * d;
      }
    }
    if (CM != C_OFF) {
      vf cv = vsplat(cl);
      /* clamp(c + loc/100, −1, 1) */
      if (CM == C_LOC) cv = vpmin(one, vpmax(vsplat(-1.0f), cv + vload(lc + q) / 100.0f));
      vf bc = vload(cA + q) * l + vload(cB + q);
      vf d = l - bc;
      vf dm = vabs(bc - P_LOG2_MID);
      vf s = (dm - P_PROTECT_LO) * (1.0f / (P_PROTECT_HI - P_PROTECT_LO));
      s = vpmin(one, vpmax(zero, s));
      vf ss = (s * s) * (3.0f - 2.0f * s);
      vf w = one - 0.5f * ss;
      vf add = zero;
      if (CM == C_POS || CM == C_LOC) {
        vf lim = d / (one + vabs(d) * (1.0f / P_CLARITY_LIMIT));
        vf k = CM == C_POS ? cv : cv * P_CLARITY_GAIN;
        add = (k * w) * lim;
      }
      if (CM == C_NEG || CM == C_LOC) {
        vf k = CM == C_NEG ? cv : cv * P_CLARITY_SOFT;
        vf neg = (k * w) * d;
        add = CM == C_NEG ? neg : vsel(cv > 0.0f, add, vand(cv != 0.0f, neg));
      }
      delta = TM == T_OFF ? add : delta + add;
    }
    any |= vany(delta != 0.0f);
    vstore(D + q, delta);
  }
  if (!any) return;
  for (int q = 0; q < n; q += VW) vstore(GN + q, vexp2(vload(D + q)));
  for (int q = 0; q < n; q += VW) {
    vi on = vload(D + q) != 0.0f;
    if (!vany(on)) continue;
    vf r = vload(c->R + q), g = vload(c->G + q), b = vload(c->B + q);
    /* applyLogDelta */
    vf y = vload(Y + q), gain = vload(GN + q);
    vi up = gain >= 1.0f;
    vf y2 = (y + eps) * gain - eps;
    vf k = vand((y > 0.0f) & (y2 > 0.0f), y2 / y);
    vf r1 = vsel(up, (r + eps) * gain - eps, r * k);
    vf g1 = vsel(up, (g + eps) * gain - eps, g * k);
    vf b1 = vsel(up, (b + eps) * gain - eps, b * k);
    protect_highlights(&r1, &g1, &b1, vmax3p(r, g, b));
    vstore(c->R + q, vsel(on, r1, r));
    vstore(c->G + q, vsel(on, g1, g));
    vstore(c->B + q, vsel(on, b1, b));
  }
}

__attribute__((noinline)) static void link_presence(TwChunk *c, const TwLink *L) {
  const int tm = L->i[0], cm = L->i[1];
  const float *tA = 0, *tB = 0, *cA = 0, *cB = 0, *lc = 0;
  /* Texture and clarity together need four planar guide channels: the clarity pair goes to a stack buffer. */
  float cbuf[2 * CHUNK] __attribute__((aligned(64)));
  if (tm != T_OFF) chunk_guide(c, L->ptr[3], L->ptr[0], c->A0, c->A1, &tA, &tB);
  if (cm != C_OFF) chunk_guide(c, L->ptr[4], L->ptr[1], cbuf, cbuf + CHUNK, &cA, &cB);
  if (cm == C_LOC) {
    chunk_ones(TW_PTR(const float, L->ptr[2]) + c->p, c->m, c->A2);
    lc = c->A2;
  }
  const float t = L->f[0], cl = L->f[1];
#define RUN(TM, CM) presence_run(c, tA, tB, cA, cB, lc, t, cl, TM, CM)
  switch (tm * 4 + cm) {
    case T_OFF * 4 + C_POS: RUN(T_OFF, C_POS); break;
    case T_OFF * 4 + C_NEG: RUN(T_OFF, C_NEG); break;
    case T_OFF * 4 + C_LOC: RUN(T_OFF, C_LOC); break;
    case T_POS * 4 + C_OFF: RUN(T_POS, C_OFF); break;
    case T_POS * 4 + C_POS: RUN(T_POS, C_POS); break;
    case T_POS * 4 + C_NEG: RUN(T_POS, C_NEG); break;
    case T_POS * 4 + C_LOC: RUN(T_POS, C_LOC); break;
    case T_NEG * 4 + C_OFF: RUN(T_NEG, C_OFF); break;
    case T_NEG * 4 + C_POS: RUN(T_NEG, C_POS); break;
    case T_NEG * 4 + C_NEG: RUN(T_NEG, C_NEG); break;
    case T_NEG * 4 + C_LOC: RUN(T_NEG, C_LOC); break;
    default: break;
  }
#undef RUN
}
