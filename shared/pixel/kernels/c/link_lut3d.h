/*
 * A fused colour stage (shared/pixel/pipeline/fuse.ts, applyLutStage): tetrahedral
 * interpolation in an n³ RGB table for the pixels inside [0, 1]³ whose cell is not flagged
 * exact; the others (outside the cube, NaN, flagged cells) are left as they are and listed in
 * the chunk's exact list (the caller runs the exact ops on them). The tetrahedron — the axes in
 * decreasing order of their fractions — is picked with lane masks and the weights are the
 * sorted fractions, summed in the scalar's order ((w0·c0 + w1·c1) + w2·c2) + t3·c3.
 *
 * ptr[0]: the table (n³ × RGB, r fastest), as floats (i[1] = 0) or packed (i[1] = 1: one 64-bit
 * entry per lattice point holding three 21-bit fields over [f[0], f[0] + f[1]·(2^21 − 1)], so a
 * corner is one gathered element, not three); ptr[1]: the (n − 1)³ exact flags (+3 bytes of
 * padding); i[0]: n. A link with a table must be the last of its chain (tw_chain's caller splits
 * there), since the pixels it leaves are finished by the caller.
 */
#include "chain.h"

/* A corner's RGB from a packed entry: 21-bit fields (R bits 0–20, G 21–41, B 42–62) over [lo, lo + step·(2^21 − 1)]. */
VINLINE void unpack_rgb(vi lo, vi hi, vf base, vf step, vf *r, vf *g, vf *b) {
  *r = base + vcvt(lo & 0x1FFFFF) * step;
  *g = base + vcvt((vi)((vu)lo >> 21) | ((hi & 0x3FF) << 11)) * step;
  *b = base + vcvt((vi)((vu)hi >> 10) & 0x1FFFFF) * step;
}

/* Passes over the chunk: the cells, corners and weights (into scratch); the table reads. */
__attribute__((noinline)) static void link_lut3d(TwChunk *c, const TwLink *L) {
  const uint8_t *exact = TW_PTR(const uint8_t, L->ptr[1]);
  const int n = L->i[0], packed = L->i[1], n1 = n - 1, n2 = n1 - 1, sg = n, sb = n * n;
  const vf fn1 = vsplat((float)n1), one = vsplat(1.0f);
  const int m = c->m;
  /* Corner entries (not floats) of each pixel's tetrahedron: the first, the second, the third. */
  int32_t O[CHUNK] __attribute__((aligned(64))), O1[CHUNK] __attribute__((aligned(64)));
  int32_t O2[CHUNK] __attribute__((aligned(64))), OK[CHUNK] __attribute__((aligned(64)));
  float *T1 = c->S0, *T2 = c->S1, *T3 = c->S2;
  int all_ok = 1;
  for (int q = 0; q < m; q += VW) {
    vf r = vload(c->R + q), g = vload(c->G + q), b = vload(c->B + q);
    vi in = (r >= 0.0f) & (r <= 1.0f) & (g >= 0.0f) & (g <= 1.0f) & (b >= 0.0f) & (b <= 1.0f);
    /* Out-of-cube lanes read cell 0 (their result is not used). */
    vf fr = vand(in, r * fn1), fg = vand(in, g * fn1), fb = vand(in, b * fn1);
    vi ir = vtrunc(fr), ig = vtrunc(fg), ib = vtrunc(fb);
    ir = visel(ir > n2, visplat(n2), ir);
    ig = visel(ig > n2, visplat(n2), ig);
    ib = visel(ib > n2, visplat(n2), ib);
    vi cell = (ib * n1 + ig) * n1 + ir;
    vi ok = in & (vgather_u8(exact, cell) == 0);
    vf tr = fr - vcvt(ir), tg = fg - vcvt(ig), tb = fb - vcvt(ib);
    vi o = ib * sb + ig * sg + ir;
    vi a = tr >= tg, bm = tg >= tb, cc = tr >= tb;
    vi rmax = a & cc, gmax = (cc | bm) & ~a;
    vi bmin = (a & bm) | (~a & cc), gmin = ~bm & a;
    vi off1 = visel(rmax, visplat(1), visel(gmax, visplat(sg), visplat(sb)));
    vi offmin = visel(bmin, visplat(sb), visel(gmin, visplat(sg), visplat(1)));
    vistore(O + q, o);
    vistore(O1 + q, o + off1);
    vistore(O2 + q, o + (1 + sg + sb) - offmin);
    vistore(OK + q, ok);
    vstore(T1 + q, vpmax(vpmax(tr, tg), tb));
    vstore(T3 + q, vpmin(vpmin(tr, tg), tb));
    vstore(T2 + q, vpmax(vpmin(tr, tg), vpmin(vpmax(tr, tg), tb)));
    if (!vall(ok))
      for (int j = 0; j < VW && q + j < m; j++)
        if (!ok[j]) c->exact[c->nexact++] = c->p + q + j;
    all_ok &= vall(ok);
  }
  for (int q = 0; q < m; q += VW) {
    vi o = viload(O + q), o1 = viload(O1 + q), o2 = viload(O2 + q), o3 = o + (1 + sg + sb);
    vf t1 = vload(T1 + q), t2 = vload(T2 + q), t3 = vload(T3 + q);
    vf w0 = one - t1, w1 = t1 - t2, w2 = t2 - t3;
    vf R, G, B;
    if (packed) {
      const uint64_t *tab = TW_PTR(const uint64_t, L->ptr[0]);
      const vf base = vsplat(L->f[0]), step = vsplat(L->f[1]);
      vi lo, hi;
      vf r0, g0, b0, r1, g1, b1, r2, g2, b2, r3, g3, b3;
      vgather64(tab, o, &lo, &hi);
      unpack_rgb(lo, hi, base, step, &r0, &g0, &b0);
      vgather64(tab, o1, &lo, &hi);
      unpack_rgb(lo, hi, base, step, &r1, &g1, &b1);
      vgather64(tab, o2, &lo, &hi);
      unpack_rgb(lo, hi, base, step, &r2, &g2, &b2);
      vgather64(tab, o3, &lo, &hi);
      unpack_rgb(lo, hi, base, step, &r3, &g3, &b3);
      R = ((w0 * r0 + w1 * r1) + w2 * r2) + t3 * r3;
      G = ((w0 * g0 + w1 * g1) + w2 * g2) + t3 * g3;
      B = ((w0 * b0 + w1 * b1) + w2 * b2) + t3 * b3;
    } else {
      const float *lut = TW_PTR(const float, L->ptr[0]);
      o = o * 3, o1 = o1 * 3, o2 = o2 * 3, o3 = o3 * 3;
      R = ((w0 * vgather(lut, o) + w1 * vgather(lut, o1)) + w2 * vgather(lut, o2)) + t3 * vgather(lut, o3);
      G = ((w0 * vgather(lut + 1, o) + w1 * vgather(lut + 1, o1)) + w2 * vgather(lut + 1, o2)) + t3 * vgather(lut + 1, o3);
      B = ((w0 * vgather(lut + 2, o) + w1 * vgather(lut + 2, o1)) + w2 * vgather(lut + 2, o2)) + t3 * vgather(lut + 2, o3);
    }
    if (all_ok) {
      vstore(c->R + q, R);
      vstore(c->G + q, G);
      vstore(c->B + q, B);
    } else {
      vi ok = viload(OK + q);
      vstore(c->R + q, vsel(ok, R, vload(c->R + q)));
      vstore(c->G + q, vsel(ok, G, vload(c->G + q)));
      vstore(c->B + q, vsel(ok, B, vload(c->B + q)));
    }
  }
}
