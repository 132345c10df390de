/**
 * Which source-sampling mode the preview's pass 0 uses for a geometry — the same dispatch as the
 * runner's sampleRows (shared/pixel/pipeline/geometry.ts) — and the per-axis parameters of the
 * exact area filter (shared/pixel/pipeline/resample.ts sampleArea). Pure.
 */
import { isAxisAligned } from '../pixel/pipeline/resample.ts';
import type { Geometry } from '../pixel/pipeline/types.ts';

export interface AreaAxes {
  /** Output x axis: (k, c, length of the source axis it drives); output p covers [k·p + c, k·(p+1) + c). */
  x: [number, number, number];
  y: [number, number, number];
  /** Output x drives source y (odd quarter turns). */
  swap: boolean;
}

/** The area-filter axes when the runner would use sampleArea for this geometry, else null. */
export function sampleArea(g: Geometry, sourceWidth: number, sourceHeight: number): AreaAxes | null {
  if (g.exact || g.taps === 1 || !isAxisAligned(g)) return null;
  const [m0, m1, m2, m3, m4, m5] = g.m;
  const swap = Math.abs(m0) < 1e-12;
  return swap
    ? { x: [m3, m5, sourceHeight], y: [m1, m2, sourceWidth], swap }
    : { x: [m0, m2, sourceWidth], y: [m4, m5, sourceHeight], swap };
}
