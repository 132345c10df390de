/**
 * The log-luminance grid the tone and presence guides are built from (not a guide itself):
 * the mean of l = log2(Y + EPS) over each texel's footprint of the source (Y = linear
 * luminance, EPS as in shared/develop/ops/linearMath.ts), at a fine grid of longest side
 * ≤ FINE_DIM. One pass over the source serves every luminance guide: coarser grids are area
 * averages of the fine one (same texel convention as ./util.ts: source pixel centre (x+0.5)
 * falls in texel ⌊(x+0.5)·w/W⌋). Cached per source pixel buffer.
 *
 * The mean of logs (not the log of the mean) keeps the fast guided filter consistent: its
 * base A·l + B is evaluated on the full-resolution l of the same domain.
 */
import { decodeLut } from '../transfer.ts';
import type { SourceImage } from '../pipeline/types.ts';
import { EPS, KB, KG, KR, fastLog2 } from '../../develop/ops/linearMath.ts';
import { smallSize } from './util.ts';
import { kernelArena, type KernelArena } from '../kernels/index.ts';
import { areaResampleKernel } from './filters.kernel.ts';

export interface Grid {
  width: number;
  height: number;
  data: Float32Array;
}

/** Longest side of the fine grid (texture detail is resolved at this density). */
export const FINE_DIM = 1536;

const cache = new WeakMap<object, Map<number, Grid>>();

/** Mean offset-log luminance per texel, longest side ≤ maxDim (never larger than the source). */
export function logLumaGrid(src: SourceImage, maxDim: number): Grid {
  let perSource = cache.get(src.data);
  if (!perSource) {
    perSource = new Map();
    cache.set(src.data, perSource);
  }
  const hit = perSource.get(maxDim);
  if (hit) return hit;
  let grid: Grid;
  if (maxDim < FINE_DIM && Math.max(src.width, src.height) > maxDim) {
    const fine = logLumaGrid(src, FINE_DIM);
    const { width, height } = smallSize(src.width, src.height, maxDim);
    grid = { width, height, data: areaResample(fine.data, fine.width, fine.height, width, height) };
  } else {
    grid = computeGrid(src, maxDim);
  }
  perSource.set(maxDim, grid);
  return grid;
}

function computeGrid(src: SourceImage, maxDim: number): Grid {
  const { width, height } = smallSize(src.width, src.height, maxDim);
  const data = new Float32Array(width * height);
  computeLogLumaRows(src, maxDim, 0, height, data);
  return { width, height, data };
}

/** Size of the log-luminance grid of a source at maxDim (logLumaGrid's map). */
export function logLumaGridSize(src: Pick<SourceImage, 'width' | 'height'>, maxDim: number): { width: number; height: number } {
  return smallSize(src.width, src.height, maxDim);
}

/**
 * Which source rows and columns make each texel of a W×H source's w×h grid (the texel of pixel
 * centre y + 0.5 is ⌊(y + 0.5)·h/H⌋): grid row r averages source rows [rowStart[r],
 * rowStart[r + 1]), source column x falls in grid column colOf[x], perCol[i] columns in column
 * i. Made once per size.
 */
interface GridLayout {
  rowStart: Int32Array;
  colOf: Int32Array;
  perCol: Float64Array;
}
const layouts = new Map<string, GridLayout>();

function gridLayout(W: number, H: number, w: number, h: number): GridLayout {
  const key = `${W}x${H}:${w}x${h}`;
  let l = layouts.get(key);
  if (!l) {
    const rowStart = new Int32Array(h + 1);
    for (let y = 0; y < H; y++) rowStart[Math.min(h - 1, Math.floor(((y + 0.5) * h) / H)) + 1]++;
    for (let r = 0; r < h; r++) rowStart[r + 1] += rowStart[r];
    const colOf = new Int32Array(W);
    const perCol = new Float64Array(w);
    for (let x = 0; x < W; x++) perCol[(colOf[x] = Math.min(w - 1, Math.floor(((x + 0.5) * w) / W)))]++;
    l = { rowStart, colOf, perCol };
    layouts.set(key, l);
    if (layouts.size > 8) layouts.delete(layouts.keys().next().value!);
  }
  return l;
}

/** How many source rows (from the top) grid rows [0, r1) of the grid at maxDim are made of. */
export function logLumaSourceRows(src: Pick<SourceImage, 'width' | 'height'>, maxDim: number, r1: number): number {
  const { width: w, height: h } = smallSize(src.width, src.height, maxDim);
  return gridLayout(src.width, src.height, w, h).rowStart[Math.max(0, Math.min(h, r1))];
}

/**
 * Rows [r0, r1) of the grid computeGrid makes (into `out`, a whole grid's array; other rows are
 * left alone). Bands computed on different threads together give the very same grid.
 */
export function computeLogLumaRows(src: SourceImage, maxDim: number, r0: number, r1: number, out: Float32Array): void {
  const { width: w, height: h } = smallSize(src.width, src.height, maxDim);
  if (out.length < w * h) throw new Error(`computeLogLumaRows: out holds ${out.length} values, ${w * h} needed`);
  const lo = Math.max(0, Math.min(h, r0));
  const hi = Math.max(lo, Math.min(h, r1));
  if (lo === hi) return;
  const layout = gridLayout(src.width, src.height, w, h);
  const arena = kernelArena();
  if (arena) kernelRows(arena, src, layout, w, lo, hi, out);
  else tsRows(src, layout, w, lo, hi, out);
}

/** Grid rows [lo, hi) in TypeScript (float64 luminance). */
function tsRows(src: SourceImage, { rowStart, colOf, perCol }: GridLayout, w: number, lo: number, hi: number, out: Float32Array): void {
  const lut = decodeLut(src.bits);
  // Per-channel luminance contributions (the same doubles KR·lut[v] the sum would compute).
  const tr = new Float64Array(lut.length);
  const tg = new Float64Array(lut.length);
  const tb = new Float64Array(lut.length);
  for (let v = 0; v < lut.length; v++) {
    tr[v] = KR * lut[v];
    tg[v] = KG * lut[v];
    tb[v] = KB * lut[v];
  }
  const d = src.data;
  const W = src.width;
  const acc = new Float64Array(w);
  for (let row = lo; row < hi; row++) {
    const ys = rowStart[row];
    const ye = rowStart[row + 1];
    acc.fill(0);
    for (let y = ys; y < ye; y++) {
      let i = y * W * 3;
      for (let x = 0; x < W; x++, i += 3) acc[colOf[x]] += fastLog2(tr[d[i]] + tg[d[i + 1]] + tb[d[i + 2]] + EPS);
    }
    const n = ye - ys;
    for (let i = 0; i < w; i++) out[row * w + i] = n > 0 && perCol[i] > 0 ? acc[i] / (perCol[i] * n) : Math.log2(EPS);
  }
}

/**
 * The same on the kernels (guides.c, tw_log_luma_*), one call per grid row writing that row's
 * means: a native build reads the source rows in place, the WebAssembly build from a copy in
 * its memory.
 */
function kernelRows(k: KernelArena, src: SourceImage, { rowStart, colOf, perCol }: GridLayout, w: number, lo: number, hi: number, out: Float32Array): void {
  const is8 = src.bits === 8;
  const W = src.width;
  // The table first: kept for the thread when nothing else is allocated (see KernelArena.constant).
  const tab = k.ptr(k.constant(is8 ? 'logLuma8' : 'logLuma16', lumaTable(src.bits)));
  const mark = k.mark();
  try {
    const col = k.i32(W);
    col.set(colOf);
    const per = k.f64(w);
    per.set(perCol);
    const acc = k.ptr(k.f64(w));
    const rows = k.f32((hi - lo) * w);
    const fn = is8 ? k.fn.tw_log_luma_u8 : k.fn.tw_log_luma_u16;
    const from = k.logLumaFrom;
    for (let row = lo; row < hi; row++) {
      const ys = rowStart[row];
      const n = rowStart[row + 1] - ys;
      const o = k.ptr(rows) + (row - lo) * w * 4;
      if (from) {
        from(src.data, ys * W * 3, W, n, tab, k.ptr(col), acc, k.ptr(per), w, o);
        continue;
      }
      const m = k.mark();
      try {
        const count = n * W * 3;
        const at = k.alloc(count * (is8 ? 1 : 2));
        (is8 ? new Uint8Array(k.memory.buffer, at, count) : new Uint16Array(k.memory.buffer, at, count)).set(src.data.subarray(ys * W * 3, (ys + n) * W * 3));
        fn(at, W, n, tab, k.ptr(col), acc, k.ptr(per), w, o);
      } finally {
        k.release(m);
      }
    }
    out.set(rows, lo * w);
  } finally {
    k.release(mark);
  }
}

const lumaTables = new Map<number, Float32Array>();
/** KR·lut, KG·lut, KB·lut of the decode table, one after the other (float32, for the kernel). */
function lumaTable(bits: 8 | 16): Float32Array {
  let t = lumaTables.get(bits);
  if (!t) {
    const lut = decodeLut(bits);
    const N = lut.length;
    t = new Float32Array(3 * N);
    for (let v = 0; v < N; v++) {
      t[v] = KR * lut[v];
      t[N + v] = KG * lut[v];
      t[2 * N + v] = KB * lut[v];
    }
    lumaTables.set(bits, t);
  }
  return t;
}

/** Hands logLumaGrid a grid computed elsewhere (e.g. in bands on worker threads) for this source. */
export function seedLogLumaGrid(src: SourceImage, maxDim: number, grid: Grid): void {
  const size = smallSize(src.width, src.height, maxDim);
  if (grid.width !== size.width || grid.height !== size.height || grid.data.length !== size.width * size.height)
    throw new Error(`seedLogLumaGrid: a ${grid.width}×${grid.height} grid does not fit a ${size.width}×${size.height} grid of this source`);
  let perSource = cache.get(src.data);
  if (!perSource) {
    perSource = new Map();
    cache.set(src.data, perSource);
  }
  perSource.set(maxDim, grid);
}

/**
 * Area-weighted resample of a single-channel map (sw×sh → dw×dh, dw ≤ sw, dh ≤ sh): each
 * destination texel is the mean of the source over its exact footprint (fractional overlaps
 * weighted), so texel footprints line up in normalised coordinates.
 */
export function areaResample(src: Float32Array, sw: number, sh: number, dw: number, dh: number): Float32Array {
  const onKernels = areaResampleKernel(src, sw, sh, dw, dh, weights(sw, dw), weights(sh, dh));
  if (onKernels) return onKernels;
  const tmp = new Float32Array(dw * sh);
  const { dest: xd, src: xs, weight: xk } = weights(sw, dw);
  const nx = xd.length;
  for (let y = 0; y < sh; y++) {
    const so = y * sw;
    const to = y * dw;
    for (let j = 0; j < nx; j++) tmp[to + xd[j]] += src[so + xs[j]] * xk[j];
  }
  const out = new Float32Array(dw * dh);
  const wy = weights(sh, dh);
  for (let j = 0; j < wy.dest.length; j++) {
    const d = wy.dest[j] * dw;
    const s = wy.src[j] * dw;
    const k = wy.weight[j];
    for (let x = 0; x < dw; x++) out[d + x] += tmp[s + x] * k;
  }
  return out;
}

/** The (dest, source, weight) triples of a 1D area resample, in order (weights of each dest sum to 1). */
function weights(sn: number, dn: number): { dest: Int32Array; src: Int32Array; weight: Float64Array } {
  const dest: number[] = [];
  const src: number[] = [];
  const weight: number[] = [];
  const step = sn / dn;
  for (let d = 0; d < dn; d++) {
    const a = d * step;
    const b = (d + 1) * step;
    for (let s = Math.floor(a); s < Math.min(sn, Math.ceil(b)); s++) {
      const o = Math.min(b, s + 1) - Math.max(a, s);
      if (o > 1e-12) {
        dest.push(d);
        src.push(s);
        weight.push(o / step);
      }
    }
  }
  return { dest: Int32Array.from(dest), src: Int32Array.from(src), weight: Float64Array.from(weight) };
}
