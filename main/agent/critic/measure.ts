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
 * Halo measure: the part of the luma change a global tone curve cannot explain (after minus
 * the best per-luma mapping of before), differenced across strong edges at ±3 px. Clean global
 * and smooth local edits give ~0; edge-aware edits gone wrong give bright/dark rims (> 0.03).
 */
export function haloScore(before: Perception, after: Planes): number {
  const b = before.planes;
  const n = b.n;
  const sum = new Float64Array(256);
  const cnt = new Uint32Array(256);
  for (let i = 0; i < n; i++) {
    const k = Math.min(255, (b.luma[i] * 256) | 0);
    sum[k] += after.luma[i];
    cnt[k]++;
  }
  const map = new Float32Array(256);
  let last = 0;
  for (let k = 0; k < 256; k++) map[k] = last = cnt[k] ? sum[k] / cnt[k] : last;
  const g = before.gradients;
  const thr = Math.max(8, g.p97);
  const { width: w, height: h } = b;
  const R = (i: number): number => after.luma[i] - map[Math.min(255, (b.luma[i] * 256) | 0)];
  let s = 0, m = 0;
  for (let y = 4; y < h - 4; y++)
    for (let x = 4; x < w - 4; x++) {
      const i = y * w + x;
      const mag = g.mag[i];
      if (mag < thr) continue;
      const dx = Math.round((g.gx[i] / mag) * 3), dy = Math.round((g.gy[i] / mag) * 3);
      s += Math.abs(R(i + dy * w + dx) - R(i - dy * w - dx));
      m++;
    }
  return m ? s / m : 0;
}
