/*
 * The guides' map filters (shared/pixel/guides/util.ts and lumaGrid.ts), bit-identical twins of
 * the TypeScript: every sum and product in double, as JavaScript computes them, rounded to
 * float32 exactly where the TypeScript stores into a Float32Array.
 *
 * - tw_box_blur: boxBlur (separable running mean over a (2r+1)² window, edges replicated):
 *   src → dst (w × h), scratch tmp (w × h floats), line (max(w, h) doubles), sums (w doubles).
 * - tw_guided_coeffs: guidedFilter's per-texel step from the blurred maps: a = cov/(var + eps),
 *   b = meanP − a·meanI (a as stored, in float32), written over `a_out` / `b_out`.
 * - tw_products: ip = I·p and ii = I·I (float32, as stored by the TypeScript).
 * - tw_area_rows: areaResample's horizontal pass, tw_area_cols its vertical pass, from the
 *   (dest, source, weight) triples (weights in double, accumulation rounded to float32 per step).
 */
#include "simd.h"

static inline int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

TW_EXPORT(tw_box_blur)
void tw_box_blur(const float *src, int w, int h, int r, float *dst, float *tmp, double *line, double *sums) {
  const double inv = 1.0 / (2 * r + 1);
  const int lastx = w - 1, last = h - 1;
  /* Horizontal: src → tmp, a running sum per row. */
  for (int y = 0; y < h; y++) {
    const float *a = src + (long)y * w;
    double s = 0;
    for (int i = -r; i <= r; i++) s += a[clampi(i, 0, lastx)];
    for (int i = 0; i < w; i++) {
      line[i] = s * inv;
      int add = i + r + 1, sub = i - r;
      s += (double)a[add > lastx ? lastx : add] - (double)a[sub < 0 ? 0 : sub];
    }
    float *t = tmp + (long)y * w;
    for (int x = 0; x < w; x++) t[x] = (float)line[x];
  }
  /* Vertical: tmp → dst, all columns at once. */
  for (int x = 0; x < w; x++) sums[x] = 0;
  for (int i = -r; i <= r; i++) {
    const float *t = tmp + (long)clampi(i, 0, last) * w;
    for (int x = 0; x < w; x++) sums[x] += t[x];
  }
  for (int y = 0; y < h; y++) {
    float *o = dst + (long)y * w;
    for (int x = 0; x < w; x++) o[x] = (float)(sums[x] * inv);
    int add = y + r + 1, sub = y - r;
    const float *ta = tmp + (long)(add > last ? last : add) * w;
    const float *ts = tmp + (long)(sub < 0 ? 0 : sub) * w;
    for (int x = 0; x < w; x++) sums[x] += (double)ta[x] - (double)ts[x];
  }
}

TW_EXPORT(tw_products)
void tw_products(const float *I, const float *p, int n, float *ip, float *ii) {
  for (int i = 0; i < n; i++) {
    ip[i] = (float)((double)I[i] * (double)p[i]);
    ii[i] = (float)((double)I[i] * (double)I[i]);
  }
}

TW_EXPORT(tw_guided_coeffs)
void tw_guided_coeffs(const float *meanI, const float *meanP, const float *corrI, const float *corrIp, int n, double eps, float *a_out, float *b_out) {
  for (int i = 0; i < n; i++) {
    double mi = meanI[i], mp = meanP[i];
    double v = (double)corrI[i] - mi * mi;
    double varI = v > 0 ? v : 0; /* Math.max(0, v): v is never NaN for finite maps */
    double cov = (double)corrIp[i] - mi * mp;
    float a = (float)(cov / (varI + eps));
    a_out[i] = a;
    b_out[i] = (float)(mp - (double)a * mi);
  }
}

TW_EXPORT(tw_area_rows)
void tw_area_rows(const float *src, int sw, int sh, int dw, const int32_t *dest, const int32_t *srci, const double *weight, int nw, float *tmp) {
  for (int y = 0; y < sh; y++) {
    const float *s = src + (long)y * sw;
    float *t = tmp + (long)y * dw;
    for (int j = 0; j < nw; j++) t[dest[j]] = (float)((double)t[dest[j]] + (double)s[srci[j]] * weight[j]);
  }
}

TW_EXPORT(tw_area_cols)
void tw_area_cols(const float *tmp, int dw, const int32_t *dest, const int32_t *srci, const double *weight, int nw, float *out) {
  for (int j = 0; j < nw; j++) {
    float *o = out + (long)dest[j] * dw;
    const float *t = tmp + (long)srci[j] * dw;
    const double k = weight[j];
    for (int x = 0; x < dw; x++) o[x] = (float)((double)o[x] + (double)t[x] * k);
  }
}
