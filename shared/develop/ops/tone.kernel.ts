/**
 * Tone's global path (no local exposure/contrast/highlights/shadows) on the WebAssembly kernel
 * (shared/pixel/kernels/c/tone.c, the twin of toneGlobal in ./tone.ts): true when it ran, false
 * when the caller must take the TypeScript path (kernels off, or the strip or its sampled
 * toneBase guide not in the kernels' memory).
 */
import { kernelsFor } from '../../pixel/kernels/index.ts';
import type { Strip } from '../types.ts';
import { LOG2_MID } from './linearMath.ts';
import type { TonePrepared } from './tone.ts';

export function toneGlobalKernel(strip: Strip, p: TonePrepared, base: Float32Array | null, curveOff: boolean): boolean {
  const k = kernelsFor(strip.data);
  if (k === null) return false;
  if (base !== null && !k.owns(base)) return false;
  const mark = k.mark();
  try {
    const hs = !curveOff && p.hsShift !== null ? k.copyF32(p.hsShift) : null;
    const rest = curveOff ? null : k.copyF32(p.restShift);
    k.fn.tw_tone_global(
      k.ptr(strip.data),
      strip.width * strip.rows,
      base !== null ? k.ptr(base) : 0,
      hs !== null ? k.ptr(hs) : 0,
      rest !== null ? k.ptr(rest) : 0,
      p.gain,
      p.exposure - LOG2_MID,
      curveOff ? 1 : 0,
    );
  } finally {
    k.release(mark);
  }
  return true;
}
