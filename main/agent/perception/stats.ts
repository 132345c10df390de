/**
 * Tonal and colour statistics of a preview: percentiles, clipping, zones, contrast, mean Lab,
 * colour cast, saturation and colourfulness, hue-family coverage. Pure.
 */
import { histPercentile, CODE_MAX, type Planes, type Preview } from './image.ts';

export interface Percentiles {
  p1: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  p99: number;
}

export interface ToneStats {
  /** sRGB-encoded luminance percentiles (0..1) and mean. */
  luma: Percentiles & { mean: number };
  /** Encoded channel percentiles (0..1). */
  channels: { r: Percentiles; g: Percentiles; b: Percentiles };
  /** Share of pixels with a channel at 254+/255 and with all channels at ≤ 1/255. */
  clipping: { highlights: number; shadows: number };
  /** Share of pixels in luma zones: < 0.25, 0.25..0.75, > 0.75. */
  zones: { shadows: number; midtones: number; highlights: number };
  /** Standard deviation of L* ÷ 100 (RMS contrast) and the p95 − p5 luma spread. */
  contrast: { rms: number; spread: number };
  /** 16-bin luma histogram (shares, sum 1). */
  histogram: number[];
}

export const HUE_FAMILIES = ['red', 'orange', 'yellow', 'green', 'aqua', 'blue', 'purple', 'magenta'] as const;
export type HueFamily = (typeof HUE_FAMILIES)[number];
/** Centres (HSV hue, degrees) of Lightroom's HSL colour families. */
export const HUE_CENTRES: Record<HueFamily, number> = {
  red: 0, orange: 30, yellow: 60, green: 120, aqua: 180, blue: 225, purple: 270, magenta: 315,
};

export interface ColourStats {
  /** Mean CIELAB over the image. */
  meanLab: { L: number; a: number; b: number };
  /**
   * The colour cast: mean a*, b* of near-neutral pixels (grey-world over all pixels when too few
   * neutrals); strength = √(a² + b²); label such as 'blue', 'yellow-red', 'none'.
   */
  cast: { a: number; b: number; strength: number; label: string; neutralShare: number };
  /** Mean and 90th percentile chroma (C*ab), share of pixels with C* > 60 (very saturated). */
  saturation: { mean: number; p90: number; highShare: number };
  /** Hasler–Süsstrunk colourfulness (0 grey … ~110 extremely colourful; 8-bit units). */
  colourfulness: number;
  /** Share of all pixels that are chromatic (C* > 12) per HSL family. */
  hues: Record<HueFamily, number>;
}

function percentiles(hist: Uint32Array, n: number): Percentiles {
  return {
    p1: histPercentile(hist, n, 1),
    p5: histPercentile(hist, n, 5),
    p25: histPercentile(hist, n, 25),
    p50: histPercentile(hist, n, 50),
    p75: histPercentile(hist, n, 75),
    p95: histPercentile(hist, n, 95),
    p99: histPercentile(hist, n, 99),
  };
}

export function toneStats(pl: Planes): ToneStats {
  const n = pl.n;
  let sumLuma = 0, sumL = 0, sumL2 = 0;
  let zs = 0, zh = 0;
  for (let i = 0; i < n; i++) {
    const y = pl.luma[i];
    sumLuma += y;
    const l = pl.L[i] / 100;
    sumL += l;
    sumL2 += l * l;
    if (y < 0.25) zs++;
    else if (y > 0.75) zh++;
  }
  const meanL = sumL / n;
  const luma = { ...percentiles(pl.histLuma, n), mean: sumLuma / n };
  const histogram: number[] = [];
  for (let b = 0; b < 16; b++) {
    let s = 0;
    for (let k = 0; k < 16; k++) s += pl.histLuma[b * 16 + k];
    histogram.push(s / n);
  }
  return {
    luma,
    channels: { r: percentiles(pl.histR, n), g: percentiles(pl.histG, n), b: percentiles(pl.histB, n) },
    clipping: { highlights: pl.clippedHigh / n, shadows: pl.clippedLow / n },
    zones: { shadows: zs / n, midtones: (n - zs - zh) / n, highlights: zh / n },
    contrast: { rms: Math.sqrt(Math.max(0, sumL2 / n - meanL * meanL)), spread: luma.p95 - luma.p5 },
    histogram,
  };
}

/** HSV hue in degrees (0..360) of encoded RGB, or −1 when achromatic. */
export function hsvHue(r: number, g: number, b: number): number {
  const max = r > g ? (r > b ? r : b) : g > b ? g : b;
  const min = r < g ? (r < b ? r : b) : g < b ? g : b;
  const d = max - min;
  if (d <= 0) return -1;
  let h: number;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  h *= 60;
  return h < 0 ? h + 360 : h;
}

/** Index into HUE_FAMILIES of the nearest family centre. */
export function hueFamilyIndex(h: number): number {
  // Boundaries half-way between the centres (red 0, orange 30, yellow 60, green 120, aqua 180, blue 225, purple 270, magenta 315).
  if (h < 15 || h >= 337.5) return 0;
  if (h < 45) return 1;
  if (h < 90) return 2;
  if (h < 150) return 3;
  if (h < 202.5) return 4;
  if (h < 247.5) return 5;
  if (h < 292.5) return 6;
  return 7;
}

export function castLabel(a: number, b: number): string {
  const s = Math.hypot(a, b);
  if (s < 2.5) return 'none';
  const parts: string[] = [];
  if (b > 1.5 && Math.abs(b) >= Math.abs(a) * 0.4) parts.push('yellow');
  if (b < -1.5 && Math.abs(b) >= Math.abs(a) * 0.4) parts.push('blue');
  if (a > 1.5 && Math.abs(a) >= Math.abs(b) * 0.4) parts.push('magenta');
  if (a < -1.5 && Math.abs(a) >= Math.abs(b) * 0.4) parts.push('green');
  return parts.join('-') || 'none';
}

export function colourStats(pl: Planes, preview: Preview): ColourStats {
  const n = pl.n;
  let sL = 0, sa = 0, sb = 0;
  let na = 0, nsa = 0, nsb = 0;
  let sC = 0, high = 0;
  const chromaHist = new Uint32Array(256);
  const fam = new Float64Array(8);
  let srg = 0, srg2 = 0, syb = 0, syb2 = 0;
  const c = preview.codes;
  const k = 255 / CODE_MAX;
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const L = pl.L[i], a = pl.A[i], b = pl.B[i], C = pl.C[i];
    sL += L;
    sa += a;
    sb += b;
    sC += C;
    if (C > 60) high++;
    chromaHist[Math.min(255, (C * 2) | 0)]++;
    if (C < 18 && L > 15 && L < 97) {
      // Near-neutral: weight the least saturated most (they carry the illuminant).
      const w = 1 - C / 18;
      na += w;
      nsa += w * a;
      nsb += w * b;
    }
    const r = c[j] * k, g = c[j + 1] * k, bl = c[j + 2] * k;
    const rg = r - g;
    const yb = 0.5 * (r + g) - bl;
    srg += rg;
    srg2 += rg * rg;
    syb += yb;
    syb2 += yb * yb;
    if (C > 12) {
      const h = hsvHue(r, g, bl);
      if (h >= 0) fam[hueFamilyIndex(h)]++;
    }
  }
  const neutralShare = na / n;
  const castA = neutralShare > 0.03 ? nsa / na : sa / n;
  const castB = neutralShare > 0.03 ? nsb / na : sb / n;
  const mrg = srg / n, myb = syb / n;
  const vrg = Math.max(0, srg2 / n - mrg * mrg), vyb = Math.max(0, syb2 / n - myb * myb);
  const colourfulness = Math.sqrt(vrg + vyb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
  const hues = {} as Record<HueFamily, number>;
  HUE_FAMILIES.forEach((f, i) => (hues[f] = fam[i] / n));
  return {
    meanLab: { L: sL / n, a: sa / n, b: sb / n },
    cast: { a: castA, b: castB, strength: Math.hypot(castA, castB), label: castLabel(castA, castB), neutralShare },
    saturation: { mean: sC / n, p90: histPercentile(chromaHist, n, 90) * 128, highShare: high / n },
    colourfulness,
    hues,
  };
}
