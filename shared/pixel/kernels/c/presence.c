/*
 * Presence (Texture and Clarity): the twin of presenceCpu in shared/develop/ops/presence.ts,
 * with applyLogDelta and protectHighlights of shared/develop/ops/linearMath.ts inlined (the
 * same formulas in the same order, in float32; Math.exp as exp2_4 of x·log2 e).
 *
 * data: n interleaved RGB pixels (linear light), in place. tex / cla: the sampled textureBase /
 * clarityBase guides (A, B per pixel), or 0 when that part is off. loc: the local clarity sum
 * per pixel (slider units), or 0. t, c: the prepared texture and clarity (−1..1); t is ignored
 * when tex is 0, c and loc when cla is 0.
 *
 * One loop per combination of texture (off, +, −) and clarity (off, +, −, per-pixel with a local
 * clarity), each with its branches resolved at compile time: the TS kernel's per-pixel
 * conditionals on the uniform signs cost nothing there, but here every path of a select is paid.
 */
#include "kernels.h"

#define P_TEXTURE_GAIN 1.0f
#define P_TEXTURE_SOFT 0.8f
#define P_TEXTURE_CORE 0.04f
#define P_CLARITY_GAIN 0.9f
#define P_CLARITY_SOFT 0.8f
#define P_CLARITY_LIMIT 1.5f
#define P_PROTECT_LO 3.0f
#define P_PROTECT_HI 6.0f
/* log2(0.18 + EPS) (LOG2_MID of linearMath.ts). */
#define P_LOG2_MID -2.466125222741453f
#define P_LOG2E 1.4426950408889634f

enum { T_OFF, T_POS, T_NEG };
enum { C_OFF, C_POS, C_NEG, C_LOC };

/* Two interleaved channels of 4 pixels (8 floats) as (a, b) vectors. */
INLINE void load_ab4(const float *p, f4 *a, f4 *b) {
  f4 v0 = wasm_v128_load(p), v1 = wasm_v128_load(p + 4);
  *a = wasm_i32x4_shuffle(v0, v1, 0, 2, 4, 6);
  *b = wasm_i32x4_shuffle(v0, v1, 1, 3, 5, 7);
}

/* Max of three without NaN propagation (one maxps each): the inputs are finite. */
INLINE f4 pmax3(f4 a, f4 b, f4 c) { return wasm_f32x4_pmax(wasm_f32x4_pmax(a, b), c); }

/* The per-pixel clarity with a local clarity: clamp(c + loc/100, −1, 1). */
INLINE f4 local_clarity(f4 c, const float *lc) {
  return wasm_f32x4_pmin(splat(1.0f), wasm_f32x4_pmax(splat(-1.0f), wasm_f32x4_add(c, wasm_f32x4_div(wasm_v128_load(lc), splat(100.0f)))));
}

/*
 * 4 pixels at p, guides at tx / cx, local clarity at lc. tv: t·TEXTURE_GAIN (T_POS) or
 * t·TEXTURE_SOFT (T_NEG); cv: c·CLARITY_GAIN (C_POS), c·CLARITY_SOFT (C_NEG) or c (C_LOC).
 */
INLINE void presence4(float *p, const float *tx, const float *cx, const float *lc, f4 tv, f4 cv, const int TM, const int CM) {
  const f4 zero = splat(0.0f), one = splat(1.0f), eps = splat(TW_EPS);
  f4 r, g, b;
  load_rgb4(p, &r, &g, &b);
  f4 y = wasm_f32x4_pmax(zero, luma4(r, g, b)); /* y0 > 0 ? y0 : 0 */
  f4 l = log2_4(wasm_f32x4_add(y, eps));
  f4 delta = zero;
  if (TM != T_OFF) {
    f4 A, B;
    load_ab4(tx, &A, &B);
    f4 d = wasm_f32x4_sub(l, wasm_f32x4_add(wasm_f32x4_mul(A, l), B));
    if (TM == T_POS) {
      f4 d2 = wasm_f32x4_mul(d, d);
      f4 core = wasm_f32x4_div(d2, wasm_f32x4_add(d2, splat(P_TEXTURE_CORE * P_TEXTURE_CORE)));
      delta = wasm_f32x4_mul(wasm_f32x4_mul(tv, d), core);
    } else {
      delta = wasm_f32x4_mul(tv, d);
    }
  }
  if (CM != C_OFF) {
    if (CM == C_LOC) cv = local_clarity(cv, lc);
    f4 A, B;
    load_ab4(cx, &A, &B);
    f4 bc = wasm_f32x4_add(wasm_f32x4_mul(A, l), B);
    f4 d = wasm_f32x4_sub(l, bc);
    f4 dm = wasm_f32x4_abs(wasm_f32x4_sub(bc, splat(P_LOG2_MID)));
    f4 s = wasm_f32x4_mul(wasm_f32x4_sub(dm, splat(P_PROTECT_LO)), splat(1.0f / (P_PROTECT_HI - P_PROTECT_LO)));
    s = wasm_f32x4_pmin(one, wasm_f32x4_pmax(zero, s));
    f4 ss = wasm_f32x4_mul(wasm_f32x4_mul(s, s), wasm_f32x4_sub(splat(3.0f), wasm_f32x4_mul(splat(2.0f), s)));
    f4 w = wasm_f32x4_sub(one, wasm_f32x4_mul(splat(0.5f), ss));
    f4 add;
    if (CM == C_POS || CM == C_LOC) {
      f4 lim = wasm_f32x4_div(d, wasm_f32x4_add(one, wasm_f32x4_mul(wasm_f32x4_abs(d), splat(1.0f / P_CLARITY_LIMIT))));
      f4 k = CM == C_POS ? cv : wasm_f32x4_mul(cv, splat(P_CLARITY_GAIN));
      add = wasm_f32x4_mul(wasm_f32x4_mul(k, w), lim);
    }
    if (CM == C_NEG || CM == C_LOC) {
      f4 k = CM == C_NEG ? cv : wasm_f32x4_mul(cv, splat(P_CLARITY_SOFT));
      f4 neg = wasm_f32x4_mul(wasm_f32x4_mul(k, w), d);
      add = CM == C_NEG ? neg : sel(wasm_f32x4_gt(cv, zero), add, wasm_v128_and(wasm_f32x4_ne(cv, zero), neg));
    }
    delta = TM == T_OFF ? add : wasm_f32x4_add(delta, add);
  }
  v128_t on = wasm_f32x4_ne(delta, zero);
  if (!wasm_v128_any_true(on)) return;

  /* applyLogDelta */
  f4 gain = exp2_4(delta);
  f4 up = wasm_f32x4_ge(gain, one);
  f4 y2 = wasm_f32x4_sub(wasm_f32x4_mul(wasm_f32x4_add(y, eps), gain), eps);
  f4 k = wasm_v128_and(wasm_v128_and(wasm_f32x4_gt(y, zero), wasm_f32x4_gt(y2, zero)), wasm_f32x4_div(y2, y));
  f4 r1 = sel(up, wasm_f32x4_sub(wasm_f32x4_mul(wasm_f32x4_add(r, eps), gain), eps), wasm_f32x4_mul(r, k));
  f4 g1 = sel(up, wasm_f32x4_sub(wasm_f32x4_mul(wasm_f32x4_add(g, eps), gain), eps), wasm_f32x4_mul(g, k));
  f4 b1 = sel(up, wasm_f32x4_sub(wasm_f32x4_mul(wasm_f32x4_add(b, eps), gain), eps), wasm_f32x4_mul(b, k));

  /* protectHighlights, where the op pushed the max channel above max(mRef, KNEE) and that is < 1. */
  f4 mRef = pmax3(r, g, b);
  f4 m = pmax3(r1, g1, b1);
  f4 kk = wasm_f32x4_pmax(splat(KNEE), mRef);
  v128_t prot = wasm_v128_and(wasm_f32x4_gt(m, kk), wasm_f32x4_lt(kk, one));
  if (wasm_v128_any_true(prot)) {
    f4 yy = luma4(r1, g1, b1);
    f4 my = wasm_f32x4_sub(m, yy);
    prot = wasm_v128_and(prot, wasm_f32x4_ge(my, splat(1e-9f)));
    f4 k1 = wasm_f32x4_sub(one, kk);
    f4 e = exp2_4(wasm_f32x4_mul(wasm_f32x4_div(wasm_f32x4_sub(kk, m), k1), splat(P_LOG2E)));
    f4 mt = wasm_f32x4_add(kk, wasm_f32x4_mul(k1, wasm_f32x4_sub(one, e)));
    mt = wasm_f32x4_pmax(yy, mt); /* if (mt < y) mt = y */
    f4 s = wasm_f32x4_div(wasm_f32x4_sub(mt, yy), my);
    v128_t white = wasm_f32x4_ge(yy, one);
    f4 r2 = sel(white, yy, wasm_f32x4_add(yy, wasm_f32x4_mul(wasm_f32x4_sub(r1, yy), s)));
    f4 g2 = sel(white, yy, wasm_f32x4_add(yy, wasm_f32x4_mul(wasm_f32x4_sub(g1, yy), s)));
    f4 b2 = sel(white, yy, wasm_f32x4_add(yy, wasm_f32x4_mul(wasm_f32x4_sub(b1, yy), s)));
    r1 = sel(prot, r2, r1);
    g1 = sel(prot, g2, g1);
    b1 = sel(prot, b2, b1);
  }
  store_rgb4(p, sel(on, r1, r), sel(on, g1, g), sel(on, b1, b));
}

/* The loop of one mode; the last 1–3 pixels go through a zero-padded block of 4. */
INLINE void presence_run(float *data, int n, const float *tex, const float *cla, const float *loc, float t, float c, const int TM, const int CM) {
  const f4 tv = splat(TM == T_POS ? t * P_TEXTURE_GAIN : t * P_TEXTURE_SOFT);
  const f4 cv = splat(CM == C_POS ? c * P_CLARITY_GAIN : CM == C_NEG ? c * P_CLARITY_SOFT : c);
  for (int i = 0; i < n; i += 4) {
    float *p = data + 3 * i;
    const float *tx = TM != T_OFF ? tex + 2 * i : 0;
    const float *cx = CM != C_OFF ? cla + 2 * i : 0;
    const float *lc = CM == C_LOC ? loc + i : 0;
    if (i + 4 <= n) {
      presence4(p, tx, cx, lc, tv, cv, TM, CM);
      continue;
    }
    float px[12] = {0}, tg[8] = {0}, cg[8] = {0}, lg[4] = {0};
    const int m = n - i;
    for (int j = 0; j < 3 * m; j++) px[j] = p[j];
    for (int j = 0; j < 2 * m; j++) {
      if (TM != T_OFF) tg[j] = tx[j];
      if (CM != C_OFF) cg[j] = cx[j];
    }
    if (CM == C_LOC)
      for (int j = 0; j < m; j++) lg[j] = lc[j];
    presence4(px, tg, cg, lg, tv, cv, TM, CM);
    for (int j = 0; j < 3 * m; j++) p[j] = px[j];
  }
}

EXPORT(tw_presence)
void tw_presence(float *data, int n, const float *tex, const float *cla, const float *loc, float t, float c) {
  const int tm = !tex || t == 0.0f ? T_OFF : t > 0.0f ? T_POS : T_NEG;
  const int cm = !cla ? C_OFF : loc ? C_LOC : c > 0.0f ? C_POS : c < 0.0f ? C_NEG : C_OFF;
#define RUN(TM, CM) presence_run(data, n, tex, cla, loc, t, c, TM, CM)
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
