/**
 * Fusion of consecutive pure colour ops into one 3D lookup table, for large renders.
 *
 * The display ops parametricCurve, pointCurve, hsl, color (when no local saturation feeds it),
 * colorGrading and blackWhite are functions of the pixel's own RGB: no position, no neighbours,
 * no guide, no mask. A run of them is one function f: [0,1]³ → RGB, so for a large image it is
 * cheaper to evaluate the ops exactly on an N³ lattice of sRGB-encoded colours (the ops' own
 * CPU kernels, run on the lattice as a strip) and interpolate tetrahedrally per pixel than to
 * run their OkLab maths on every pixel. Pixels with a channel outside [0, 1] (HDR highlights the
 * tone op left above white) and non-finite ones take the exact path, so nothing is clamped that
 * the ops would have kept.
 *
 * Renders smaller than FUSE_MIN_PIXELS (previews, the agent's renders, tests) stay exact. The
 * error of the table against exact evaluation is tested in fuse.test.ts (ΔE2000 on random
 * colours, random settings and real photos).
 */
import type { AnyOp, Strip } from '../../develop/types.ts';
import type { RenderPlan } from './types.ts';
import { LINK, runChain, type LinkSpec } from '../kernels/chain.ts';
import { kernelArena, kernelsFor, type KernelArena } from '../kernels/index.ts';

/** Ops that may be fused (each is a pure per-pixel function of RGB unless a local feeds it). */
export const FUSABLE_OPS: ReadonlySet<string> = new Set(['parametricCurve', 'pointCurve', 'hsl', 'color', 'colorGrading', 'blackWhite']);
/** Output pixels from which a run of fusable ops is replaced by a table. */
export const FUSE_MIN_PIXELS = 2_000_000;
/**
 * Lattice points per axis: 41³ colours (+ 40³ cell centres) evaluated exactly. 49 lowers the
 * error a little more (ΔE2000 p99 over random settings 0.02–0.10 → 0.015–0.07) for 1.7× the
 * build time, which every export pays on its critical path.
 */
export const LUT_SIZE = 41;

/** One step of a strip's processing: a single op, or a table standing for ops [from, to]. */
export type Stage =
  | { kind: 'op'; index: number }
  | { kind: 'lut'; from: number; to: number; lut: Float32Array; n: number; exact: Uint8Array; packed?: PackedLut | null };

/** A table packed for the kernel (packedLut): 64-bit entries of three 21-bit fields. */
export interface PackedLut {
  words: Uint32Array;
  base: number;
  step: number;
}

/**
 * A cell of the lattice is evaluated exactly (not interpolated) when the table misses the exact
 * ops at the cell's centre by more than this (sRGB-encoded units; 1/255 = one 8-bit code).
 */
export const CELL_TOLERANCE = 0.5 / 255;
/** …or when a channel's output varies over the cell by more than this many cell widths (steep). */
export const STEEP = 3;

/** A Strip over plain colours (no position, guides or locals): what fusable kernels need. */
export function colourStrip(data: Float32Array, count: number, plan: Pick<RenderPlan, 'width' | 'height'>): Strip {
  return {
    data: data.subarray(0, count * 3),
    width: count,
    rows: 1,
    y0: 0,
    imageWidth: plan.width,
    imageHeight: plan.height,
    guide: (name) => {
      throw new Error(`a fused colour op asked for guide "${name}"`);
    },
    local: () => null,
    sourceCoords: () => {
      throw new Error('a fused colour op asked for source coordinates');
    },
  };
}

/** Whether op i of the plan can be fused: a listed display op with no local feeding it. */
function fusable(plan: RenderPlan, decl: AnyOp, i: number): boolean {
  const op = plan.ops[i];
  if (!FUSABLE_OPS.has(op.id) || op.space !== 'display' || op.halo !== 0) return false;
  const fed = decl.maths?.localParams ?? [];
  return !plan.locals.some((l) => fed.some((p) => l.params[p] !== undefined && l.params[p] !== 0));
}

/**
 * Evaluates ops [from, to] exactly on the N³ lattice of sRGB-encoded colours (r fastest), and at
 * the centre of each of the (N−1)³ cells: a cell whose centre the table (tetrahedral: the mean
 * of the cell's two diagonal corners) misses by more than CELL_TOLERANCE is flagged for exact
 * evaluation — the ops' steep spots (gamut compression of saturated blues, hue rotations near
 * the gamut surface) are then computed, not interpolated.
 */
export function buildLut(plan: RenderPlan, decls: readonly AnyOp[], prepared: readonly unknown[], from: number, to: number, n = LUT_SIZE): { lut: Float32Array; exact: Uint8Array } {
  const count = n * n * n;
  const n1 = n - 1;
  const cells = n1 * n1 * n1;
  // The lattice in the kernels' memory when they run here: the lattice, the ops (their links)
  // and the cells' flags are then computed there (lattice.c), else in TypeScript.
  const arena = kernelArena();
  const mark = arena?.mark() ?? 0;
  try {
    const buf = arena ? arena.f32((count + cells) * 3) : new Float32Array((count + cells) * 3);
    const k = kernelsFor(buf);
    if (k) k.fn.tw_lattice(k.ptr(buf), n);
    else fillLattice(buf, n);
    const strip = colourStrip(buf, count + cells, plan);
    if (!runLinks(strip, decls, prepared, from, to)) for (let i = from; i <= to; i++) decls[i].maths!.cpu(strip, prepared[i]);
    if (!k) return flagCells(buf, n);
    const exact = k.u8(cells);
    k.fn.tw_lattice_flags(k.ptr(buf), n, CELL_TOLERANCE, STEEP * (1 / n1), k.ptr(exact));
    return { lut: buf.slice(0, count * 3), exact: exact.slice() };
  } finally {
    arena?.release(mark);
  }
}

/** The n³ lattice colours (r fastest), then the (n − 1)³ cell centres, into buf (lattice.c, tw_lattice). */
function fillLattice(buf: Float32Array, n: number): void {
  const n1 = n - 1;
  const k = 1 / n1;
  let o = 0;
  for (let b = 0; b < n; b++)
    for (let g = 0; g < n; g++)
      for (let r = 0; r < n; r++, o += 3) {
        buf[o] = r * k;
        buf[o + 1] = g * k;
        buf[o + 2] = b * k;
      }
  for (let b = 0; b < n1; b++)
    for (let g = 0; g < n1; g++)
      for (let r = 0; r < n1; r++, o += 3) {
        buf[o] = (r + 0.5) * k;
        buf[o + 1] = (g + 0.5) * k;
        buf[o + 2] = (b + 0.5) * k;
      }
}

/**
 * Ops [from, to] over the colour strip as one chain of their kernel links, when the kernels run
 * here and every op has a link for it (else false: the caller runs the TypeScript kernels).
 */
function runLinks(strip: Strip, decls: readonly AnyOp[], prepared: readonly unknown[], from: number, to: number): boolean {
  const k = kernelsFor(strip.data);
  if (!k) return false;
  const links: LinkSpec[] = [];
  for (let i = from; i <= to; i++) {
    const link = decls[i].maths!.link?.(strip, prepared[i], k) ?? null;
    if (!link) return false;
    links.push(link);
  }
  runChain(k, strip.data, strip.width, strip.rows, links);
  return true;
}

/**
 * The table (the first n³ colours of the evaluated lattice `buf`, copied out) and its cells'
 * exact flags, from the cell centres evaluated after them.
 */
function flagCells(buf: Float32Array, n: number): { lut: Float32Array; exact: Uint8Array } {
  const count = n * n * n;
  const n1 = n - 1;
  const cells = n1 * n1 * n1;
  const k = 1 / n1;
  let o: number;
  const lut = buf.slice(0, count * 3);
  const exact = new Uint8Array(cells);
  const sg = 3 * n;
  const sb = 3 * n * n;
  let c = 0;
  o = count * 3;
  for (let b = 0; b < n1; b++)
    for (let g = 0; g < n1; g++)
      for (let r = 0; r < n1; r++, c++, o += 3) {
        const a = b * sb + g * sg + r * 3;
        const z = a + sb + sg + 3;
        for (let ch = 0; ch < 3; ch++) {
          const e = 0.5 * (lut[a + ch] + lut[z + ch]) - buf[o + ch];
          if (!(Math.abs(e) <= CELL_TOLERANCE)) exact[c] = 1;
          let lo = Infinity;
          let hi = -Infinity;
          for (let q = 0; q < 8; q++) {
            const v = lut[a + ch + (q & 1 ? 3 : 0) + (q & 2 ? sg : 0) + (q & 4 ? sb : 0)];
            if (v < lo) lo = v;
            if (v > hi) hi = v;
          }
          if (!(hi - lo <= STEEP * k)) exact[c] = 1;
        }
      }
  return { lut, exact };
}

/**
 * The stages of a plan: runs of ≥ 2 fusable ops (or one op with per-pixel OkLab maths) become a
 * table when the output has at least `minPixels` pixels; everything else runs as is.
 */
/** A fused table as built by buildLut, for handing to another thread (plain typed arrays). */
export interface FusedTable {
  from: number;
  to: number;
  n: number;
  lut: Float32Array;
  exact: Uint8Array;
  /** The table packed for the kernel, made where it was built (packedLut; null: not packable). */
  packed?: PackedLut | null;
}

export function planStages(
  plan: RenderPlan,
  decls: readonly AnyOp[],
  prepared: readonly unknown[],
  minPixels = FUSE_MIN_PIXELS,
  n = LUT_SIZE,
  /** Tables built elsewhere for this plan (same ops, same params): used instead of building them. */
  given: readonly FusedTable[] = [],
): Stage[] {
  const stages: Stage[] = [];
  const big = plan.width * plan.height >= minPixels;
  for (let i = 0; i < plan.ops.length; ) {
    if (big && fusable(plan, decls[i], i)) {
      let j = i;
      while (j + 1 < plan.ops.length && fusable(plan, decls[j + 1], j + 1)) j++;
      // A lone tone curve is a 1D table already: a 3D table would only lose precision.
      const lone = j === i && (plan.ops[i].id === 'parametricCurve' || plan.ops[i].id === 'pointCurve');
      if (!lone) {
        const t = given.find((g) => g.from === i && g.to === j && g.n === n);
        const table = t ? { lut: t.lut, exact: t.exact, packed: t.packed } : buildLut(plan, decls, prepared, i, j, n);
        stages.push({ kind: 'lut', from: i, to: j, n, ...table });
        i = j + 1;
        continue;
      }
    }
    stages.push({ kind: 'op', index: i });
    i++;
  }
  return stages;
}

/**
 * A fused stage as a link of the kernels' fused chain (c/link_lut3d.h): the table and its exact
 * flags copied into the kernels' memory once per render (padded: the kernel reads 4 bytes per flag).
 */
export function lutLink(stage: Extract<Stage, { kind: 'lut' }>, k: KernelArena): LinkSpec {
  const flags = k.ptr(k.scoped(stage.exact, 4));
  const p = stage.packed !== undefined ? stage.packed : packedLut(stage.lut);
  if (p) return { op: LINK.lut3d, i: [stage.n, 1], ptr: [k.ptr(k.scoped(p.words)), flags], f: [p.base, p.step] };
  return { op: LINK.lut3d, i: [stage.n, 0], ptr: [k.ptr(k.scoped(stage.lut, 4)), flags] };
}

const PACK_MAX = 2 ** 21 - 1;
const packed = new WeakMap<Float32Array, PackedLut | null>();

/**
 * The table packed for the kernel: each lattice point's R, G, B as 21-bit fields of one 64-bit
 * entry (two words: R bits 0–20, G 21–41, B 42–62), over the table's range [base, base +
 * step·(2^21 − 1)] — a corner is then one gathered 64-bit element instead of three floats. The
 * step is ~1e-6 for the usual ranges (a thousandth of an 8-bit code). Null (the kernel then
 * reads the floats) when the table holds a non-finite value. Made once per table.
 */
export function packedLut(lut: Float32Array): PackedLut | null {
  if (packed.has(lut)) return packed.get(lut)!;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < lut.length; i++) {
    const v = lut[i];
    if (!Number.isFinite(v)) {
      packed.set(lut, null);
      return null;
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // base and step as the kernel holds them (float32): the quantisation is done against those.
  const base = Math.fround(lo);
  const step = Math.fround(hi > lo ? (hi - lo) / PACK_MAX : 1);
  const q = (v: number) => Math.max(0, Math.min(PACK_MAX, Math.round((v - base) / step)));
  const entries = lut.length / 3;
  const words = new Uint32Array(2 * entries);
  for (let e = 0; e < entries; e++) {
    const r = q(lut[3 * e]);
    const g = q(lut[3 * e + 1]);
    const b = q(lut[3 * e + 2]);
    words[2 * e] = (r | ((g & 0x7ff) << 21)) >>> 0;
    words[2 * e + 1] = ((g >>> 11) | (b << 10)) >>> 0;
  }
  const p = { words, base, step };
  packed.set(lut, p);
  return p;
}

let exactIdx = new Int32Array(0);
let exactBuf = new Float32Array(0);

/**
 * Applies a fused stage to a strip in place: tetrahedral interpolation in the table for pixels
 * inside [0, 1]³ (outside flagged cells), the exact ops for the others.
 */
export function applyLutStage(stage: Extract<Stage, { kind: 'lut' }>, strip: Strip, plan: RenderPlan, decls: readonly AnyOp[], prepared: readonly unknown[]): void {
  const d = strip.data;
  const npx = strip.width * strip.rows;
  const { lut, n, exact } = stage;
  const n1 = n - 1;
  const n2 = n1 - 1;
  const sg = 3 * n;
  const sb = 3 * n * n;
  const k = kernelsFor(d);
  if (k !== null) {
    // The kernel interpolates; the pixels it leaves get the exact ops below.
    const link = lutLink(stage, k);
    const mark = k.mark();
    try {
      const idx = runChain(k, d, strip.width, strip.rows, [link]);
      exactPixels(stage, d, idx, idx.length, plan, decls, prepared);
    } finally {
      k.release(mark);
    }
    return;
  }
  if (exactIdx.length < npx) exactIdx = new Int32Array(npx);
  let outside = 0;
  for (let p = 0, i = 0; p < npx; p++, i += 3) {
    const r = d[i];
    const g = d[i + 1];
    const b = d[i + 2];
    // Also catches NaN (every comparison false).
    if (!(r >= 0 && r <= 1 && g >= 0 && g <= 1 && b >= 0 && b <= 1)) {
      exactIdx[outside++] = p;
      continue;
    }
    const fr = r * n1;
    const fg = g * n1;
    const fb = b * n1;
    let ir = fr | 0;
    let ig = fg | 0;
    let ib = fb | 0;
    if (ir > n2) ir = n2;
    if (ig > n2) ig = n2;
    if (ib > n2) ib = n2;
    if (exact[(ib * n1 + ig) * n1 + ir] !== 0) {
      exactIdx[outside++] = p;
      continue;
    }
    const tr = fr - ir;
    const tg = fg - ig;
    const tb = fb - ib;
    const o = ib * sb + ig * sg + ir * 3;
    // Tetrahedral interpolation: walk from c000 to c111 along the axes in decreasing order of t.
    let o1: number, o2: number, t1: number, t2: number, t3: number;
    if (tr >= tg) {
      if (tg >= tb) {
        o1 = o + 3; o2 = o + 3 + sg; t1 = tr; t2 = tg; t3 = tb; // r, g, b
      } else if (tr >= tb) {
        o1 = o + 3; o2 = o + 3 + sb; t1 = tr; t2 = tb; t3 = tg; // r, b, g
      } else {
        o1 = o + sb; o2 = o + sb + 3; t1 = tb; t2 = tr; t3 = tg; // b, r, g
      }
    } else if (tr >= tb) {
      o1 = o + sg; o2 = o + sg + 3; t1 = tg; t2 = tr; t3 = tb; // g, r, b
    } else if (tg >= tb) {
      o1 = o + sg; o2 = o + sg + sb; t1 = tg; t2 = tb; t3 = tr; // g, b, r
    } else {
      o1 = o + sb; o2 = o + sb + sg; t1 = tb; t2 = tg; t3 = tr; // b, g, r
    }
    const o3 = o + 3 + sg + sb;
    const w0 = 1 - t1;
    const w1 = t1 - t2;
    const w2 = t2 - t3;
    d[i] = w0 * lut[o] + w1 * lut[o1] + w2 * lut[o2] + t3 * lut[o3];
    d[i + 1] = w0 * lut[o + 1] + w1 * lut[o1 + 1] + w2 * lut[o2 + 1] + t3 * lut[o3 + 1];
    d[i + 2] = w0 * lut[o + 2] + w1 * lut[o1 + 2] + w2 * lut[o2 + 2] + t3 * lut[o3 + 2];
  }
  exactPixels(stage, d, exactIdx, outside, plan, decls, prepared);
}

/** Runs the stage's ops exactly on the listed pixels of d (gathered into a colour strip). */
export function exactPixels(stage: Extract<Stage, { kind: 'lut' }>, d: Float32Array, exactIdx: Int32Array, outside: number, plan: RenderPlan, decls: readonly AnyOp[], prepared: readonly unknown[]): void {
  if (outside === 0) return;
  if (exactBuf.length < outside * 3) exactBuf = new Float32Array(outside * 3);
  for (let k = 0; k < outside; k++) {
    const i = exactIdx[k] * 3;
    exactBuf[3 * k] = d[i];
    exactBuf[3 * k + 1] = d[i + 1];
    exactBuf[3 * k + 2] = d[i + 2];
  }
  const s = colourStrip(exactBuf, outside, plan);
  for (let j = stage.from; j <= stage.to; j++) decls[j].maths!.cpu(s, prepared[j]);
  for (let k = 0; k < outside; k++) {
    const i = exactIdx[k] * 3;
    d[i] = exactBuf[3 * k];
    d[i + 1] = exactBuf[3 * k + 1];
    d[i + 2] = exactBuf[3 * k + 2];
  }
}
