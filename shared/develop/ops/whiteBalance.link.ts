/**
 * White balance's global path as a link of the kernels' fused chain
 * (shared/pixel/kernels/c/link_white_balance.h, the twin of whiteBalanceCpu): null with a local
 * temperature or tint, or data outside the kernels' memory, then the TypeScript runs.
 */
import { LINK, type LinkSpec } from '../../pixel/kernels/chain.ts';
import type { KernelArena } from '../../pixel/kernels/index.ts';
import type { Strip } from '../types.ts';

export function whiteBalanceLink(strip: Strip, m: readonly number[], k: KernelArena): LinkSpec | null {
  if (!k.owns(strip.data) || strip.local('temperature') !== null || strip.local('tint') !== null) return null;
  return { op: LINK.whiteBalance, f: m };
}
