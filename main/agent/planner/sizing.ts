/**
 * How big an edit should be, from the image's measured facts: the planner sizes with these and
 * the critic uses the same targets to judge whether a render went far enough (or too far).
 */
import { srgbToLinear } from '../../../shared/pixel/transfer.ts';

/** The median luminance (sRGB-encoded) a well-exposed photo tends to sit at. */
export const MID_TARGET = 0.46;

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

/**
 * Target median for "brighter"/"darker" with a degree: the further from a balanced median the
 * image is, the bigger the step; already-bright images still move, but less.
 */
export function exposureTarget(median: number, sign: 1 | -1, degree: number): number {
  const m = clamp(median, 0.01, 0.99);
  if (sign > 0) {
    const step = degree * Math.max(0.06, 0.45 * (MID_TARGET + 0.04 - m));
    return clamp(m + step, m + 0.015, Math.max(m + 0.015, 0.86));
  }
  const step = degree * Math.max(0.05, 0.55 * (m - (MID_TARGET - 0.12)));
  return clamp(m - step, Math.min(m - 0.015, 0.06), m - 0.015);
}

/** Target median for a complaint that names the fix ("too dark" → towards balanced). */
export function fixTarget(median: number, sign: 1 | -1, degree: number): number {
  const ideal = sign > 0 ? MID_TARGET : MID_TARGET - 0.02;
  const base = exposureTarget(median, sign, degree);
  // "Too dark" should land near balanced, further for "way too dark", never past it by much.
  const towards = median + (ideal - median) * clamp(0.55 + 0.25 * degree, 0.5, 1.05);
  return sign > 0 ? Math.max(base, towards) : Math.min(base, towards);
}

/** EV that moves an encoded value `from` to `to` (in linear light). */
export function evBetween(from: number, to: number): number {
  const a = Math.max(1e-4, srgbToLinear(clamp(from, 0, 1)));
  const b = Math.max(1e-4, srgbToLinear(clamp(to, 0, 1)));
  return Math.log2(b / a);
}

/** Encoded value after an exposure change of `ev` (no tone mapping; ≥ 1 means clipped). */
export function afterExposure(encoded: number, ev: number): number {
  const lin = srgbToLinear(clamp(encoded, 0, 1)) * 2 ** ev;
  return lin >= 1 ? 1 + (lin - 1) : lin <= 0.0031308 ? lin * 12.92 : 1.055 * lin ** (1 / 2.4) - 0.055;
}

/**
 * Calibration of the white-balance sliders: the b* (temperature) and a* (tint) shift of a mid
 * grey per slider unit, measured through the real pipeline (whiteBalance op: +50 temperature
 * moves a grey's b* by ≈ +9.5, +50 tint its a* by ≈ +7). loop.render.test.ts re-measures it.
 */
export const WB_B_PER_UNIT = 0.19;
export const WB_A_PER_UNIT = 0.14;

export { clamp };
