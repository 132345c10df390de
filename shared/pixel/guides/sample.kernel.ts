/**
 * sampleGuideGrid (./util.ts) on the WebAssembly kernel (shared/pixel/kernels/c/guides.c): the
 * same float64 interpolation, so the same float32 values to the bit. True when it ran, false
 * when the caller must take the TypeScript path (kernels off, or `out` not in the kernels'
 * memory). The guide lives outside the module's memory: only the grid rows the strip reads are
 * copied in, with the strip's column x and row y, for the duration of the call.
 */
import { kernelsFor } from '../kernels/index.ts';
import type { GuideMap } from '../pipeline/types.ts';

export function sampleGuideGridKernel(g: GuideMap, coords: Float32Array, width: number, rows: number, out: Float32Array): boolean {
  if (kernelsFor(out) === null) return false;
  if (rows <= 0 || width <= 0) return true;
  const xs = new Float32Array(width);
  for (let x = 0; x < width; x++) xs[x] = coords[2 * x];
  const ys = new Float32Array(rows);
  for (let r = 0; r < rows; r++) ys[r] = coords[2 * r * width + 1];
  return sampleGuideAxesKernel(g, xs, ys, out);
}

/**
 * The same from the grid's axes: the normalised x of each column (`xs`, width values) and y of
 * each row (`ys`, rows values) — what an axis-aligned geometry gives without a per-pixel
 * coordinate array.
 */
export function sampleGuideAxesKernel(g: GuideMap, xs: Float32Array, ys: Float32Array, out: Float32Array): boolean {
  const k = kernelsFor(out);
  if (k === null) return false;
  const width = xs.length;
  const rows = ys.length;
  if (rows <= 0 || width <= 0) return true;
  const { width: gw, height: gh, channels: ch, data } = g;
  const h1 = gh - 1;
  // The grid rows read: y0 and y1 of every output row (same clamping as sampleGuideGrid).
  let lo = h1;
  let hi = 0;
  for (let r = 0; r < rows; r++) {
    let gy = ys[r] * gh - 0.5;
    gy = gy > 0 ? (gy < h1 ? gy : h1) : 0;
    const y0 = gy | 0;
    const y1 = y0 < h1 ? y0 + 1 : h1;
    if (y0 < lo) lo = y0;
    if (y1 > hi) hi = y1;
  }
  const row = gw * ch;
  const mark = k.mark();
  try {
    const grid = k.f32((hi - lo + 1) * row);
    k.set(grid, data.subarray(lo * row, (hi + 1) * row));
    const kx = k.f32(width);
    k.set(kx, xs);
    const ky = k.f32(rows);
    k.set(ky, ys);
    const c0 = k.alloc(width * 4);
    const c1 = k.alloc(width * 4);
    const ct = k.alloc(width * 8);
    const line = k.alloc(row * 8);
    k.fn.tw_sample_guide_grid(k.ptr(grid), gw, gh, ch, lo, k.ptr(kx), k.ptr(ky), width, rows, k.ptr(out), c0, c1, ct, line);
  } finally {
    k.release(mark);
  }
  return true;
}
