/**
 * Detail measurements on the luminance plane: gradients, noise (Immerkær's fast estimator on
 * flat areas) and sharpness (fine-to-coarse band energy on edges). Pure, typed arrays only.
 */
import type { Planes } from './image.ts';

export interface Gradients {
  width: number;
  height: number;
  gx: Float32Array;
  gy: Float32Array;
  mag: Float32Array;
  /** Gradient magnitude at the 90th and 97th percentiles (8-bit luma units). */
  p90: number;
  p97: number;
}

export interface DetailStats {
  /** Luma noise σ in 8-bit units (≈ 0.5 clean … 6+ very noisy), from flat areas. */
  noise: number;
  /** Chroma noise σ in a* and b* units, from flat areas. */
  chromaNoise: number;
  /** Edge acutance 0..1: fine-band energy over fine+coarse on strong edges (higher = crisper). */
  sharpness: number;
  /** Mean |luma − 3×3 mean| over the image (8-bit units): how much fine texture there is. */
  texture: number;
}

/** Sobel gradients of luma×255. */
export function gradients(pl: Planes): Gradients {
  const w = pl.width, h = pl.height, y = pl.luma;
  const gx = new Float32Array(w * h);
  const gy = new Float32Array(w * h);
  const mag = new Float32Array(w * h);
  const hist = new Uint32Array(512);
  let count = 0;
  for (let r = 1; r < h - 1; r++) {
    for (let c = 1; c < w - 1; c++) {
      const i = r * w + c;
      const a = y[i - w - 1], b = y[i - w], d = y[i - w + 1];
      const e = y[i - 1], f = y[i + 1];
      const g = y[i + w - 1], k = y[i + w], l = y[i + w + 1];
      const sx = (d + 2 * f + l - a - 2 * e - g) * (255 / 8);
      const sy = (g + 2 * k + l - a - 2 * b - d) * (255 / 8);
      gx[i] = sx;
      gy[i] = sy;
      const m = Math.sqrt(sx * sx + sy * sy);
      mag[i] = m;
      hist[Math.min(511, (m * 4) | 0)]++;
      count++;
    }
  }
  const pct = (q: number): number => {
    const target = q * count;
    let cum = 0;
    for (let i = 0; i < 512; i++) {
      cum += hist[i];
      if (cum >= target) return (i + 1) / 4;
    }
    return 128;
  };
  return { width: w, height: h, gx, gy, mag, p90: pct(0.9), p97: pct(0.97) };
}

/** Separable box mean of radius r (window 2r+1), clamped at the borders. */
export function boxBlur(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let s = 0;
    for (let x = -r; x <= r; x++) s += src[row + Math.min(w - 1, Math.max(0, x))];
    for (let x = 0; x < w; x++) {
      tmp[row + x] = s / (2 * r + 1);
      s += src[row + Math.min(w - 1, x + r + 1)] - src[row + Math.max(0, x - r)];
    }
  }
  for (let x = 0; x < w; x++) {
    let s = 0;
    for (let y = -r; y <= r; y++) s += tmp[Math.min(h - 1, Math.max(0, y)) * w + x];
    for (let y = 0; y < h; y++) {
      out[y * w + x] = s / (2 * r + 1);
      s += tmp[Math.min(h - 1, y + r + 1) * w + x] - tmp[Math.max(0, y - r) * w + x];
    }
  }
  return out;
}

const NOISE_K = Math.sqrt(Math.PI / 2) / 6;

/** Immerkær's Laplacian-difference noise estimate over pixels whose gradient is below `thr`. */
function flatNoise(p: Float32Array, w: number, h: number, mag: Float32Array, thr: number, scale: number): number {
  let s = 0, n = 0;
  for (let r = 1; r < h - 1; r++)
    for (let c = 1; c < w - 1; c++) {
      const i = r * w + c;
      if (mag[i] > thr) continue;
      const v =
        p[i - w - 1] - 2 * p[i - w] + p[i - w + 1] - 2 * p[i - 1] + 4 * p[i] - 2 * p[i + 1] + p[i + w - 1] - 2 * p[i + w] + p[i + w + 1];
      s += Math.abs(v);
      n++;
    }
  return n > 0 ? (NOISE_K * s * scale) / n : 0;
}

export function detailStats(pl: Planes, g: Gradients): DetailStats {
  const w = pl.width, h = pl.height;
  // Flat areas: below the median-ish gradient so edges and texture do not read as noise.
  const thr = Math.max(1.5, g.p90 * 0.35);
  const noise = flatNoise(pl.luma, w, h, g.mag, thr, 255);
  const chromaNoise = 0.5 * (flatNoise(pl.A, w, h, g.mag, thr, 1) + flatNoise(pl.B, w, h, g.mag, thr, 1));
  const b1 = boxBlur(pl.luma, w, h, 1);
  const b4 = boxBlur(b1, w, h, 3);
  let fineE = 0, coarseE = 0, tex = 0;
  const edgeThr = Math.max(4, g.p97);
  for (let i = 0; i < w * h; i++) {
    const fine = Math.abs(pl.luma[i] - b1[i]);
    tex += fine;
    if (g.mag[i] >= edgeThr) {
      fineE += fine;
      coarseE += Math.abs(b1[i] - b4[i]);
    }
  }
  const sharpness = fineE + coarseE > 0 ? fineE / (fineE + coarseE) : 0;
  return { noise, chromaNoise, sharpness, texture: (tex * 255) / (w * h) };
}
