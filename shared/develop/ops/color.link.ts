/**
 * Vibrance and Saturation as a link of the kernels' fused chain (shared/pixel/kernels/c/
 * link_color.h, the twin of colorCpu): null with a local saturation, or when the strip is not
 * in the kernels' memory, then the TypeScript runs.
 */
import { LINK, type LinkSpec } from '../../pixel/kernels/chain.ts';
import type { KernelArena } from '../../pixel/kernels/index.ts';
import type { Strip } from '../types.ts';
import { VIBRANCE_GAIN, type ColorPrepared } from './color.ts';

export function colorLink(strip: Strip, p: ColorPrepared, k: KernelArena): LinkSpec | null {
  if (!k.owns(strip.data) || strip.local('saturation') !== null) return null;
  const s = Math.max(-1, Math.min(2, p.saturation));
  return { op: LINK.color, i: [p.protect.length], ptr: [k.ptr(k.scoped(p.protect))], f: [s, p.vibrance, VIBRANCE_GAIN] };
}
