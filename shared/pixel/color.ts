/** Colour conversions between linear sRGB, CIE XYZ (D65) and CIELAB, and ΔE2000. Pure. */
import { srgbToLinear } from './transfer.ts';

export type Vec3 = [number, number, number];

// D65 reference white.
const XN = 0.95047;
const YN = 1.0;
const ZN = 1.08883;

export function linearRgbToXyz(r: number, g: number, b: number): Vec3 {
  return [
    0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
    0.2126729 * r + 0.7151522 * g + 0.072175 * b,
    0.0193339 * r + 0.119192 * g + 0.9503041 * b,
  ];
}

function labF(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116;
}

export function xyzToLab(x: number, y: number, z: number): Vec3 {
  const fx = labF(x / XN);
  const fy = labF(y / YN);
  const fz = labF(z / ZN);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

export function linearRgbToLab(r: number, g: number, b: number): Vec3 {
  const [x, y, z] = linearRgbToXyz(r, g, b);
  return xyzToLab(x, y, z);
}

/** sRGB-encoded (0..1) → Lab. */
export function srgbToLab(r: number, g: number, b: number): Vec3 {
  return linearRgbToLab(srgbToLinear(r), srgbToLinear(g), srgbToLinear(b));
}

const DEG = Math.PI / 180;

/** CIEDE2000 colour difference (Sharma, Wu, Dalal 2005), kL = kC = kH = 1. */
export function deltaE2000(l1: number, a1: number, b1: number, l2: number, a2: number, b2: number): number {
  const c1 = Math.hypot(a1, b1);
  const c2 = Math.hypot(a2, b2);
  const cBar = (c1 + c2) / 2;
  const cBar7 = cBar ** 7;
  const g = 0.5 * (1 - Math.sqrt(cBar7 / (cBar7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const h1p = c1p === 0 ? 0 : (Math.atan2(b1, a1p) / DEG + 360) % 360;
  const h2p = c2p === 0 ? 0 : (Math.atan2(b2, a2p) / DEG + 360) % 360;
  const dLp = l2 - l1;
  const dCp = c2p - c1p;
  let dhp = 0;
  if (c1p * c2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin((dhp * DEG) / 2);
  const lBarP = (l1 + l2) / 2;
  const cBarP = (c1p + c2p) / 2;
  let hBarP = h1p + h2p;
  if (c1p * c2p !== 0) {
    if (Math.abs(h1p - h2p) > 180) hBarP = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
    else hBarP = (h1p + h2p) / 2;
  }
  const t =
    1 -
    0.17 * Math.cos((hBarP - 30) * DEG) +
    0.24 * Math.cos(2 * hBarP * DEG) +
    0.32 * Math.cos((3 * hBarP + 6) * DEG) -
    0.2 * Math.cos((4 * hBarP - 63) * DEG);
  const dTheta = 30 * Math.exp(-(((hBarP - 275) / 25) ** 2));
  const cBarP7 = cBarP ** 7;
  const rc = 2 * Math.sqrt(cBarP7 / (cBarP7 + 25 ** 7));
  const lm = (lBarP - 50) ** 2;
  const sl = 1 + (0.015 * lm) / Math.sqrt(20 + lm);
  const sc = 1 + 0.045 * cBarP;
  const sh = 1 + 0.015 * cBarP * t;
  const rt = -Math.sin(2 * dTheta * DEG) * rc;
  const tl = dLp / sl;
  const tc = dCp / sc;
  const th = dHp / sh;
  return Math.sqrt(tl * tl + tc * tc + th * th + rt * tc * th);
}

/**
 * Per-pixel ΔE2000 between two sRGB-encoded RGB images (interleaved, values 0..1 as floats, or
 * 8-bit/16-bit integers with `max` given). Returns the per-pixel differences.
 */
export function deltaE2000Image(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  max = 1,
): Float32Array {
  if (a.length !== b.length) throw new Error(`image sizes differ: ${a.length} vs ${b.length} samples`);
  const n = a.length / 3;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const la = srgbToLab(a[3 * i] / max, a[3 * i + 1] / max, a[3 * i + 2] / max);
    const lb = srgbToLab(b[3 * i] / max, b[3 * i + 1] / max, b[3 * i + 2] / max);
    out[i] = deltaE2000(la[0], la[1], la[2], lb[0], lb[1], lb[2]);
  }
  return out;
}

/** Mean and a percentile (0..100) of a list of differences. */
export function summarize(values: Float32Array, percentile = 99): { mean: number; p: number; max: number } {
  let sum = 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (values[i] > max) max = values[i];
  }
  const sorted = Float32Array.from(values).sort();
  const idx = Math.min(sorted.length - 1, Math.floor((percentile / 100) * sorted.length));
  return { mean: values.length ? sum / values.length : 0, p: sorted[idx] ?? 0, max };
}
