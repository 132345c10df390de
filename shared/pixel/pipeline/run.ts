/**
 * renderRows: render output rows [y0, y0+rows) of a plan, strip by strip.
 *
 * Per strip: sample the source (integer, sRGB-encoded) into linear floats through the decode
 * LUT, with `halo` extra rows above and below (clipped at the image edges); evaluate the local
 * masks on the unedited pixels; run the active ops in registry order, each on the rows it
 * needs (an op with halo h processes h more rows each side than the ops after it need, so
 * every row that reaches the output is exact); convert linear → display before the first
 * display op; clamp and write the interior rows. The ops before the first halo op are
 * row-local, so the context rows they computed are carried to the next strip rather than
 * computed twice (only the halo op and the ops after it pay for context rows). The result does not depend on how the image
 * is split into calls or strips. Ops are passed explicitly (pipeline.ts passes the registry).
 */
import { compileMask } from '../../develop/mask.ts';
import type { AnyOp, PrepareContext } from '../../develop/types.ts';
import { decodeLut } from '../transfer.ts';
import { sampleExact } from './geometry.ts';
import { conversionLut, encodeTable, fusedLut8, linearToDisplay, writeOut, type OutArray } from './output.ts';
import { displayLink } from './output.kernel.ts';
import { StripWorkspace, type CompiledLocal } from './strip.ts';
import { kernelArena, kernelsFor, type KernelArena } from '../kernels/index.ts';
import { chainCanRead, runChain, type LinkSpec } from '../kernels/chain.ts';
import { applyLutStage, exactPixels, lutLink, packedLut, planStages, type FusedTable, type Stage } from './fuse.ts';
import type { GuideSet, RenderPlan, SourceImage } from './types.ts';

interface PreparedOps {
  decls: AnyOp[];
  prepared: unknown[];
  /** The ops grouped into stages (runs of pure colour ops fused into a 3D table on large renders). */
  stages: Stage[];
}

/** prepare() results per ops list and plan key (a few plans, so workers re-use them across calls). */
const preparedCache = new WeakMap<readonly AnyOp[], Map<string, PreparedOps>>();
const CACHE_PLANS = 4;

/**
 * The ops' prepared state and stages for a plan, cached. `tables`: fused colour tables another
 * thread built for this very plan (see fusedTables), used instead of building them again; and
 * `given`: the ops' prepared states another thread made for it (plain data, see preparedStates),
 * used instead of calling each op's prepare again.
 */
export function prepareOps(ops: readonly AnyOp[], plan: RenderPlan, tables: readonly FusedTable[] = [], given?: readonly unknown[]): PreparedOps {
  let byKey = preparedCache.get(ops);
  if (!byKey) preparedCache.set(ops, (byKey = new Map()));
  const hit = byKey.get(plan.key);
  if (hit) return hit;
  const decls = planDecls(ops, plan);
  const prepared = given && given.length === plan.ops.length ? [...given] : opStates(ops, plan);
  const entry = { decls, prepared, stages: planStages(plan, decls, prepared, undefined, undefined, tables) };
  byKey.set(plan.key, entry);
  if (byKey.size > CACHE_PLANS) byKey.delete(byKey.keys().next().value!);
  return entry;
}

function planDecls(ops: readonly AnyOp[], plan: RenderPlan): AnyOp[] {
  return plan.ops.map((p) => {
    const d = ops.find((o) => o.id === p.id);
    if (!d?.maths) throw new Error(`renderRows: the plan uses op "${p.id}", which this ops list does not implement`);
    return d;
  });
}

/**
 * The ops' prepared states of a plan, without its fused colour tables (plain data another thread
 * can take, see prepareOps' `given`): cached ones when the plan was prepared here, else made now.
 */
export function opStates(ops: readonly AnyOp[], plan: RenderPlan): unknown[] {
  const hit = preparedCache.get(ops)?.get(plan.key);
  if (hit) return hit.prepared;
  const ctx: PrepareContext = { width: plan.width, height: plan.height, scale: plan.scale, rendered: plan.rendered };
  const decls = planDecls(ops, plan);
  return plan.ops.map((p, i) => decls[i].maths!.prepare(p.params, ctx));
}

/** The fused colour tables of a plan (built here if not cached), packed for the kernel too, to hand to other threads. */
export function fusedTables(ops: readonly AnyOp[], plan: RenderPlan): FusedTable[] {
  return prepareOps(ops, plan).stages.flatMap((s) =>
    s.kind === 'lut' ? [{ from: s.from, to: s.to, n: s.n, lut: s.lut, exact: s.exact, packed: s.packed !== undefined ? s.packed : packedLut(s.lut) }] : [],
  );
}

function checkSource(plan: RenderPlan, source: SourceImage): void {
  if (source.width !== plan.sourceWidth || source.height !== plan.sourceHeight)
    throw new Error(`renderRows: source is ${source.width}×${source.height}, the plan was made for ${plan.sourceWidth}×${plan.sourceHeight}`);
  if (source.data.length < source.width * source.height * 3) throw new Error('renderRows: source data shorter than width×height×3');
  if ((source.bits === 8) !== source.data instanceof Uint8Array) throw new Error('renderRows: source bits do not match its array type');
}

/**
 * Render output rows [y0, y0+rows) into `out`, which receives exactly rows × width × 3 values
 * from index 0 (pass a subarray to write into a larger image buffer).
 */
export function renderRowsWith(ops: readonly AnyOp[], plan: RenderPlan, source: SourceImage, guides: GuideSet, y0: number, rows: number, out: OutArray): void {
  checkSource(plan, source);
  const W = plan.width;
  const H = plan.height;
  if (!Number.isInteger(y0) || !Number.isInteger(rows) || y0 < 0 || rows < 0 || y0 + rows > H)
    throw new Error(`renderRows: rows ${y0}..${y0 + rows} outside the output's 0..${H}`);
  if (out.length < rows * W * 3) throw new Error(`renderRows: out holds ${out.length} values, ${rows * W * 3} needed`);
  if (rows === 0) return;

  // No active op and pixel-exact geometry: code values go straight to the output.
  if (plan.ops.length === 0 && plan.geometry.exact) {
    const sameDepth = (source.bits === 8 && out instanceof Uint8Array) || (source.bits === 16 && out instanceof Uint16Array);
    if (plan.geometry.identity && sameDepth) out.set(source.data.subarray(y0 * W * 3, (y0 + rows) * W * 3));
    else sampleExact(plan.geometry, source, conversionLut(source.bits, out), W, y0, y0 + rows, out);
    return;
  }

  const { decls, prepared, stages } = prepareOps(ops, plan);
  const aspect = plan.sourceWidth / plan.sourceHeight;
  const locals: CompiledLocal[] = plan.locals.map((l) => ({ mask: compileMask(l.mask, aspect), params: l.params }));
  const maxRows = Math.min(H, Math.max(1, Math.min(plan.stripRows, rows)) + 2 * plan.halo);
  // The strip's buffers live in the WebAssembly kernels' memory (when they load), so the
  // kernels work on them in place; released when this call returns.
  const arena = kernelArena();
  if (arena) {
    // The runner's fixed tables, copied into the module memory once per thread (before the mark).
    arena.constant('encode65535', encodeTable());
    arena.constant('fused8', fusedLut8());
    arena.constant(source.bits === 8 ? 'decode8' : 'decode16', decodeLut(source.bits));
  }
  const mark = arena?.mark() ?? 0;
  try {
    const ws = new StripWorkspace(plan, source, guides, locals, decodeLut(source.bits), maxRows, arena ? (k) => arena.f32(k) : undefined, arena ? (d, s) => arena.set(d, s) : undefined);
    if (arena && locals.length === 0 && deferSamplingFor(plan) && kernelsFor(ws.data) && chainCanRead(arena, { src: source.data }))
      ws.deferredLut = arena.constant(source.bits === 8 ? 'decode8' : 'decode16', decodeLut(source.bits));
    runStrips(ws, plan, decls, prepared, stages, y0, rows, out);
  } finally {
    arena?.release(mark);
  }
}

function runStrips(ws: StripWorkspace, plan: RenderPlan, decls: AnyOp[], prepared: unknown[], stages: Stage[], y0: number, rows: number, out: OutArray): void {
  const W = plan.width;
  const H = plan.height;
  const halo = plan.halo;
  const S = Math.max(1, Math.min(plan.stripRows, rows));
  const n = stages.length;
  // A fused stage covers ops with no halo, all in display space.
  const first = (s: Stage) => (s.kind === 'op' ? s.index : s.from);
  const stageHalo = stages.map((s) => (s.kind === 'op' ? plan.ops[s.index].halo : 0));
  const display = stages.map((s) => plan.ops[first(s)].space === 'display');
  const k = kernelsFor(ws.data);

  // Ops before the first halo op are row-local: the context rows they computed for one strip
  // are carried into the next instead of being computed again.
  const firstHalo = stageHalo.findIndex((h) => h > 0);
  const carry = firstHalo > 0;
  let prevYb = -1;
  const ra = new Array<number>(n);
  const rb = new Array<number>(n);

  for (let y = y0; y < y0 + rows; y += S) {
    const s = Math.min(S, y0 + rows - y);
    const ya = Math.max(0, y - halo);
    const yb = Math.min(H, y + s + halo);
    const carried = carry && prevYb > ya ? prevYb - ya : 0;
    ws.begin(ya, yb, carried);
    prevYb = yb;
    // The rows each stage processes: the output rows plus the context the stages after it need.
    let reach = halo;
    for (let i = 0; i < n; i++) {
      ra[i] = Math.max(0, y - reach) + (i < firstHalo ? carried : 0); // carried rows are already through these ops
      rb[i] = Math.min(H, y + s + reach);
      reach -= stageHalo[i];
    }
    let linear = true;
    for (let i = 0; i < n; ) {
      if (i === firstHalo && carry && y + s < y0 + rows) ws.saveCarry(Math.max(0, y + s - halo), yb);
      const toDisplay = linear && display[i];
      if (rb[i] <= ra[i]) {
        linear = linear && !display[i];
        i++;
        continue;
      }
      // Consecutive stages over the same rows run as one fused chain on the kernels when each has a link.
      const done = k ? runChainFrom(k, ws, plan, decls, prepared, stages, i, ra, rb, firstHalo, linear, display) : i;
      if (done > i) {
        if (display[done - 1]) linear = false;
        i = done;
        continue;
      }
      ws.samplePending(); // no chain took the rows in: sampled now, as every other step reads them
      if (toDisplay) {
        linearToDisplay(ws.data, (ra[i] - ya) * W * 3, (rb[i] - ya) * W * 3);
        linear = false;
      }
      const st = stages[i];
      if (st.kind === 'op') decls[st.index].maths!.cpu(ws.view(ra[i], rb[i]), prepared[st.index]);
      else applyLutStage(st, ws.view(ra[i], rb[i]), plan, decls, prepared);
      i++;
    }
    ws.samplePending();
    writeOut(ws.data, (y - ya) * W * 3, s * W * 3, linear, out, (y - y0) * W * 3);
  }
}

/**
 * Runs stages [i, j) as one chain of kernel links over their common rows, for the largest j
 * the links allow (a stage without a link, other rows, the first halo op's carry point, or just
 * after a table stage end it): the linear → display step is a link too. Returns j (i when not
 * even stage i has a link: the caller then runs it alone).
 */
function runChainFrom(
  k: KernelArena,
  ws: StripWorkspace,
  plan: RenderPlan,
  decls: AnyOp[],
  prepared: unknown[],
  stages: Stage[],
  i: number,
  ra: readonly number[],
  rb: readonly number[],
  firstHalo: number,
  linear: boolean,
  display: readonly boolean[],
): number {
  // Rows begin() left unsampled: this chain reads them from the source when it covers exactly them.
  const pend = ws.pending;
  if (pend && (pend.from !== ra[i] || pend.to !== rb[i])) ws.samplePending();
  const view = ws.view(ra[i], rb[i]);
  // The links are made in the caller's arena region: the tables they copy in (k.scoped) and the
  // guides they sample stay there for the next strips; only the chain's own scratch is released.
  const links: LinkSpec[] = [];
  let lut: Extract<Stage, { kind: 'lut' }> | null = null;
  let lin = linear;
  let j = i;
  for (; j < stages.length; j++) {
    if (j > i && (ra[j] !== ra[i] || rb[j] !== rb[i] || j === firstHalo)) break;
    const st = stages[j];
    const link = st.kind === 'op' ? (decls[st.index].maths!.link?.(view, prepared[st.index], k) ?? null) : lutLink(st, k);
    if (!link) break;
    if (lin && display[j]) {
      links.push(displayLink(k, encodeTable()));
      lin = false;
    }
    links.push(link);
    if (st.kind === 'lut') {
      lut = st;
      j++;
      break;
    }
  }
  if (j === i) return i;
  const mark = k.mark();
  try {
    const exact = runChain(k, view.data, view.width, view.rows, links, ws.takePending() ?? undefined);
    if (lut) exactPixels(lut, view.data, exact, exact.length, plan, decls, prepared);
  } finally {
    k.release(mark);
  }
  return j;
}

/**
 * Whether a strip's new rows can be left for its first kernel chain to sample (StripWorkspace.
 * deferredLut): an exact geometry that keeps rows left to right and top to bottom (no rotation,
 * no flip), so each row is a run of source pixels.
 */
function deferSamplingFor(plan: RenderPlan): boolean {
  const m = plan.geometry.m;
  return plan.geometry.exact && m[0] === 1 && m[1] === 0 && m[3] === 0 && m[4] === 1;
}
