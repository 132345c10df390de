/**
 * Full-reference image metrics for the quality benchmark: PSNR, SSIM and mean ΔE2000 between two
 * sRGB-encoded RGB images of the same size (interleaved; floats 0..1 or integers with `max`).
 *
 * - PSNR over all three channels on the 0..1 scale: 10·log10(1 / MSE).
 * - SSIM (Wang et al. 2004) on luminance Y' = 0.299 R' + 0.587 G' + 0.114 B' (the encoded-luma
 *   form most FiveK papers report), with the standard 11×11 Gaussian window (σ = 1.5),
 *   K1 = 0.01, K2 = 0.03, L = 1, computed as separable filters over the whole image ("valid"
 *   region only: windows that fit inside the image), averaged.
 * - ΔE2000 per pixel (shared/pixel/color.ts), averaged.
 */
import { deltaE2000Image } from '../../../shared/pixel/color.ts';

type Pixels = ArrayLike<number>;

function check(a: Pixels, b: Pixels): void {
  if (a.length !== b.length) throw new Error(`image sizes differ: ${a.length} vs ${b.length} samples`);
  if (a.length === 0 || a.length % 3) throw new Error(`not an RGB image: ${a.length} samples`);
}

/** PSNR in dB (Infinity for identical images). */
export function psnr(a: Pixels, b: Pixels, maxA = 1, maxB = maxA): number {
  check(a, b);
  const ka = 1 / maxA, kb = 1 / maxB;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] * ka - b[i] * kb;
    s += d * d;
  }
  return s === 0 ? Infinity : 10 * Math.log10(a.length / s);
}

/** Encoded luma (Rec. 601 weights) as 0..1 floats. */
export function lumaPlane(a: Pixels, max = 1): Float32Array {
  const n = a.length / 3;
  const out = new Float32Array(n);
  const k = 1 / max;
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = (0.299 * a[j] + 0.587 * a[j + 1] + 0.114 * a[j + 2]) * k;
  return out;
}

const RADIUS = 5;
let kernel: Float32Array | null = null;
function gaussian(): Float32Array {
  if (kernel) return kernel;
  const k = new Float32Array(2 * RADIUS + 1);
  let s = 0;
  for (let i = -RADIUS; i <= RADIUS; i++) s += k[i + RADIUS] = Math.exp(-(i * i) / (2 * 1.5 * 1.5));
  for (let i = 0; i < k.length; i++) k[i] /= s;
  return (kernel = k);
}

/** Separable 11×11 Gaussian filter, "valid" output ((w−10) × (h−10)). */
function filterValid(src: Float32Array, w: number, h: number): Float32Array {
  const k = gaussian();
  const ow = w - 2 * RADIUS, oh = h - 2 * RADIUS;
  const tmp = new Float32Array(ow * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let t = 0; t < k.length; t++) s += k[t] * src[row + x + t];
      tmp[y * ow + x] = s;
    }
  }
  const out = new Float32Array(ow * oh);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let t = 0; t < k.length; t++) s += k[t] * tmp[(y + t) * ow + x];
      out[y * ow + x] = s;
    }
  return out;
}

/** Mean SSIM of two luminance planes (0..1 values). */
export function ssimPlanes(x: Float32Array, y: Float32Array, w: number, h: number): number {
  if (x.length !== w * h || y.length !== w * h) throw new Error('plane sizes differ from w × h');
  if (w <= 2 * RADIUS || h <= 2 * RADIUS) throw new Error(`image too small for SSIM: ${w}×${h}`);
  const n = w * h;
  const xx = new Float32Array(n), yy = new Float32Array(n), xy = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    xx[i] = x[i] * x[i];
    yy[i] = y[i] * y[i];
    xy[i] = x[i] * y[i];
  }
  const mx = filterValid(x, w, h), my = filterValid(y, w, h);
  const sxx = filterValid(xx, w, h), syy = filterValid(yy, w, h), sxy = filterValid(xy, w, h);
  const c1 = 0.01 ** 2, c2 = 0.03 ** 2;
  let s = 0;
  for (let i = 0; i < mx.length; i++) {
    const a = mx[i], b = my[i];
    const vx = sxx[i] - a * a, vy = syy[i] - b * b, cv = sxy[i] - a * b;
    s += ((2 * a * b + c1) * (2 * cv + c2)) / ((a * a + b * b + c1) * (vx + vy + c2));
  }
  return s / mx.length;
}

/** SSIM on luminance of two RGB images of the given size. */
export function ssim(a: Pixels, b: Pixels, width: number, height: number, maxA = 1, maxB = maxA): number {
  check(a, b);
  return ssimPlanes(lumaPlane(a, maxA), lumaPlane(b, maxB), width, height);
}

/** Mean CIEDE2000 difference. */
export function meanDeltaE(a: Pixels, b: Pixels, maxA = 1, maxB = maxA): number {
  check(a, b);
  const fa = maxA === 1 ? a : Float32Array.from(a as ArrayLike<number>, (v) => v / maxA);
  const fb = maxB === 1 ? b : Float32Array.from(b as ArrayLike<number>, (v) => v / maxB);
  const d = deltaE2000Image(fa, fb, 1);
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i];
  return s / d.length;
}

export interface Scores {
  psnr: number;
  ssim: number;
  deltaE: number;
}

export function scoreAgainst(out: Pixels, target: Pixels, width: number, height: number, maxOut = 1, maxTarget = 255): Scores {
  return {
    psnr: psnr(out, target, maxOut, maxTarget),
    ssim: ssim(out, target, width, height, maxOut, maxTarget),
    deltaE: meanDeltaE(out, target, maxOut, maxTarget),
  };
}
