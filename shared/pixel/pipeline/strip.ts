/**
 * The per-strip working set of renderRows: the linear float buffer of the strip (with its
 * context rows), and the per-pixel data ops ask for — source coordinates, sampled guides,
 * local-adjustment sums — computed at most once per strip and shared by every op through
 * lightweight row-range views. All buffers are allocated once per renderRows call.
 */
import { evaluateMask, type CompiledMask } from '../../develop/mask.ts';
import type { Strip } from '../../develop/types.ts';
import { sampleGuide, sampleGuideGrid } from '../guides/util.ts';
import { sampleGuideAxesKernel } from '../guides/sample.kernel.ts';
import { exactRowStart, sampleRows, sourceCoordRows } from './geometry.ts';
import type { GuideSet, RenderPlan, SourceImage } from './types.ts';
import type { KernelArena } from '../kernels/index.ts';

/** Normalised source x of each output column, per plan (StripWorkspace.axes). */
const planColumns = new WeakMap<RenderPlan, Float32Array>();

/** 32-bit words of a TwGuide record (shared/pixel/kernels/c/chain.h). */
const GUIDE_WORDS = 13;

/** Allocates the workspace's float buffers (in the kernels' memory when they run). */
export type FloatAlloc = (n: number) => Float32Array;
const plainAlloc: FloatAlloc = (n) => new Float32Array(n);

export interface CompiledLocal {
  mask: CompiledMask;
  params: Record<string, number>;
}

export class StripWorkspace {
  readonly width: number;
  readonly data: Float32Array;
  /** First and one-past-last output row held in `data`. */
  ya = 0;
  yb = 0;
  private coords: Float32Array | null = null;
  private coordsValid = false;
  private readonly guideBufs = new Map<string, Float32Array>();
  private readonly guideValid = new Set<string>();
  private readonly weights: Float32Array[];
  private readonly scratch: Float32Array | null;
  private readonly sums = new Map<string, Float32Array>();
  private readonly sumValid = new Set<string>();
  private carryData: Float32Array | null = null;
  private readonly guideRefs = new Map<string, { at: number; words: Int32Array; ys: Float32Array; strip: number }>();
  private stripCount = 0;
  private carryWeights: Float32Array[] = [];
  /**
   * Set by the runner (see deferSamplingFor): begin() leaves the new rows unsampled, for the
   * strip's first kernel chain to read from the source itself through this decode table (in the
   * kernels' memory); anything else that reads them first calls samplePending().
   */
  deferredLut: Float32Array | null = null;
  /** Rows [from, to) begin() left unsampled (deferredLut), or null. */
  pending: { from: number; to: number } | null = null;

  constructor(
    readonly plan: RenderPlan,
    private readonly source: SourceImage,
    private readonly guides: GuideSet,
    private readonly locals: readonly CompiledLocal[],
    private readonly lut: Float32Array,
    private readonly maxRows: number,
    private readonly alloc: FloatAlloc = plainAlloc,
    /** dst.set(src) (the kernels' memcpy when the buffers live in their memory). */
    private readonly copy: (dst: Float32Array, src: Float32Array) => void = (dst, src) => dst.set(src),
  ) {
    this.width = plan.width;
    this.data = alloc(maxRows * plan.width * 3);
    const n = maxRows * plan.width;
    this.weights = locals.map(() => new Float32Array(n));
    this.scratch = locals.length ? new Float32Array(n) : null;
  }

  /**
   * Load output rows [ya, yb): the first `carried` rows come from the carry saved by the
   * previous strip (see saveCarry), the rest are sampled from the source (linear light).
   * Local masks are evaluated on the newly sampled, unedited pixels (carried rows keep theirs).
   */
  begin(ya: number, yb: number, carried = 0): void {
    this.ya = ya;
    this.yb = yb;
    this.stripCount++;
    this.coordsValid = false;
    this.guideValid.clear();
    this.sumValid.clear();
    const W = this.width;
    if (carried > 0) {
      this.copy(this.data, this.carryData!.subarray(0, carried * W * 3));
      for (let k = 0; k < this.locals.length; k++) this.weights[k].set(this.carryWeights[k].subarray(0, carried * W));
    }
    this.pending = null;
    if (this.deferredLut && this.locals.length === 0) {
      if (yb > ya + carried) this.pending = { from: ya + carried, to: yb };
    } else sampleRows(this.plan.geometry, this.source, this.lut, W, ya + carried, yb, this.data.subarray(carried * W * 3));
    if (this.locals.length) {
      // Masks read the unedited source pixel, so they are evaluated before any op runs.
      const n = (yb - ya - carried) * W;
      const coords = this.sourceCoords().subarray(carried * W * 2);
      const rgb = this.data.subarray(carried * W * 3);
      for (let k = 0; k < this.locals.length; k++) {
        const m = this.locals[k].mask;
        evaluateMask(m, coords, m.needsColor ? rgb : null, n, this.weights[k].subarray(carried * W), this.scratch!);
      }
    }
  }

  /** Samples the rows begin() left for the first chain (a no-op when there are none). */
  samplePending(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    sampleRows(this.plan.geometry, this.source, this.lut, this.width, p.from, p.to, this.data.subarray((p.from - this.ya) * this.width * 3));
  }

  /**
   * The pending rows as a kernel chain's input (shared/pixel/kernels/chain.ts, ChainSource), and
   * no longer pending: the chain samples them. Null when none are.
   */
  takePending(): { src: Uint8Array | Uint16Array; index: number; stride: number; lut: Float32Array } | null {
    const p = this.pending;
    if (!p || !this.deferredLut) return null;
    this.pending = null;
    const sw = this.source.width;
    return { src: this.source.data, index: exactRowStart(this.plan.geometry, sw, p.from), stride: sw * 3, lut: this.deferredLut };
  }

  /** Keep rows [ra, rb) (as they are now) and their mask weights for the next strip's begin(). */
  saveCarry(ra: number, rb: number): void {
    this.samplePending();
    const W = this.width;
    const n = (rb - ra) * W;
    const off = (ra - this.ya) * W;
    if (!this.carryData || this.carryData.length < n * 3) {
      this.carryData = this.alloc(n * 3);
      this.carryWeights = this.locals.map(() => new Float32Array(n));
    }
    this.copy(this.carryData, this.data.subarray(off * 3, (off + n) * 3));
    for (let k = 0; k < this.locals.length; k++) this.carryWeights[k].set(this.weights[k].subarray(off, off + n));
  }

  sourceCoords(): Float32Array {
    if (!this.coordsValid) {
      if (!this.coords) this.coords = new Float32Array(this.maxRows * this.width * 2);
      sourceCoordRows(this.plan.geometry, this.plan.sourceWidth, this.plan.sourceHeight, this.width, this.ya, this.yb, this.coords);
      this.coordsValid = true;
    }
    return this.coords!;
  }

  private xs: Float32Array | null = null;

  /**
   * An axis-aligned geometry's normalised source x per column and y per row of the strip: the
   * very values sourceCoordRows writes (there m1 = m3 = 0), without the per-pixel array.
   */
  private axes(): [Float32Array, Float32Array] {
    const [m0, , m2, , m4, m5] = this.plan.geometry.m;
    const iw = 1 / this.plan.sourceWidth;
    const ih = 1 / this.plan.sourceHeight;
    if (!this.xs) {
      // The columns' x, once per plan (a render's bands each make a workspace).
      let xs = planColumns.get(this.plan);
      if (!xs) {
        xs = new Float32Array(this.width);
        for (let x = 0; x < this.width; x++) xs[x] = (m0 * (x + 0.5) + m2) * iw;
        planColumns.set(this.plan, xs);
      }
      this.xs = xs;
    }
    const ys = new Float32Array(this.yb - this.ya);
    for (let y = this.ya; y < this.yb; y++) ys[y - this.ya] = (m4 * (y + 0.5) + m5) * ih;
    return [this.xs, ys];
  }

  guide(name: string): { data: Float32Array; channels: number } {
    const g = this.guides[name];
    if (!g) throw new Error(`guide "${name}" was not computed (pass computeGuides(plan, source) to renderRows)`);
    let buf = this.guideBufs.get(name);
    if (!buf) {
      buf = this.alloc(this.maxRows * this.width * g.channels);
      this.guideBufs.set(name, buf);
    }
    if (!this.guideValid.has(name)) {
      const m = this.plan.geometry.m;
      if (m[1] === 0 && m[3] === 0) {
        const rows = this.yb - this.ya;
        // Axis-aligned: the kernel needs only each column's x and each row's y.
        const [xs, ys] = this.axes();
        if (!sampleGuideAxesKernel(g, xs, ys, buf)) sampleGuideGrid(g, this.sourceCoords(), this.width, rows, buf);
      } else sampleGuide(g, this.sourceCoords(), (this.yb - this.ya) * this.width, buf);
      this.guideValid.add(name);
    }
    return { data: buf, channels: g.channels };
  }

  /**
   * A TwGuide record for the kernels' chain to sample guide `name` itself over rows from `ra`
   * of this strip (see Strip.guideRef): its grid, columns and scratch rows in the kernels'
   * memory, made once per workspace; null for a rotated geometry or a guide that is not A, B.
   */
  guideRef(name: string, k: KernelArena, ra: number): number | null {
    const g = this.guides[name];
    const m = this.plan.geometry.m;
    if (!g || g.channels !== 2 || m[1] !== 0 || m[3] !== 0 || !k.owns(this.data)) return null;
    let r = this.guideRefs.get(name);
    if (!r) {
      const W = this.width;
      const at = k.alloc(GUIDE_WORDS * 4);
      const words = new Int32Array(k.memory.buffer, at, GUIDE_WORDS);
      const [xs] = this.axes();
      words.set([k.ptr(k.scoped(g.data)), g.width, g.height, k.ptr(k.scoped(xs)), 0]);
      const ys = k.f32(this.maxRows);
      // Scratch: A and B rows, column fractions (padded: the kernel writes whole vectors), runs, grid columns.
      words.set([k.ptr(k.f32(W + 16)), k.ptr(k.f32(W + 16)), k.ptr(k.f32(W + 16)), k.ptr(k.i32(2 * (W + 1))), k.ptr(k.f32(4 * g.width)), W, -1, 0], 5);
      r = { at, words, ys, strip: -1 };
      this.guideRefs.set(name, r);
    }
    if (r.strip !== this.stripCount) {
      r.ys.set(this.axes()[1]);
      r.strip = this.stripCount;
    }
    r.words[4] = k.ptr(r.ys) + (ra - this.ya) * 4;
    r.words[11] = -1;
    return r.at;
  }

  local(param: string): Float32Array | null {
    let used = false;
    for (const l of this.locals) if (l.params[param]) used = true;
    if (!used) return null;
    let buf = this.sums.get(param);
    if (!buf) {
      buf = this.alloc(this.maxRows * this.width);
      this.sums.set(param, buf);
    }
    if (!this.sumValid.has(param)) {
      const n = (this.yb - this.ya) * this.width;
      buf.fill(0, 0, n);
      for (let k = 0; k < this.locals.length; k++) {
        const v = this.locals[k].params[param];
        if (!v) continue;
        const w = this.weights[k];
        for (let i = 0; i < n; i++) buf[i] += w[i] * v;
      }
      this.sumValid.add(param);
    }
    return buf;
  }

  /** A Strip over rows [ra, rb) ⊆ [ya, yb) for an op's kernel. */
  view(ra: number, rb: number): Strip {
    return new StripView(this, ra, rb);
  }
}

class StripView implements Strip {
  readonly data: Float32Array;
  readonly width: number;
  readonly rows: number;
  readonly y0: number;
  readonly imageWidth: number;
  readonly imageHeight: number;
  private readonly off: number;

  constructor(private readonly ws: StripWorkspace, ra: number, rb: number) {
    this.width = ws.width;
    this.rows = rb - ra;
    this.y0 = ra;
    this.off = (ra - ws.ya) * ws.width;
    this.data = ws.data.subarray(this.off * 3, (this.off + this.rows * this.width) * 3);
    this.imageWidth = ws.width;
    this.imageHeight = ws.plan.height;
  }

  guide(name: string): Float32Array {
    const g = this.ws.guide(name);
    return g.data.subarray(this.off * g.channels, (this.off + this.rows * this.width) * g.channels);
  }

  guideRef(name: string, k: KernelArena): number | null {
    return this.ws.guideRef(name, k, this.y0);
  }

  local(param: string): Float32Array | null {
    const l = this.ws.local(param);
    return l ? l.subarray(this.off, this.off + this.rows * this.width) : null;
  }

  sourceCoords(): Float32Array {
    return this.ws.sourceCoords().subarray(this.off * 2, (this.off + this.rows * this.width) * 2);
  }
}
