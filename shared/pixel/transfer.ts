/** sRGB transfer functions (IEC 61966-2-1) and lookup tables. Pure. */

export function srgbToLinear(v: number): number {
  return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}

export function linearToSrgb(v: number): number {
  if (v <= 0.0031308) return v * 12.92;
  return 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
}

/** Rec.709 / sRGB relative luminance weights (linear light). */
export const LUMA_R = 0.2126;
export const LUMA_G = 0.7152;
export const LUMA_B = 0.0722;

const decodeLuts = new Map<number, Float32Array>();

/** LUT from an integer code value (8- or 16-bit sRGB-encoded) to linear light. */
export function decodeLut(bits: 8 | 16): Float32Array {
  let lut = decodeLuts.get(bits);
  if (!lut) {
    const n = 1 << bits;
    lut = new Float32Array(n);
    for (let i = 0; i < n; i++) lut[i] = srgbToLinear(i / (n - 1));
    decodeLuts.set(bits, lut);
  }
  return lut;
}

/**
 * Linear → sRGB-encoded via a LUT indexed on a fine grid of linear values in [0, 1]
 * (4096 entries, linear interpolation: max error < 2e-4 above 0.0002, exact below through the
 * linear segment). Values outside [0, 1] are extended: negative stay linear×12.92, above 1 use pow.
 */
const ENC_N = 4096;
let encodeLutCache: Float32Array | null = null;
export function encodeLut(): Float32Array {
  if (!encodeLutCache) {
    encodeLutCache = new Float32Array(ENC_N + 2);
    for (let i = 0; i <= ENC_N + 1; i++) encodeLutCache[i] = linearToSrgb(Math.min(i / ENC_N, 1));
  }
  return encodeLutCache;
}

export function linearToSrgbFast(v: number, lut: Float32Array): number {
  if (v <= 0.0031308) return v * 12.92;
  if (v >= 1) return v === 1 ? 1 : linearToSrgb(v);
  const f = v * ENC_N;
  const i = f | 0;
  const t = f - i;
  return lut[i] + (lut[i + 1] - lut[i]) * t;
}
