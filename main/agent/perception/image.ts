/**
 * The working form of a small preview that perception and the critic measure: 12-bit
 * sRGB-encoded codes (one allocation, no per-pixel objects) plus per-pixel planes of
 * luminance and CIELAB computed through lookup tables.
 *
 * Pure TypeScript (no Node, no DOM) so the same code can run in the renderer.
 */
import { srgbToLinear, linearToSrgb } from '../../../shared/pixel/transfer.ts';

/**
 * An sRGB-encoded, interleaved RGB image: 8-bit (0..255), 16-bit (0..65535) or float (0..1).
 * A pipeline SourceImage and renderImage's output both fit this shape.
 */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray | Uint16Array | Float32Array;
  bits?: 8 | 16;
}

export const CODE_MAX = 4095;
const CODES = CODE_MAX + 1;

/** A preview reduced to at most `maxSide` pixels a side, as 12-bit sRGB codes. */
export interface Preview {
  width: number;
  height: number;
  /** RGB interleaved, 0..4095 sRGB-encoded. */
  codes: Uint16Array;
}

/** Per-pixel planes and histograms of a preview. */
export interface Planes {
  width: number;
  height: number;
  n: number;
  /** sRGB-encoded relative luminance (0..1): what a photographer's luminance histogram shows. */
  luma: Float32Array;
  /** CIELAB (D65). */
  L: Float32Array;
  A: Float32Array;
  B: Float32Array;
  /** Chroma √(a² + b²). */
  C: Float32Array;
  /** 256-bin histograms of the encoded R, G, B channels and of luma. */
  histR: Uint32Array;
  histG: Uint32Array;
  histB: Uint32Array;
  histLuma: Uint32Array;
  /** Pixels with any channel at the top code (≥ 254/255) and with all channels ≤ 1/255. */
  clippedHigh: number;
  clippedLow: number;
}

let linLut: Float32Array | null = null;
/** 12-bit encoded code → linear light. */
export function linearLut(): Float32Array {
  if (!linLut) {
    linLut = new Float32Array(CODES);
    for (let i = 0; i < CODES; i++) linLut[i] = srgbToLinear(i / CODE_MAX);
  }
  return linLut;
}

const F_N = 4096;
const F_MAX = 1.25;
let fLut: Float32Array | null = null;
/** The CIELAB f(t) on [0, 1.25], linearly interpolated (error < 1e-4 above t = 0.01). */
function labFLut(): Float32Array {
  if (!fLut) {
    fLut = new Float32Array(F_N + 2);
    for (let i = 0; i <= F_N + 1; i++) {
      const t = (Math.min(i, F_N) / F_N) * F_MAX;
      fLut[i] = t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116;
    }
  }
  return fLut;
}

function labF(t: number, lut: Float32Array): number {
  if (t <= 0) return 16 / 116 + (24389 / 27 / 116) * t;
  if (t >= F_MAX) return Math.cbrt(t);
  const f = (t / F_MAX) * F_N;
  const i = f | 0;
  return lut[i] + (lut[i + 1] - lut[i]) * (f - i);
}

const ENC_N = 4096;
let encLut: Float32Array | null = null;
/** Linear [0, 1] → encoded, 4096 steps (luma only needs ~1e-3). */
function encodeLut(): Float32Array {
  if (!encLut) {
    encLut = new Float32Array(ENC_N + 2);
    for (let i = 0; i <= ENC_N + 1; i++) encLut[i] = linearToSrgb(Math.min(i, ENC_N) / ENC_N);
  }
  return encLut;
}

export function encodeFast(v: number): number {
  if (v <= 0) return 0;
  if (v >= 1) return 1;
  const lut = encodeLut();
  const f = v * ENC_N;
  const i = f | 0;
  return lut[i] + (lut[i + 1] - lut[i]) * (f - i);
}

function sampleMax(img: RgbImage): number {
  if (img.data instanceof Float32Array) return 1;
  if (img.data instanceof Uint16Array) return img.bits === 8 ? 255 : 65535;
  return 255;
}

/**
 * Reduce an image to at most `maxSide` pixels a side (area average of the encoded values, which
 * is what a display-referred thumbnail does) and quantise to 12-bit codes.
 */
export function toPreview(img: RgbImage, maxSide = 512): Preview {
  const { width: w, height: h } = img;
  if (w <= 0 || h <= 0) throw new Error(`empty image ${w}×${h}`);
  if (img.data.length < w * h * 3) throw new Error(`image data too short for ${w}×${h} RGB`);
  const scaleDown = Math.max(1, Math.max(w, h) / maxSide);
  const ow = Math.max(1, Math.min(w, Math.round(w / scaleDown)));
  const oh = Math.max(1, Math.min(h, Math.round(h / scaleDown)));
  const codes = new Uint16Array(ow * oh * 3);
  const scale = CODE_MAX / sampleMax(img);
  const src = img.data;
  if (ow === w && oh === h) {
    for (let i = 0; i < ow * oh * 3; i++) {
      const v = src[i] * scale;
      codes[i] = v <= 0 ? 0 : v >= CODE_MAX ? CODE_MAX : (v + 0.5) | 0;
    }
    return { width: ow, height: oh, codes };
  }
  // Box average over each output pixel's footprint (whole source pixels; footprints tile the image).
  const xs = new Int32Array(ow + 1);
  for (let x = 0; x <= ow; x++) xs[x] = Math.min(w, Math.round((x * w) / ow));
  const acc = new Float64Array(ow * 3);
  for (let oy = 0; oy < oh; oy++) {
    const y0 = Math.round((oy * h) / oh), y1 = Math.max(y0 + 1, Math.round(((oy + 1) * h) / oh));
    acc.fill(0);
    for (let y = y0; y < y1; y++) {
      const row = y * w * 3;
      for (let ox = 0; ox < ow; ox++) {
        let r = 0, g = 0, b = 0;
        for (let p = row + xs[ox] * 3, e = row + xs[ox + 1] * 3; p < e; p += 3) {
          r += src[p];
          g += src[p + 1];
          b += src[p + 2];
        }
        acc[ox * 3] += r;
        acc[ox * 3 + 1] += g;
        acc[ox * 3 + 2] += b;
      }
    }
    const o = oy * ow * 3;
    for (let ox = 0; ox < ow; ox++) {
      const norm = scale / ((y1 - y0) * Math.max(1, xs[ox + 1] - xs[ox]));
      for (let c = 0; c < 3; c++) {
        const v = acc[ox * 3 + c] * norm;
        codes[o + ox * 3 + c] = v <= 0 ? 0 : v >= CODE_MAX ? CODE_MAX : (v + 0.5) | 0;
      }
    }
  }
  return { width: ow, height: oh, codes };
}

const XN = 0.95047;
const ZN = 1.08883;
const HIGH_CODE = Math.round((254 / 255) * CODE_MAX);
const LOW_CODE = Math.round((1 / 255) * CODE_MAX);

/** Luminance and Lab planes plus histograms, in one pass through LUTs. */
export function computePlanes(p: Preview): Planes {
  const n = p.width * p.height;
  const lin = linearLut();
  const fl = labFLut();
  const luma = new Float32Array(n);
  const L = new Float32Array(n);
  const A = new Float32Array(n);
  const B = new Float32Array(n);
  const C = new Float32Array(n);
  const histR = new Uint32Array(256);
  const histG = new Uint32Array(256);
  const histB = new Uint32Array(256);
  const histLuma = new Uint32Array(256);
  let clippedHigh = 0;
  let clippedLow = 0;
  const c = p.codes;
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const cr = c[j], cg = c[j + 1], cb = c[j + 2];
    histR[cr >> 4]++;
    histG[cg >> 4]++;
    histB[cb >> 4]++;
    if (cr >= HIGH_CODE || cg >= HIGH_CODE || cb >= HIGH_CODE) clippedHigh++;
    if (cr <= LOW_CODE && cg <= LOW_CODE && cb <= LOW_CODE) clippedLow++;
    const r = lin[cr], g = lin[cg], b = lin[cb];
    const x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
    const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
    const z = 0.0193339 * r + 0.119192 * g + 0.9503041 * b;
    const fx = labF(x / XN, fl), fy = labF(y, fl), fz = labF(z / ZN, fl);
    const l = 116 * fy - 16;
    const a = 500 * (fx - fy);
    const bb = 200 * (fy - fz);
    L[i] = l;
    A[i] = a;
    B[i] = bb;
    C[i] = Math.sqrt(a * a + bb * bb);
    const e = encodeFast(y);
    luma[i] = e;
    histLuma[Math.min(255, (e * 256) | 0)]++;
  }
  return { width: p.width, height: p.height, n, luma, L, A, B, C, histR, histG, histB, histLuma, clippedHigh, clippedLow };
}

/** Percentile (0..100) of a 256-bin histogram over 0..1, interpolated inside the bin. */
export function histPercentile(hist: Uint32Array, total: number, pct: number): number {
  const target = (pct / 100) * total;
  let cum = 0;
  for (let i = 0; i < hist.length; i++) {
    const next = cum + hist[i];
    if (next >= target && hist[i] > 0) {
      const t = (target - cum) / hist[i];
      return Math.min(1, Math.max(0, (i + t) / hist.length));
    }
    cum = next;
  }
  return 1;
}

/** Box-downsample a plane by an integer factor (for fast coarse analysis). */
export function downsamplePlane(src: Float32Array, w: number, h: number, k: number): { data: Float32Array; width: number; height: number } {
  const ow = Math.max(1, Math.floor(w / k));
  const oh = Math.max(1, Math.floor(h / k));
  const out = new Float32Array(ow * oh);
  const inv = 1 / (k * k);
  for (let oy = 0; oy < oh; oy++)
    for (let ox = 0; ox < ow; ox++) {
      let s = 0;
      for (let dy = 0; dy < k; dy++) {
        const row = (oy * k + dy) * w + ox * k;
        for (let dx = 0; dx < k; dx++) s += src[row + dx];
      }
      out[oy * ow + ox] = s * inv;
    }
  return { data: out, width: ow, height: oh };
}
