/**
 * The guides' map filters on the WebAssembly kernels (shared/pixel/kernels/c/filters.c), each
 * bit-identical to its TypeScript twin in ./util.ts or ./lumaGrid.ts (same double arithmetic,
 * the same float32 roundings). They return false when the kernels are off or cannot load (the
 * caller then runs the TypeScript). The maps live outside the module's memory: they are copied
 * in and the results copied out, all work in between staying inside.
 */
import { kernelArena, type KernelArena } from '../kernels/index.ts';

/** A copy of `a` (in the arena) outside it. */
function copyOut(k: KernelArena, a: Float32Array): Float32Array {
  const out = new Float32Array(a.length);
  k.set(out, a);
  return out;
}

/** A w×h box blur of `src` (in the arena) into `dst` (in the arena). */
function blurIn(k: KernelArena, src: Float32Array, w: number, h: number, r: number, dst: Float32Array): void {
  if (r === 0) {
    k.set(dst, src);
    return;
  }
  const mark = k.mark();
  try {
    const tmp = k.alloc(w * h * 4);
    const line = k.alloc(Math.max(w, h) * 8);
    const sums = k.alloc(w * 8);
    k.fn.tw_box_blur(k.ptr(src), w, h, r, k.ptr(dst), tmp, line, sums);
  } finally {
    k.release(mark);
  }
}

export function boxBlurKernel(src: Float32Array, w: number, h: number, r: number, out: Float32Array): boolean {
  const k = kernelArena();
  if (k === null) return false;
  const mark = k.mark();
  try {
    const n = w * h;
    const s = k.f32(n);
    k.set(s, src.subarray(0, n));
    const d = k.f32(n);
    blurIn(k, s, w, h, r, d);
    k.set(out, d);
  } finally {
    k.release(mark);
  }
  return true;
}

/** guidedFilter's A and B maps (./util.ts), or null when the kernels cannot run. */
export function guidedFilterKernel(I: Float32Array, p: Float32Array, w: number, h: number, r: number, eps: number): { a: Float32Array; b: Float32Array } | null {
  const k = kernelArena();
  if (k === null) return null;
  const n = w * h;
  const self = I === p;
  const mark = k.mark();
  try {
    const kI = k.f32(n);
    k.set(kI, I.subarray(0, n));
    const kp = self ? kI : k.f32(n);
    if (!self) k.set(kp, p.subarray(0, n));
    const ip = k.f32(n);
    const ii = k.f32(n);
    k.fn.tw_products(k.ptr(kI), k.ptr(kp), n, k.ptr(ip), k.ptr(ii));
    const meanI = k.f32(n);
    blurIn(k, kI, w, h, r, meanI);
    const meanP = self ? meanI : k.f32(n);
    if (!self) blurIn(k, kp, w, h, r, meanP);
    const corrI = k.f32(n);
    blurIn(k, ii, w, h, r, corrI);
    const corrIp = self ? corrI : k.f32(n);
    if (!self) blurIn(k, ip, w, h, r, corrIp);
    // a and b over ip and ii (no longer needed), then blurred into fresh maps.
    k.fn.tw_guided_coeffs(k.ptr(meanI), k.ptr(meanP), k.ptr(corrI), k.ptr(corrIp), n, eps, k.ptr(ip), k.ptr(ii));
    const a = k.f32(n);
    const b = k.f32(n);
    blurIn(k, ip, w, h, r, a);
    blurIn(k, ii, w, h, r, b);
    return { a: copyOut(k, a), b: copyOut(k, b) };
  } finally {
    k.release(mark);
  }
}

/** areaResample (./lumaGrid.ts) from its weight triples, or null when the kernels cannot run. */
export function areaResampleKernel(
  src: Float32Array,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
  wx: { dest: Int32Array; src: Int32Array; weight: Float64Array },
  wy: { dest: Int32Array; src: Int32Array; weight: Float64Array },
): Float32Array | null {
  const k = kernelArena();
  if (k === null) return null;
  const mark = k.mark();
  try {
    const s = k.f32(sw * sh);
    k.set(s, src.subarray(0, sw * sh));
    const tmp = k.f32(dw * sh).fill(0);
    const out = k.f32(dw * dh).fill(0);
    const copy = (a: Int32Array | Float64Array): number => {
      const at = k.alloc(a.byteLength);
      (a instanceof Int32Array ? new Int32Array(k.memory.buffer, at, a.length) : new Float64Array(k.memory.buffer, at, a.length)).set(a as never);
      return at;
    };
    k.fn.tw_area_rows(k.ptr(s), sw, sh, dw, copy(wx.dest), copy(wx.src), copy(wx.weight), wx.dest.length, k.ptr(tmp));
    k.fn.tw_area_cols(k.ptr(tmp), dw, copy(wy.dest), copy(wy.src), copy(wy.weight), wy.dest.length, k.ptr(out));
    return copyOut(k, out);
  } finally {
    k.release(mark);
  }
}
