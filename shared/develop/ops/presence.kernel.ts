/**
 * Presence (texture, clarity) on the WebAssembly kernel (shared/pixel/kernels/c/presence.c):
 * true when it ran, false when the caller must take the TypeScript path (kernels off, or the
 * strip, its sampled guides or its local clarity not in the kernels' memory).
 */
import { kernelsFor } from '../../pixel/kernels/index.ts';
import type { Strip } from '../types.ts';
import type { PresencePrepared } from './presence.ts';

export function presenceKernel(strip: Strip, p: PresencePrepared, tex: Float32Array | null, cla: Float32Array | null, locC: Float32Array | null): boolean {
  const k = kernelsFor(strip.data);
  if (k === null) return false;
  if ((tex !== null && !k.owns(tex)) || (cla !== null && !k.owns(cla)) || (locC !== null && !k.owns(locC))) return false;
  const n = strip.width * strip.rows;
  k.fn.tw_presence(
    k.ptr(strip.data),
    n,
    tex !== null ? k.ptr(tex) : 0,
    cla !== null ? k.ptr(cla) : 0,
    locC !== null && cla !== null ? k.ptr(locC) : 0,
    tex !== null ? p.texture : 0,
    cla !== null ? p.clarity : 0,
  );
  return true;
}
