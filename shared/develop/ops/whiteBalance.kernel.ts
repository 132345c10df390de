/**
 * White balance on the WebAssembly kernel (shared/pixel/kernels/c/white_balance.c) for the
 * global path: true when it ran, false when the caller must take the TypeScript path (kernels
 * off, the strip not in the kernels' memory, or local temperature/tint present).
 */
import { kernelsFor } from '../../pixel/kernels/index.ts';
import type { Strip } from '../types.ts';

export function whiteBalanceKernel(strip: Strip, m: readonly number[], hasLocals: boolean): boolean {
  if (hasLocals) return false;
  const k = kernelsFor(strip.data);
  if (k === null) return false;
  const mark = k.mark();
  try {
    const mat = k.copyF32(m);
    k.fn.tw_white_balance(k.ptr(strip.data), strip.width * strip.rows, k.ptr(mat));
  } finally {
    k.release(mark);
  }
  return true;
}
