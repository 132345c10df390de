/**
 * Sharpening on the WebAssembly kernel (shared/pixel/kernels/c/sharpening.c): true when it ran,
 * false when the caller must take the TypeScript path (kernels off, or the strip or its local
 * sharpness not in the kernels' memory). Its scratch (two rings of rows of luma and of its
 * horizontal blur) comes from the arena and is released on return.
 */
import { kernelsFor } from '../../pixel/kernels/index.ts';
import type { Strip } from '../types.ts';
import type { SharpeningPrepared } from './sharpening.ts';

export function sharpeningKernel(strip: Strip, p: SharpeningPrepared, local: Float32Array | null): boolean {
  const k = kernelsFor(strip.data);
  if (k === null || (local !== null && !k.owns(local))) return false;
  const { width: w, rows: h } = strip;
  if (w <= 0 || h <= 0) return true;
  const mark = k.mark();
  try {
    const kw = k.copyF32(p.kernel);
    const scratch = k.f32(Number(k.fn.tw_sharpening_scratch(w, h, p.r)));
    const maskOn = p.masking > 0 ? 1 : 0;
    const maskInv = maskOn ? 1 / (p.maskHi - p.maskLo) : 0;
    k.fn.tw_sharpening(k.ptr(strip.data), w, h, k.ptr(kw), p.r, p.k, p.detail, maskOn, p.maskLo, maskInv, local ? k.ptr(local) : 0, k.ptr(scratch));
  } finally {
    k.release(mark);
  }
  return true;
}
