/**
 * The tone curves (parametricCurve, pointCurve) as links of the kernels' fused chain
 * (shared/pixel/kernels/c/link_curve.h, the twin of their cpu kernels): each channel through
 * the curve's table. Null when the strip is not in the kernels' memory: the TypeScript runs.
 */
import { LINK, type LinkSpec } from '../../pixel/kernels/chain.ts';
import type { KernelArena } from '../../pixel/kernels/index.ts';
import type { Strip } from '../types.ts';

/** `lut`: `channels` interleaved curves (1: the same for R, G and B; 3: one per channel). */
export function curveLink(strip: Strip, lut: Float32Array, channels: 1 | 3, k: KernelArena): LinkSpec | null {
  if (!k.owns(strip.data)) return null;
  return { op: LINK.curve, i: [lut.length / channels, channels], ptr: [k.ptr(k.scoped(lut))] };
}
