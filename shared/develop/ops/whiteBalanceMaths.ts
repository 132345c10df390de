/**
 * Colour science of the white balance op (./whiteBalance.ts): Planckian locus (Kim et al. 2002),
 * CIE 1960 uv, and CAT16 von Kries gains from D65 to the target white. Pure, run in prepare only.
 */

/** Mired per unit of Temperature and Δuv per unit of Tint. */
export const MIRED_PER_UNIT = 0.9;
export const DUV_PER_UNIT = 0.00025;
/** D65's correlated colour temperature (K) and chromaticity. */
export const D65_CCT = 6504;
const D65_XY: [number, number] = [0.3127, 0.329];
/** The local-adjustment gain table: temperature and tint from −GRID_MAX to GRID_MAX. */
export const GRID_MAX = 200;
export const GRID_STEP = 10;
export const GRID_N = (2 * GRID_MAX) / GRID_STEP + 1;

const RGB_TO_XYZ = [0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041];
const CAT16 = [0.401288, 0.650173, -0.051461, -0.250268, 1.204414, 0.045854, -0.002079, 0.048952, 0.953127];

export function mul3(a: readonly number[], b: readonly number[]): number[] {
  const o = new Array(9).fill(0);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) for (let k = 0; k < 3; k++) o[r * 3 + c] += a[r * 3 + k] * b[k * 3 + c];
  return o;
}

export function inv3(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d].map((v) => v / det);
}

function apply3(m: readonly number[], v: readonly number[]): [number, number, number] {
  return [m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[3] * v[0] + m[4] * v[1] + m[5] * v[2], m[6] * v[0] + m[7] * v[1] + m[8] * v[2]];
}

let mats: { toLms: number[]; fromLms: number[] } | null = null;
/** Linear sRGB ↔ CAT16 LMS. */
export function wbMatrices(): { toLms: number[]; fromLms: number[] } {
  if (!mats) {
    const toLms = mul3(CAT16, RGB_TO_XYZ);
    mats = { toLms, fromLms: inv3(toLms) };
  }
  return mats;
}

/** Planckian locus chromaticity (x, y) at T kelvin (Kim et al., valid 1667–25000 K). */
export function planckXy(tk: number): [number, number] {
  const T = Math.min(25000, Math.max(1667, tk));
  const t1 = 1e3 / T;
  const t2 = t1 * t1;
  const t3 = t2 * t1;
  const x = T <= 4000 ? -0.2661239 * t3 - 0.2343589 * t2 + 0.8776956 * t1 + 0.17991 : -3.0258469 * t3 + 2.1070379 * t2 + 0.2226347 * t1 + 0.24039;
  const x2 = x * x;
  const x3 = x2 * x;
  const y =
    T <= 2222
      ? -1.1063814 * x3 - 1.3481102 * x2 + 2.18555832 * x - 0.20219683
      : T <= 4000
        ? -0.9549476 * x3 - 1.37418593 * x2 + 2.09137015 * x - 0.16748867
        : 3.081758 * x3 - 5.8733867 * x2 + 3.75112997 * x - 0.37001483;
  return [x, y];
}

export function xyToUv(x: number, y: number): [number, number] {
  const d = -2 * x + 12 * y + 3;
  return [(4 * x) / d, (6 * y) / d];
}

export function uvToXy(u: number, v: number): [number, number] {
  const d = 2 * u - 8 * v + 4;
  return [(3 * u) / d, (2 * v) / d];
}

/** Target white chromaticity (uv) for incremental temperature/tint; (0, 0) → D65 exactly. */
export function targetWhiteUv(temperature: number, tint: number): [number, number] {
  const mired = Math.min(600, Math.max(40, 1e6 / D65_CCT + MIRED_PER_UNIT * temperature));
  const T = 1e6 / mired;
  const p = xyToUv(...planckXy(T));
  const p65 = xyToUv(...planckXy(D65_CCT));
  const d65 = xyToUv(...D65_XY);
  // Unit normal of the locus at T, pointing to +v (green side).
  const a = xyToUv(...planckXy(T * 0.99));
  const b = xyToUv(...planckXy(T * 1.01));
  let nx = -(b[1] - a[1]);
  let ny = b[0] - a[0];
  const len = Math.hypot(nx, ny) || 1;
  nx /= len;
  ny /= len;
  if (ny < 0) {
    nx = -nx;
    ny = -ny;
  }
  const duv = -tint * DUV_PER_UNIT; // + tint = magenta = below the locus
  return [p[0] + d65[0] - p65[0] + duv * nx, p[1] + d65[1] - p65[1] + duv * ny];
}

/** CAT16 LMS gains that take D65 to the target white (equal luminance). */
export function wbGains(temperature: number, tint: number): [number, number, number] {
  if (temperature === 0 && tint === 0) return [1, 1, 1];
  const [u, v] = targetWhiteUv(temperature, tint);
  const [x, y] = uvToXy(u, v);
  const w = apply3(CAT16, [x / y, 1, (1 - x - y) / y]);
  const w65 = apply3(CAT16, [D65_XY[0] / D65_XY[1], 1, (1 - D65_XY[0] - D65_XY[1]) / D65_XY[1]]);
  return [w[0] / w65[0], w[1] / w65[1], w[2] / w65[2]];
}

let gainGrid: Float32Array | null = null;
/**
 * LMS gains on the (temperature, tint) grid (GRID_N² entries × 3, tint-major), for local
 * temperature and tint: a constant of the op, made on first use (a global white balance never
 * needs it).
 */
export function gainTable(): Float32Array {
  if (!gainGrid) {
    gainGrid = new Float32Array(GRID_N * GRID_N * 3);
    for (let j = 0; j < GRID_N; j++)
      for (let i = 0; i < GRID_N; i++) {
        const g = wbGains(-GRID_MAX + i * GRID_STEP, -GRID_MAX + j * GRID_STEP);
        gainGrid.set(g, (j * GRID_N + i) * 3);
      }
  }
  return gainGrid;
}
