/**
 * 1D lookup tables for the display-referred ops: building them from a function or a monotone
 * cubic spline, and sampling them with linear interpolation. Pure.
 *
 * Convention (shared with the shader's `lut1`/`lut3`): a table of N entries samples x ∈ [0, 1]
 * at x_i = i / (N − 1); multi-channel tables are interleaved (entry i, channel c at i·channels + c).
 */
import type { CurvePoints } from '../develop/types.ts';

/** Default resolution of tone tables (≥ 1024 entries as the pipeline contract asks). */
export const LUT_SIZE = 4096;

/** A table of `n` samples of `f` on [0, 1]. */
export function tabulate(f: (x: number) => number, n = LUT_SIZE): Float32Array {
  const lut = new Float32Array(n);
  for (let i = 0; i < n; i++) lut[i] = f(i / (n - 1));
  return lut;
}

/**
 * Sample a single-channel table at x with linear interpolation. x < 0 reads entry 0; x > 1 is
 * extended with slope 1 from the last entry, so values above white keep their headroom.
 */
export function lutAt(lut: Float32Array, x: number): number {
  const n1 = lut.length - 1;
  if (x >= 1) return lut[n1] + (x - 1);
  if (!(x > 0)) return lut[0];
  const f = x * n1;
  const i = f | 0;
  return lut[i] + (lut[i + 1] - lut[i]) * (f - i);
}

/** Sample channel `c` of an interleaved `channels`-channel table at x (same rules as lutAt). */
export function lutAtChannel(lut: Float32Array, channels: number, c: number, x: number): number {
  const n1 = lut.length / channels - 1;
  if (x >= 1) return lut[n1 * channels + c] + (x - 1);
  if (!(x > 0)) return lut[c];
  const f = x * n1;
  const i = f | 0;
  const a = lut[i * channels + c];
  return a + (lut[(i + 1) * channels + c] - a) * (f - i);
}

/**
 * Sorted, de-duplicated control points with coordinates clamped to [0, 1]. For equal x the last
 * point wins. Fewer than two points give the identity diagonal.
 */
export function cleanPoints(points: CurvePoints): Array<[number, number]> {
  const clamp = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
  const pts = points
    .filter((p) => Array.isArray(p) && p.length >= 2)
    .map((p, i) => ({ x: clamp(p[0]), y: clamp(p[1]), i }))
    .sort((a, b) => a.x - b.x || a.i - b.i);
  const out: Array<[number, number]> = [];
  for (const p of pts) {
    if (out.length && Math.abs(out[out.length - 1][0] - p.x) < 1e-9) out[out.length - 1] = [p.x, p.y];
    else out.push([p.x, p.y]);
  }
  if (out.length < 2) return [
    [0, 0],
    [1, 1],
  ];
  return out;
}

/**
 * Monotone cubic Hermite interpolation (Fritsch–Carlson 1980): tangents from the three-point
 * formula, zeroed at local extrema and limited so that α² + β² ≤ 9. Monotone data gives a
 * monotone C¹ curve; collinear points give exactly the straight line. Outside the first and last
 * control points the curve is flat (as in Lightroom's point curve).
 */
export function monotoneCubic(points: CurvePoints): (x: number) => number {
  const p = cleanPoints(points);
  const n = p.length;
  const xs = p.map((q) => q[0]);
  const ys = p.map((q) => q[1]);
  const d: number[] = []; // secant slopes
  for (let i = 0; i < n - 1; i++) d.push((ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]));
  const m: number[] = new Array(n);
  m[0] = d[0];
  m[n - 1] = d[n - 2];
  for (let i = 1; i < n - 1; i++) m[i] = d[i - 1] * d[i] <= 0 ? 0 : (d[i - 1] + d[i]) / 2;
  for (let i = 0; i < n - 1; i++) {
    if (d[i] === 0) {
      m[i] = 0;
      m[i + 1] = 0;
      continue;
    }
    const a = m[i] / d[i];
    const b = m[i + 1] / d[i];
    if (a < 0) m[i] = 0;
    if (b < 0) m[i + 1] = 0;
    const s = a * a + b * b;
    if (s > 9) {
      const t = 3 / Math.sqrt(s);
      m[i] = t * a * d[i];
      m[i + 1] = t * b * d[i];
    }
  }
  return (x: number) => {
    if (x <= xs[0]) return ys[0];
    if (x >= xs[n - 1]) return ys[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= x) lo = mid;
      else hi = mid;
    }
    const h = xs[hi] - xs[lo];
    const t = (x - xs[lo]) / h;
    const t2 = t * t;
    const t3 = t2 * t;
    return (
      (2 * t3 - 3 * t2 + 1) * ys[lo] +
      (t3 - 2 * t2 + t) * h * m[lo] +
      (-2 * t3 + 3 * t2) * ys[hi] +
      (t3 - t2) * h * m[hi]
    );
  };
}

/** Smooth Hermite step (GLSL smoothstep). */
export function smoothstep(e0: number, e1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
}

