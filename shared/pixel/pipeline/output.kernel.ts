/**
 * The runner's conversions on the kernels (shared/pixel/kernels/c: runner.c, link_display.h):
 * each returns true when it ran, false when the caller takes its TypeScript loop (kernels off,
 * or the floats not in the kernels' memory). Results equal the TypeScript loops' (same tables,
 * same indexing in float64; above 1 the sRGB power within 1e-6).
 */
import { LINK, runChain, type LinkSpec } from '../kernels/chain.ts';
import { kernelsFor, type KernelArena } from '../kernels/index.ts';

/** The linear → display step as a link of the kernels' fused chain (c/link_display.h), with the 1/65535 table `tab`. */
export function displayLink(k: KernelArena, tab: Float32Array): LinkSpec {
  return { op: LINK.display, ptr: [k.ptr(k.constant('encode65535', tab))] };
}

/** linearToDisplay over data[start, end) with the 1/65535 table `tab`. */
export function linearToDisplayKernel(data: Float32Array, start: number, end: number, tab: Float32Array): boolean {
  const k = kernelsFor(data);
  if (k === null || end <= start) return k !== null;
  const link = displayLink(k, tab);
  const mark = k.mark();
  try {
    // The chain works on whole pixels: 1 or 2 trailing values go through a pixel of scratch.
    const whole = Math.floor((end - start) / 3);
    if (whole > 0) runChain(k, data.subarray(start, start + 3 * whole), whole, 1, [link]);
    const rest = end - start - 3 * whole;
    if (rest > 0) {
      const px = k.f32(3);
      px.set(data.subarray(end - rest, end));
      runChain(k, px, 1, 1, [link]);
      data.set(px.subarray(0, rest), end - rest);
    }
  } finally {
    k.release(mark);
  }
  return true;
}

/** writeOut into an 8-bit output: display floats (or linear ones through `linearLut`). */
export function writeOutU8Kernel(data: Float32Array, start: number, n: number, linearLut: Uint8Array | null, out: Uint8Array, at: number): boolean {
  const k = kernelsFor(data);
  if (k === null) return false;
  const lut = linearLut ? k.constant('fused8', linearLut) : null;
  const mark = k.mark();
  try {
    const dst = k.owns(out) ? out.subarray(at, at + n) : k.u8(n);
    if (lut) k.fn.tw_write_linear_u8(k.ptr(data) + start * 4, n, k.ptr(lut), k.ptr(dst));
    else k.fn.tw_write_u8(k.ptr(data) + start * 4, n, k.ptr(dst));
    if (dst.buffer !== out.buffer || dst.byteOffset !== out.byteOffset + at) k.set(out, dst, at);
  } finally {
    k.release(mark);
  }
  return true;
}

/**
 * Identity-geometry sampling of rows [ya, ya + rows) of a `width`-wide source into `out` (in the
 * kernels' memory) through the decode table: the source rows are copied into the module memory
 * (they live in a shared buffer outside it) and decoded there.
 */
export function decodeRowsKernel(src: Uint8Array | Uint16Array, offset: number, count: number, lut: Float32Array, out: Float32Array): boolean {
  const k = kernelsFor(out);
  if (k === null) return false;
  const is8 = src instanceof Uint8Array;
  const t = k.constant(is8 ? 'decode8' : 'decode16', lut);
  if (k.decodeFrom) {
    // A native build reads the source where it lies.
    k.decodeFrom(src, offset, count, k.ptr(t), k.ptr(out));
    return true;
  }
  const mark = k.mark();
  try {
    if (is8) {
      const tmp = k.u8(count);
      tmp.set(src.subarray(offset, offset + count));
      k.fn.tw_decode_u8(k.ptr(tmp), count, k.ptr(t), k.ptr(out));
    } else {
      const at = k.alloc(count * 2);
      const tmp = new Uint16Array(k.memory.buffer, at, count);
      tmp.set(src.subarray(offset, offset + count));
      k.fn.tw_decode_u16(at, count, k.ptr(t), k.ptr(out));
    }
  } finally {
    k.release(mark);
  }
  return true;
}
