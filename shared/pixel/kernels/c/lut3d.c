/*
 * A fused colour stage (shared/pixel/pipeline/fuse.ts, applyLutStage): tetrahedral
 * interpolation in an n³ RGB table for pixels inside [0, 1]³ whose cell is not flagged exact.
 * The other pixels (outside the cube, NaN, flagged cells) are left as they are and their
 * indices written to exact_idx (the caller runs the exact ops on them); returns their count.
 * Same arithmetic order as the TypeScript (float32 here, float64 there).
 */
#include "kernels.h"

/* One pixel, the scalar way (the TypeScript's branches); returns 0 when it was left for exact evaluation. */
INLINE int lut3d_one(float *px, const float *lut, int n, const uint8_t *exact) {
  const int n1 = n - 1, n2 = n1 - 1, sg = 3 * n, sb = 3 * n * n;
  const float fn1 = (float)n1;
  float r = px[0], g = px[1], b = px[2];
  if (!(r >= 0.0f && r <= 1.0f && g >= 0.0f && g <= 1.0f && b >= 0.0f && b <= 1.0f)) return 0;
  float fr = r * fn1, fg = g * fn1, fb = b * fn1;
  int ir = (int)fr, ig = (int)fg, ib = (int)fb;
  if (ir > n2) ir = n2;
  if (ig > n2) ig = n2;
  if (ib > n2) ib = n2;
  if (exact[(ib * n1 + ig) * n1 + ir]) return 0;
  float tr = fr - ir, tg = fg - ig, tb = fb - ib;
  int o = ib * sb + ig * sg + ir * 3;
  int o1, o2;
  float t1, t2, t3;
  if (tr >= tg) {
    if (tg >= tb) { o1 = o + 3; o2 = o + 3 + sg; t1 = tr; t2 = tg; t3 = tb; }
    else if (tr >= tb) { o1 = o + 3; o2 = o + 3 + sb; t1 = tr; t2 = tb; t3 = tg; }
    else { o1 = o + sb; o2 = o + sb + 3; t1 = tb; t2 = tr; t3 = tg; }
  } else if (tr >= tb) { o1 = o + sg; o2 = o + sg + 3; t1 = tg; t2 = tr; t3 = tb; }
  else if (tg >= tb) { o1 = o + sg; o2 = o + sg + sb; t1 = tg; t2 = tb; t3 = tr; }
  else { o1 = o + sb; o2 = o + sb + sg; t1 = tb; t2 = tg; t3 = tr; }
  int o3 = o + 3 + sg + sb;
  float w0 = 1.0f - t1, w1 = t1 - t2, w2 = t2 - t3;
  /* The four corners' RGB as vectors (the 4th lane is the next entry, ignored). */
  f4 c0 = wasm_v128_load(lut + o), c1 = wasm_v128_load(lut + o1), c2 = wasm_v128_load(lut + o2), c3 = wasm_v128_load(lut + o3);
  f4 v = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(splat(w0), c0), wasm_f32x4_mul(splat(w1), c1)), wasm_f32x4_mul(splat(w2), c2)),
                        wasm_f32x4_mul(splat(t3), c3));
  px[0] = wasm_f32x4_extract_lane(v, 0);
  px[1] = wasm_f32x4_extract_lane(v, 1);
  px[2] = wasm_f32x4_extract_lane(v, 2);
  return 1;
}

#define SPLAT_LANE(v, j) wasm_i32x4_shuffle(v, v, j, j, j, j)

/* Corner j of the 4 pixels' weighted sum, in the scalar's order ((w0·c0 + w1·c1) + w2·c2) + t3·c3. */
#define CORNERS(j)                                                                                                   \
  wasm_f32x4_add(                                                                                                   \
      wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(SPLAT_LANE(w0, j), wasm_v128_load(lut + wasm_i32x4_extract_lane(o, j))), \
                                    wasm_f32x4_mul(SPLAT_LANE(w1, j), wasm_v128_load(lut + wasm_i32x4_extract_lane(o1, j)))), \
                     wasm_f32x4_mul(SPLAT_LANE(w2, j), wasm_v128_load(lut + wasm_i32x4_extract_lane(o2, j)))),      \
      wasm_f32x4_mul(SPLAT_LANE(t3, j), wasm_v128_load(lut + wasm_i32x4_extract_lane(o3, j))))

/*
 * Four pixels at a time, branch-free: the tetrahedron (the order of the fractions) is chosen
 * with lane masks — the axis of the largest fraction steps first, the axis of the smallest
 * last — and the weights are the sorted fractions (max, median, min: the same values the
 * scalar's branches pick, so the same results). A group with a pixel outside the cube or in a
 * flagged cell goes through the scalar path.
 */
EXPORT(tw_lut3d)
int tw_lut3d(float *d, int npx, const float *lut, int n, const uint8_t *exact, int32_t *exact_idx) {
  const int n1 = n - 1, n2 = n1 - 1, sg = 3 * n, sb = 3 * n * n;
  const f4 fn1 = splat((float)n1), zero = splat(0.0f), one = splat(1.0f);
  const v128_t vn2 = wasm_i32x4_splat(n2), v3 = wasm_i32x4_splat(3), vsg = wasm_i32x4_splat(sg), vsb = wasm_i32x4_splat(sb);
  const v128_t vall = wasm_i32x4_splat(3 + sg + sb);
  int outside = 0;
  int p = 0;
  for (; p + 4 <= npx; p += 4) {
    float *px = d + 3 * p;
    f4 r, g, b;
    load_rgb4(px, &r, &g, &b);
    v128_t in = wasm_v128_and(wasm_v128_and(wasm_v128_and(wasm_f32x4_ge(r, zero), wasm_f32x4_le(r, one)), wasm_v128_and(wasm_f32x4_ge(g, zero), wasm_f32x4_le(g, one))),
                              wasm_v128_and(wasm_f32x4_ge(b, zero), wasm_f32x4_le(b, one)));
    f4 fr = wasm_f32x4_mul(r, fn1), fg = wasm_f32x4_mul(g, fn1), fb = wasm_f32x4_mul(b, fn1);
    v128_t ir = wasm_i32x4_min(wasm_i32x4_trunc_sat_f32x4(fr), vn2);
    v128_t ig = wasm_i32x4_min(wasm_i32x4_trunc_sat_f32x4(fg), vn2);
    v128_t ib = wasm_i32x4_min(wasm_i32x4_trunc_sat_f32x4(fb), vn2);
    v128_t cell = wasm_i32x4_add(wasm_i32x4_mul(wasm_i32x4_add(wasm_i32x4_mul(ib, wasm_i32x4_splat(n1)), ig), wasm_i32x4_splat(n1)), ir);
    int flagged = 1;
    if (wasm_i32x4_all_true(in))
      flagged = exact[wasm_i32x4_extract_lane(cell, 0)] | exact[wasm_i32x4_extract_lane(cell, 1)] | exact[wasm_i32x4_extract_lane(cell, 2)] |
                exact[wasm_i32x4_extract_lane(cell, 3)];
    if (flagged) {
      for (int j = 0; j < 4; j++)
        if (!lut3d_one(px + 3 * j, lut, n, exact)) exact_idx[outside++] = p + j;
      continue;
    }
    f4 tr = wasm_f32x4_sub(fr, wasm_f32x4_convert_i32x4(ir));
    f4 tg = wasm_f32x4_sub(fg, wasm_f32x4_convert_i32x4(ig));
    f4 tb = wasm_f32x4_sub(fb, wasm_f32x4_convert_i32x4(ib));
    v128_t o = wasm_i32x4_add(wasm_i32x4_add(wasm_i32x4_mul(ib, vsb), wasm_i32x4_mul(ig, vsg)), wasm_i32x4_mul(ir, v3));
    v128_t a = wasm_f32x4_ge(tr, tg), bm = wasm_f32x4_ge(tg, tb), c = wasm_f32x4_ge(tr, tb);
    v128_t rmax = wasm_v128_and(a, c), gmax = wasm_v128_andnot(wasm_v128_or(c, bm), a);
    v128_t bmin = wasm_v128_or(wasm_v128_and(a, bm), wasm_v128_andnot(c, a)), gmin = wasm_v128_andnot(a, bm);
    v128_t off1 = wasm_v128_bitselect(v3, wasm_v128_bitselect(vsg, vsb, gmax), rmax);
    v128_t offmin = wasm_v128_bitselect(vsb, wasm_v128_bitselect(vsg, v3, gmin), bmin);
    v128_t o1 = wasm_i32x4_add(o, off1);
    v128_t o3 = wasm_i32x4_add(o, vall);
    v128_t o2 = wasm_i32x4_sub(o3, offmin);
    /* pmin/pmax (one instruction each; the fractions are finite here, so no NaN rule applies). */
    f4 t1 = wasm_f32x4_pmax(wasm_f32x4_pmax(tr, tg), tb), t3 = wasm_f32x4_pmin(wasm_f32x4_pmin(tr, tg), tb);
    f4 t2 = wasm_f32x4_pmax(wasm_f32x4_pmin(tr, tg), wasm_f32x4_pmin(wasm_f32x4_pmax(tr, tg), tb));
    f4 w0 = wasm_f32x4_sub(one, t1), w1 = wasm_f32x4_sub(t1, t2), w2 = wasm_f32x4_sub(t2, t3);
    f4 v0 = CORNERS(0), v1 = CORNERS(1), v2 = CORNERS(2), v3r = CORNERS(3);
    wasm_v128_store(px, wasm_i32x4_shuffle(v0, v1, 0, 1, 2, 4));
    wasm_v128_store(px + 4, wasm_i32x4_shuffle(v1, v2, 1, 2, 4, 5));
    wasm_v128_store(px + 8, wasm_i32x4_shuffle(v2, v3r, 2, 4, 5, 6));
  }
  for (; p < npx; p++)
    if (!lut3d_one(d + 3 * p, lut, n, exact)) exact_idx[outside++] = p;
  return outside;
}
