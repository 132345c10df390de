/**
 * Measurements the critic compares between the before and after previews: region pixel sets
 * (from the before image, applied to both), region means, colour-family stats, vignetting,
 * and a halo measure on the spatially varying part of the change. Pure.
 */
import type { Perception } from '../perception/facts.ts';
import type { Planes } from '../perception/image.ts';
import { CODE_MAX } from '../perception/image.ts';
import { hsvHue, hueFamilyIndex, HUE_FAMILIES, type HueFamily } from '../perception/stats.ts';
import type { Region } from '../planner/types.ts';

/** Pixels (1 = in) of a region, judged on the before image. */
export function regionSet(region: Region, before: Perception): Uint8Array | null {
  const { width: w, height: h } = before.planes;
  const f = before.facts;
  const out = new Uint8Array(w * h);
  const sky = f.regions.sky;
  const subj = f.regions.subject;
  const pick = (fn: (x: number, y: number, i: number) => boolean): Uint8Array => {
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (fn((x + 0.5) / w, (y + 0.5) / h, y * w + x)) out[y * w + x] = 1;
    return out;
  };
  const luma = before.planes.luma;
  switch (region) {
    case 'sky':
      return sky ? before.maps.sky : pick((_, y) => y < 0.25);
    case 'skin':
      return f.regions.skin ? before.maps.skin : null;
    case 'foliage':
      return f.regions.foliage ? before.maps.foliage : null;
    case 'foreground':
      return pick((_, y) => y > (sky ? sky.line + 0.08 : 0.6));
    case 'top':
      return pick((_, y) => y < 0.3);
    case 'bottom':
      return pick((_, y) => y > 0.7);
    case 'left':
      return pick((x) => x < 0.3);
    case 'right':
      return pick((x) => x > 0.7);
    case 'subject':
      return pick((x, y) => ((x - subj.cx) / subj.rx) ** 2 + ((y - subj.cy) / subj.ry) ** 2 < 0.4);
    case 'background':
      return pick((x, y) => ((x - subj.cx) / subj.rx) ** 2 + ((y - subj.cy) / subj.ry) ** 2 > 1.3);
    case 'edges':
      return pick((x, y) => (x - 0.5) ** 2 + (y - 0.5) ** 2 > 0.3);
    // Relative to the image, so a photo without deep shadows or bright highlights still has some.
    case 'shadows': {
      const t = Math.max(0.25, f.tone.luma.p25);
      return pick((_, __, i) => luma[i] <= t);
    }
    case 'highlights': {
      const t = Math.min(0.7, f.tone.luma.p75);
      return pick((_, __, i) => luma[i] >= t);
    }
    case 'midtones':
      return pick((_, __, i) => luma[i] >= 0.3 && luma[i] <= 0.7);
    case 'water':
      return null;
  }
}

export interface RegionMeans {
  n: number;
  luma: number;
  L: number;
  a: number;
  b: number;
  C: number;
}

export function regionMeans(pl: Planes, set: Uint8Array | null): RegionMeans {
  let n = 0, y = 0, L = 0, a = 0, b = 0, C = 0;
  for (let i = 0; i < pl.n; i++) {
    if (set && !set[i]) continue;
    n++;
    y += pl.luma[i];
    L += pl.L[i];
    a += pl.A[i];
    b += pl.B[i];
    C += pl.C[i];
  }
  const k = n ? 1 / n : 0;
  return { n, luma: y * k, L: L * k, a: a * k, b: b * k, C: C * k };
}

/** Pixels of one HSL colour family on the before image (chromatic only). */
export function familySet(before: Perception, family: HueFamily): Uint8Array {
  const pl = before.planes;
  const c = before.preview.codes;
  const want = HUE_FAMILIES.indexOf(family);
  const out = new Uint8Array(pl.n);
  const k = 255 / CODE_MAX;
  for (let i = 0, j = 0; i < pl.n; i++, j += 3) {
    if (pl.C[i] <= 12) continue;
    const h = hsvHue(c[j] * k, c[j + 1] * k, c[j + 2] * k);
    if (h >= 0 && hueFamilyIndex(h) === want) out[i] = 1;
  }
  return out;
}

/** Mean HSV hue (circular, degrees) of a set of pixels. */
export function meanHue(p: Perception, set: Uint8Array): number {
  const c = p.preview.codes;
  const k = 255 / CODE_MAX;
  let sx = 0, sy = 0;
  for (let i = 0, j = 0; i < set.length; i++, j += 3) {
    if (!set[i]) continue;
    const h = hsvHue(c[j] * k, c[j + 1] * k, c[j + 2] * k);
    if (h < 0) continue;
    sx += Math.cos((h * Math.PI) / 180);
    sy += Math.sin((h * Math.PI) / 180);
  }
  return ((Math.atan2(sy, sx) * 180) / Math.PI + 360) % 360;
}

/** Mean luma of the outer ring over mean luma of the centre (vignetting: < 1 means darker edges). */
export function edgeRatio(pl: Planes): number {
  let e = 0, ne = 0, c = 0, nc = 0;
  const { width: w, height: h } = pl;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const d = ((x + 0.5) / w - 0.5) ** 2 + ((y + 0.5) / h - 0.5) ** 2;
      const v = pl.luma[y * w + x];
      if (d > 0.3) (e += v), ne++;
      else if (d < 0.05) (c += v), nc++;
    }
  return ne && nc && c > 0 ? e / ne / (c / nc) : 1;
}

/**
 * Halo measure: rims along strong edges in the part of the luma change that tone curves cannot
 * explain. R = after − (the best per-luma mapping of before, fitted per tile of a 6×6 grid,
 * piecewise linear through 1/32 luma bins: global and regionally different curves, as a masked
 * local edit makes) − (a smoothly varying gain and offset on the source luma: a local affine fit
 * over a 17×17 window, as a guided filter does). Along each strong edge's normal, on each side,
 * the second difference R(2 px) − 2·R(7 px) + R(12 px) is ~0 for a global edit, for a masked
 * edit whose boundary follows the edge (a step) and for a wide feather (a ramp); it is large for a
 * rim that peaks near the edge and fades — a halo. (An earlier form differenced the change across
 * the edge, which scored a deliberate "keep the sky" mask boundary as a halo: 0.06 on a plain
 * brighten + warm of a real photo.) Returns the mean over edge pixels, in luma units (0..1).
 */
export function haloScore(before: Perception, after: Planes): number {
  const b = before.planes;
  const { width: w, height: h } = b;
  const n = w * h;
  const T = 6, BINS = 32, G = T * T;
  const tileOf = (x: number, y: number): number => Math.min(T - 1, ((y * T) / h) | 0) * T + Math.min(T - 1, ((x * T) / w) | 0);
  const sumB = new Float64Array((G + 1) * BINS), sumA = new Float64Array((G + 1) * BINS);
  const cnt = new Uint32Array((G + 1) * BINS);
  for (let y = 0, i = 0; y < h; y++)
    for (let x = 0; x < w; x++, i++) {
      const v = b.luma[i];
      const k = Math.min(BINS - 1, (v * BINS) | 0);
      const t = tileOf(x, y) * BINS + k, tg = G * BINS + k;
      const a = after.luma[i];
      sumB[t] += v;
      sumA[t] += a;
      cnt[t]++;
      sumB[tg] += v;
      sumA[tg] += a;
      cnt[tg]++;
    }
  // Points (xs, ys) per tile; sparse bins take the whole image's point (NaN: none at all).
  const xs = new Float32Array((G + 1) * BINS).fill(NaN), ys = new Float32Array((G + 1) * BINS).fill(NaN);
  for (let t = 0; t < (G + 1) * BINS; t++) {
    const src = cnt[t] >= 6 ? t : cnt[G * BINS + (t % BINS)] ? G * BINS + (t % BINS) : -1;
    if (src >= 0) (xs[t] = sumB[src] / cnt[src]), (ys[t] = sumA[src] / cnt[src]);
  }
  const mapAt = (tile: number, v: number): number => {
    const o = tile * BINS;
    const k = Math.min(BINS - 1, (v * BINS) | 0);
    if (Number.isNaN(xs[o + k])) return v;
    const j = v < xs[o + k] ? k - 1 : k + 1;
    if (j < 0 || j >= BINS || Number.isNaN(xs[o + j]) || xs[o + j] === xs[o + k]) return ys[o + k];
    const t = (v - xs[o + k]) / (xs[o + j] - xs[o + k]);
    return ys[o + k] + (ys[o + j] - ys[o + k]) * t;
  };
  const r1 = new Float32Array(n);
  for (let y = 0, i = 0; y < h; y++) for (let x = 0; x < w; x++, i++) r1[i] = after.luma[i] - mapAt(tileOf(x, y), b.luma[i]);
  const I = b.luma;
  const prod = new Float32Array(n), sq = new Float32Array(n);
  for (let i = 0; i < n; i++) (prod[i] = I[i] * r1[i]), (sq[i] = I[i] * I[i]);
  const RAD = 8;
  const mI = boxMean(I, w, h, RAD), mR = boxMean(r1, w, h, RAD), mIR = boxMean(prod, w, h, RAD), mII = boxMean(sq, w, h, RAD);
  const A = new Float32Array(n), B = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    A[i] = (mIR[i] - mI[i] * mR[i]) / (mII[i] - mI[i] * mI[i] + 1e-3);
    B[i] = mR[i] - A[i] * mI[i];
  }
  const mA = boxMean(A, w, h, RAD), mB = boxMean(B, w, h, RAD);
  const R = new Float32Array(n);
  for (let i = 0; i < n; i++) R[i] = r1[i] - (mA[i] * I[i] + mB[i]);
  const g = before.gradients;
  const thr = Math.max(8, g.p97);
  const M = 13;
  let s = 0, m = 0;
  for (let y = M; y < h - M; y++)
    for (let x = M; x < w - M; x++) {
      const i = y * w + x;
      const mag = g.mag[i];
      if (mag < thr) continue;
      const ux = g.gx[i] / mag, uy = g.gy[i] / mag;
      const o2 = Math.round(uy * 2) * w + Math.round(ux * 2);
      const o7 = Math.round(uy * 7) * w + Math.round(ux * 7);
      const o12 = Math.round(uy * 12) * w + Math.round(ux * 12);
      s += (Math.abs(R[i + o2] - 2 * R[i + o7] + R[i + o12]) + Math.abs(R[i - o2] - 2 * R[i - o7] + R[i - o12])) / 2;
      m++;
    }
  return m ? s / m : 0;
}

/** Mean over a (2r+1)² box (clamped at the borders), via a summed-area table. */
function boxMean(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const sat = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += src[y * w + x];
      sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1] + row;
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r), x1 = Math.min(w, x + r + 1);
      const s = sat[y1 * (w + 1) + x1] - sat[y0 * (w + 1) + x1] - sat[y1 * (w + 1) + x0] + sat[y0 * (w + 1) + x0];
      out[y * w + x] = s / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}
