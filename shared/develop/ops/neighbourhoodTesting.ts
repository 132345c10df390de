/**
 * Test helpers for the neighbourhood ops (noise reduction, sharpening): seeded noise, edge
 * profiles, and running a kernel over an image strip by strip with halo rows, as the runner does.
 * Used only by tests.
 */
import type { PrepareContext, Strip } from '../types.ts';
import { makeStrip } from '../../pixel/testing.ts';

import { rng } from '../../pixel/random.ts';

export { rng };

/** Standard normal samples from a seeded PRNG (Box–Muller). */
export function gaussianNoise(seed: number): () => number {
  const u = rng(seed);
  return () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
}

export function ctxFor(width: number, height: number, scale = 1): PrepareContext {
  return { width, height, scale, rendered: true };
}

/** Luma (Rec.709 weights) plane of an interleaved RGB image. */
export function lumaPlane(data: Float32Array): Float64Array {
  const n = data.length / 3;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 0.2126 * data[3 * i] + 0.7152 * data[3 * i + 1] + 0.0722 * data[3 * i + 2];
  return out;
}

export function stdDev(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m += values[i];
  m /= values.length;
  let v = 0;
  for (let i = 0; i < values.length; i++) v += (values[i] - m) ** 2;
  return Math.sqrt(v / values.length);
}

/** Column-wise mean of a plane over rows y0..y1 (exclusive). */
export function columnProfile(plane: ArrayLike<number>, width: number, y0: number, y1: number): number[] {
  const p: number[] = [];
  for (let x = 0; x < width; x++) {
    let s = 0;
    for (let y = y0; y < y1; y++) s += plane[y * width + x];
    p.push(s / (y1 - y0));
  }
  return p;
}

/** 10–90 % rise distance (in pixels, linearly interpolated) of a monotonic-ish rising profile. */
export function edgeWidth(profile: number[]): number {
  const lo = Math.min(...profile.slice(0, 4));
  const hi = Math.max(...profile.slice(-4));
  const at = (f: number) => {
    const t = lo + f * (hi - lo);
    for (let x = 1; x < profile.length; x++)
      if (profile[x] >= t && profile[x - 1] < t) return x - 1 + (t - profile[x - 1]) / (profile[x] - profile[x - 1]);
    return NaN;
  };
  return at(0.9) - at(0.1);
}

/** Runs `cpu` over the whole image as one strip. */
export function runWhole(data: Float32Array, width: number, height: number, cpu: (s: Strip) => void): Float32Array {
  const copy = data.slice();
  cpu(makeStrip({ width, rows: height, data: copy }));
  return copy;
}

/**
 * Runs `cpu` strip by strip: each strip of `rows` output rows gets up to `halo` context rows
 * above and below (fewer at the image edges), and only its own rows are kept.
 */
export function runStrips(
  data: Float32Array,
  width: number,
  height: number,
  rows: number,
  halo: number,
  cpu: (s: Strip) => void,
): Float32Array {
  const out = new Float32Array(data.length);
  for (let y = 0; y < height; y += rows) {
    const top = Math.max(0, y - halo);
    const bottom = Math.min(height, y + rows + halo);
    const strip = data.slice(top * width * 3, bottom * width * 3);
    cpu(makeStrip({ width, rows: bottom - top, data: strip, y0: top, imageWidth: width, imageHeight: height }));
    const keep = Math.min(rows, height - y);
    out.set(strip.subarray((y - top) * width * 3, (y - top + keep) * width * 3), y * width * 3);
  }
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function allFinite(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
