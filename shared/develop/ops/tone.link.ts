/**
 * Tone's global path (no local exposure/contrast/highlights/shadows) as a link of the kernels'
 * fused chain (shared/pixel/kernels/c/link_tone.h, the twin of toneGlobal in ./tone.ts): null
 * with local adjustments or data outside the kernels' memory, then the TypeScript runs.
 */
import { LINK, type LinkSpec } from '../../pixel/kernels/chain.ts';
import type { KernelArena } from '../../pixel/kernels/index.ts';
import type { Strip } from '../types.ts';
import { LOG2_MID } from './linearMath.ts';
import type { TonePrepared } from './tone.ts';

const pairsOf = new WeakMap<Float32Array, Float32Array>();

/**
 * A table as pairs of neighbours (t[0], t[1], t[1], t[2], …, t[n−2], t[n−1]): the kernel reads
 * both ends of its linear interpolation as one 64-bit element. Made once per table.
 */
export function neighbourPairs(t: Float32Array): Float32Array {
  let p = pairsOf.get(t);
  if (!p) {
    p = new Float32Array(2 * (t.length - 1));
    for (let j = 0; j + 1 < t.length; j++) {
      p[2 * j] = t[j];
      p[2 * j + 1] = t[j + 1];
    }
    pairsOf.set(t, p);
  }
  return p;
}

export function toneLink(strip: Strip, p: TonePrepared, k: KernelArena): LinkSpec | null {
  if (!k.owns(strip.data)) return null;
  if (strip.local('exposure') || strip.local('contrast') || strip.local('highlights') || strip.local('shadows')) return null;
  const useBase = p.highlights !== 0 || p.shadows !== 0;
  const curveOff = !useBase && p.contrast === 0 && !p.endsActive;
  // The base sampled by the chain itself when it can, else the strip's sampled guide.
  const baseRef = useBase && !curveOff ? (strip.guideRef?.('toneBase', k) ?? null) : null;
  const base = useBase && !curveOff && baseRef === null ? strip.guide('toneBase') : null;
  if (base !== null && !k.owns(base)) return null;
  return {
    op: LINK.tone,
    i: [curveOff ? 1 : 0],
    ptr: [base !== null ? k.ptr(base) : 0, !curveOff && p.hsShift ? k.ptr(k.scoped(neighbourPairs(p.hsShift))) : 0, curveOff ? 0 : k.ptr(k.scoped(neighbourPairs(p.restShift))), baseRef ?? 0],
    f: [p.gain, p.exposure - LOG2_MID],
  };
}
