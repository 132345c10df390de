/**
 * The vignette on the WebAssembly kernel (shared/pixel/kernels/c/vignette.c): true when it ran,
 * false when the caller takes the TypeScript path (kernels off or the strip not in their memory).
 */
import { kernelsFor } from '../../pixel/kernels/index.ts';
import type { Strip } from '../types.ts';

export function vignetteKernel(strip: Strip, col: Float32Array, gain: Float32Array, toIndex: number, darken: boolean, highlights: number, rowQ: (y: number) => number): boolean {
  const k = kernelsFor(strip.data);
  if (k === null) return false;
  const c = k.scoped(col);
  const g = k.scoped(gain);
  const mark = k.mark();
  try {
    const rq = k.f32(strip.rows);
    for (let y = 0; y < strip.rows; y++) rq[y] = rowQ(y);
    k.fn.tw_vignette(k.ptr(strip.data), strip.width, strip.rows, k.ptr(c), k.ptr(rq), k.ptr(g), gain.length, toIndex, darken ? 1 : 0, highlights);
  } finally {
    k.release(mark);
  }
  return true;
}
