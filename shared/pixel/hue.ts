/**
 * Hue helpers for the colour ops: the eight Lightroom colour bands, smooth band weights over hue,
 * HSV conversions, and tables indexed by hue without atan2 per pixel. Pure.
 *
 * Hue lives in OkLCh (the hue of OkLab's a, b), which is perceptually even: a hue change does not
 * drift in lightness and blue does not turn purple when it is desaturated. Band centres are the
 * OkLCh hues of the familiar sRGB colours (red = sRGB hue 0°, orange 30°, yellow 60°, green 120°,
 * aqua 180°, blue 240°, purple 270°, magenta 300°), so "the greens" means what a user means.
 *
 * Per pixel, hue is read as a "diamond angle" (a monotone, cheap stand-in for atan2 on [0, 4)),
 * and hue tables are sampled on that coordinate; the tables are built in true degrees.
 */
import { srgbToOklab } from './oklab.ts';

export const BANDS = ['red', 'orange', 'yellow', 'green', 'aqua', 'blue', 'purple', 'magenta'] as const;
export type Band = (typeof BANDS)[number];
/** The sRGB (HSV) hue, in degrees, of each band's pure colour. */
export const BAND_SRGB_HUES = [0, 30, 60, 120, 180, 240, 270, 300] as const;

/** HSV → sRGB-encoded (h in degrees, s and v 0..1). */
export function hsvToSrgb(h: number, s: number, v: number): [number, number, number] {
  const hh = (((h % 360) + 360) % 360) / 60;
  const i = Math.floor(hh);
  const f = hh - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  switch (i) {
    case 0:
      return [v, t, p];
    case 1:
      return [q, v, p];
    case 2:
      return [p, v, t];
    case 3:
      return [p, q, v];
    case 4:
      return [t, p, v];
    default:
      return [v, p, q];
  }
}

/** HSV hue (degrees, 0..360) of an sRGB colour; 0 for neutrals. */
export function srgbHue(r: number, g: number, b: number): number {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  if (d <= 0) return 0;
  let h: number;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

/** OkLCh hue in degrees (0..360) of OkLab a, b. */
export function okHue(a: number, b: number): number {
  return ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
}

/** OkLCh hue of an sRGB-encoded colour. */
export function okHueOfSrgb(r: number, g: number, b: number): number {
  const lab = srgbToOklab(r, g, b);
  return okHue(lab[1], lab[2]);
}

/** OkLCh hue of each band's centre (red ≈ 29°, orange ≈ 56°, yellow ≈ 110°, green ≈ 142°, …). */
export const BAND_CENTRES: readonly number[] = BAND_SRGB_HUES.map((h) => {
  const [r, g, b] = hsvToSrgb(h, 1, 1);
  return okHueOfSrgb(r, g, b);
});

/** Forward gap (degrees) from band k's centre to band k+1's (wrapping). */
export function bandGap(k: number): number {
  const a = BAND_CENTRES[k];
  const b = BAND_CENTRES[(k + 1) % BANDS.length];
  return (((b - a) % 360) + 360) % 360;
}

/**
 * Weights of the eight bands at an OkLCh hue: a raised-cosine cross-fade between the two band
 * centres that enclose the hue. They are ≥ 0, sum to exactly 1 (partition of unity), are C¹
 * smooth over hue and equal 1 at a band's own centre.
 */
export function bandWeights(hue: number, out: Float64Array = new Float64Array(BANDS.length)): Float64Array {
  out.fill(0);
  let h = hue % 360;
  if (h < 0) h += 360;
  const n = BANDS.length;
  for (let k = 0; k < n; k++) {
    const gap = BAND_GAPS[k];
    let d = (h - BAND_CENTRES[k]) % 360;
    if (d < 0) d += 360;
    if (d >= 360 - 1e-9) d = 0;
    if (d < gap) {
      const t = d / gap;
      const w1 = 0.5 - 0.5 * Math.cos(Math.PI * t);
      out[k] = 1 - w1;
      out[(k + 1) % n] = w1;
      return out;
    }
  }
  return out;
}

const BAND_GAPS: readonly number[] = BANDS.map((_, k) => bandGap(k));

let tableWeights: Float64Array | null = null;
/**
 * bandWeights at the hue of every hue-table entry (HUE_LUT_SIZE rows of the eight weights): the
 * same for every setting, so made once; the HSL tables are then weighted sums of its rows.
 */
export function hueTableWeights(): Float64Array {
  if (!tableWeights) {
    const n = BANDS.length;
    const w = new Float64Array(n);
    tableWeights = new Float64Array(HUE_LUT_SIZE * n);
    for (let i = 0; i < HUE_LUT_SIZE; i++) {
      bandWeights(diamondToDegrees((4 * i) / (HUE_LUT_SIZE - 1)), w);
      tableWeights.set(w, i * n);
    }
  }
  return tableWeights;
}

/** Diamond angle of (a, b): a monotone function of the polar angle, on [0, 4); 0 at the origin. */
export function diamond(a: number, b: number): number {
  if (b >= 0) {
    if (a >= 0) {
      const s = a + b;
      return s > 0 ? b / s : 0;
    }
    return 1 - a / (b - a);
  }
  if (a < 0) return 2 - b / (-a - b);
  return 3 + a / (a - b);
}

/** The polar angle, in degrees, of a diamond angle p ∈ [0, 4]. */
export function diamondToDegrees(p: number): number {
  const q = ((p % 4) + 4) % 4;
  const k = Math.floor(q);
  const f = q - k;
  return (Math.atan2(f, 1 - f) * 180) / Math.PI + 90 * k;
}

/** Entries of hue tables (sampled on diamond / 4; the last entry repeats the first). */
export const HUE_LUT_SIZE = 2048;

/**
 * A `channels`-channel hue table: entry i holds f(hue) at the hue whose diamond angle is
 * 4·i/(N − 1). Sample it with lutAtChannel(lut, channels, c, diamond(a, b) / 4).
 */
export function buildHueLut(channels: number, f: (hueDeg: number, out: number[]) => void): Float32Array {
  const n = HUE_LUT_SIZE;
  const lut = new Float32Array(n * channels);
  const tmp: number[] = new Array(channels).fill(0);
  for (let i = 0; i < n; i++) {
    f(diamondToDegrees((4 * i) / (n - 1)), tmp);
    for (let c = 0; c < channels; c++) lut[i * channels + c] = tmp[c];
  }
  return lut;
}

/** GLSL twin of `diamond(a, b) / 4` (the hue-table coordinate), prefixed `<p>_hue_x`. */
export function hueGlsl(p: string): string {
  return /* glsl */ `
float ${p}_hue_x(vec2 ab) {
  float a = ab.x;
  float b = ab.y;
  float d;
  if (b >= 0.0) {
    if (a >= 0.0) d = (a + b) > 0.0 ? b / (a + b) : 0.0;
    else d = 1.0 - a / (b - a);
  } else {
    if (a < 0.0) d = 2.0 - b / (-a - b);
    else d = 3.0 + a / (a - b);
  }
  return d * 0.25;
}
`;
}
