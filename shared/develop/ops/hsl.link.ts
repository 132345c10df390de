/**
 * HSL / Color Mixer as a link of the kernels' fused chain (shared/pixel/kernels/c/link_hsl.h,
 * the twin of hslCpu): the prepared hue tables copied into the kernels' memory. Null when the
 * strip is not in that memory: the TypeScript runs.
 */
import { LINK, type LinkSpec } from '../../pixel/kernels/chain.ts';
import type { KernelArena } from '../../pixel/kernels/index.ts';
import type { Strip } from '../types.ts';
import { NEUTRAL_CHROMA, type HslPrepared } from './hsl.ts';

export function hslLink(strip: Strip, p: HslPrepared, k: KernelArena): LinkSpec | null {
  if (!k.owns(strip.data)) return null;
  return { op: LINK.hsl, i: [p.lum.length], ptr: [k.ptr(k.scoped(p.rot)), k.ptr(k.scoped(p.lum))], f: [1 / NEUTRAL_CHROMA] };
}
