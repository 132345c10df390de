/**
 * The full-size CPU render on every core. The plan and the guides are computed once on the main
 * thread; a pool of worker threads (one per core, `os.availableParallelism()`) then renders row
 * bands of a SharedArrayBuffer source into a SharedArrayBuffer output, each taking the next band
 * off a shared atomic counter (so a slow band never stalls the others).
 *
 * Memory: the integer source and the integer output are the only full-size buffers; each worker
 * holds its strip's float buffers (band rows + halo) and nothing else.
 *
 * Small images (under `inlineBelowPixels`) are rendered on the calling thread: posting the job
 * would cost more than the render.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { computeGuides, planFusedTables, planOpStates, planRender, preparePlan, renderRows } from '../../shared/pixel/pipeline.ts';
import type { FusedTable, GuideSet, RenderOptions, RenderPlan, ResolvedSettings, SourceImage } from '../../shared/pixel/pipeline.ts';
import { GUIDES } from '../../shared/pixel/guides/index.ts';
import { FINE_DIM, logLumaGridSize, seedLogLumaGrid } from '../../shared/pixel/guides/lumaGrid.ts';
import { computeNamedGuides, spreadGuides } from '../../shared/pixel/pipeline/guides.ts';
import { bundledWorker } from './worker-bundle.ts';
import { gridChunks, readyGridChunks, renderBands } from './render-bands.ts';
import { installNativeKernels, nativeDir } from './native-kernels.ts';
import { sharedImageArray } from './image-memory.ts';
import { shareTable, type SharedSource, type WorkerGridJob, type WorkerGuidesJob, type WorkerJob, type WorkerPrepare, type WorkerReply, type WorkerTablesJob } from './render-protocol.ts';

export interface RenderedImage {
  width: number;
  height: number;
  bits: 8 | 16;
  /** width*height*3 sRGB-encoded RGB values (on a SharedArrayBuffer when workers rendered it). */
  data: Uint8Array | Uint16Array;
}

export interface RenderRequest {
  settings: ResolvedSettings;
  source: SourceImage;
  options?: RenderOptions;
  /** Output sample depth (default 8, for JPEG). */
  outBits?: 8 | 16;
}

export interface RenderStats {
  planMs: number;
  guidesMs: number;
  renderMs: number;
  workers: number;
  bands: number;
  /** Per worker: ms from receiving the render job to its first band (planning, preparing), and rendering bands. */
  workerStartMs: number[];
  workerBusyMs: number[];
  /** Whether the log-luminance grid was started while the source decoded (prepare's streaming). */
  gridWhileDecoding: boolean;
}

// The calling thread renders inline and computes guides too: its kernels run natively when they can.
installNativeKernels();

/** The worker's tsx entry: used when its sources cannot be bundled (see worker-bundle.ts). */
const WORKER_ENTRY = new URL('./render-worker-entry.mjs', import.meta.url);
const WORKER_SOURCE = fileURLToPath(new URL('./render-worker.ts', import.meta.url));

interface PoolWorker {
  worker: Worker;
  ready: Promise<void>;
}

export interface RenderPoolOptions {
  /**
   * The calling thread renders too (and computes its share of the guides) while the workers run,
   * so the pool starts one worker fewer: for a one-off render in a process of its own (the CLI),
   * whose thread would otherwise only wait. Its event loop is blocked meanwhile, so a pool a
   * service keeps (the app, batch exports) leaves this off.
   */
  callerRenders?: boolean;
}

export class RenderPool {
  /** Threads that render: the workers, and the calling thread with callerRenders. */
  readonly size: number;
  private readonly callerRenders: boolean;
  private workers: PoolWorker[] = [];
  private nextJob = 1;
  private closed = false;

  constructor(size = os.availableParallelism(), opts: RenderPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(size));
    this.callerRenders = opts.callerRenders === true && this.size > 1;
    const workers = this.callerRenders ? this.size - 1 : this.size;
    for (let i = 0; i < workers; i++) this.workers.push(this.spawnTracked());
  }

  /** A worker that is replaced by a fresh one if it ever exits while the pool is open. */
  private spawnTracked(): PoolWorker {
    const w = spawn();
    w.worker.once('exit', () => {
      if (this.closed) return;
      const i = this.workers.indexOf(w);
      if (i >= 0) this.workers[i] = this.spawnTracked();
    });
    return w;
  }

  /** Resolves when every worker has loaded the pipeline (rejects if one failed to start). */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ready));
  }

  async render(req: RenderRequest, stats?: Partial<RenderStats>): Promise<RenderedImage> {
    if (this.closed) throw new Error('RenderPool is closed');
    const options = req.options ?? {};
    const outBits = req.outBits ?? 8;
    const t = performance.now();
    const plan = planRender(req.settings, req.source.width, req.source.height, options);
    const source = shareSource(req.source);
    await this.ready();
    const t1 = performance.now();
    // The plan's fused colour tables are built on a worker (started by prepare() while the source
    // decoded, or now), meanwhile the guides.
    const tables = this.preparePlan(plan, req.settings, options);
    tables.catch(() => {}); // awaited below
    const gridWhileDecoding = this.early?.source.data === req.source.data;
    const guides = await this.computeGuidesOnWorkers(plan, req.source, source);
    await tables;
    const t2 = performance.now();
    const { output, buffer } = allocOutput(plan, outBits, true);
    const bandRows = chooseBandRows(plan, this.size);
    const bandCount = Math.ceil(plan.height / bandRows);
    const counter = new SharedArrayBuffer(4);
    const job: Omit<WorkerJob, 'jobId'> = {
      settings: req.settings,
      options,
      guides,
      source,
      output: { bits: outBits, buffer: buffer as SharedArrayBuffer, length: output.length },
      counter,
      bandRows,
      bandCount,
    };
    const jobId = this.nextJob++;
    const jobs = this.workers.map((w) => runJob(w.worker, { ...job, jobId }));
    let callerMs = 0;
    const callerShare = () => {
      const tc = performance.now();
      renderBands(plan, req.source, guides, new Int32Array(counter), bandRows, bandCount, output);
      callerMs = performance.now() - tc;
    };
    const results = await alongside(jobs, this.callerRenders ? callerShare : undefined);
    const t3 = performance.now();
    const done = results.filter((v): v is Extract<DoneOrGuides, { type: 'done' }> => v.type === 'done');
    if (stats)
      Object.assign(stats, {
        planMs: t1 - t,
        guidesMs: t2 - t1,
        renderMs: t3 - t2,
        workers: this.size,
        bands: bandCount,
        workerStartMs: done.map((d) => d.startMs ?? 0),
        workerBusyMs: [...done.map((d) => d.busyMs ?? 0), ...(this.callerRenders ? [callerMs] : [])],
        gridWhileDecoding,
      });
    return { width: plan.width, height: plan.height, bits: outBits, data: output };
  }

  /**
   * Gets the pool ready for a render of a `sourceWidth`×`sourceHeight` source with these settings
   * before its pixels exist: call it right after starting the decode; render() then finds the
   * plan's fused colour tables built (see preparePlan).
   */
  prepare(req: {
    settings: ResolvedSettings;
    sourceWidth: number;
    sourceHeight: number;
    options?: RenderOptions;
    /**
     * The source's pixels as they decode: the shared array the decode fills and its row counter
     * (decode.ts, DecodeOptions.into and .progress). The workers then compute the log-luminance
     * grid on the rows as they arrive; render() of that very array finishes and uses it.
     */
    streaming?: { source: SourceImage; progress: Int32Array };
  }): void {
    if (this.closed) throw new Error('RenderPool is closed');
    const options = req.options ?? {};
    const plan = planRender(req.settings, req.sourceWidth, req.sourceHeight, options);
    this.preparePlan(plan, req.settings, options).catch(() => {
      /* reported by render() */
    });
    if (req.streaming) this.startGrid(plan, req.streaming.source, req.streaming.progress);
  }

  /** The fine log-luminance grid of a source still decoding, started by prepare(). */
  private early: { source: SourceImage; ready: Int32Array; grid: GridJobs } | null = null;

  /**
   * While the source prepare() was given decodes: this thread computes the grid chunks whose rows
   * are in, without waiting (call it as rows arrive: DecodeOptions.onRows).
   */
  helpWhileDecoding(): void {
    const e = this.early;
    if (!e || !this.callerRenders) return;
    readyGridChunks(e.source, FINE_DIM, e.grid.height, e.grid.chunkRows, new Int32Array(e.grid.counter), new Float32Array(e.grid.buffer), e.ready);
  }

  /**
   * Starts the fine log-luminance grid of `src` on the workers: chunks of grid rows off a shared
   * counter, each as soon as its source rows are in (`ready`, when the source is still decoding).
   */
  private startGrid(plan: RenderPlan, src: SourceImage, ready?: Int32Array): GridJobs | null {
    if (plan.guides.length === 0 || !spreadGuides(GUIDES, plan.guides, this.size).usesLogLumaGrid) return null;
    const { width, height } = logLumaGridSize(src, FINE_DIM);
    const buffer = new SharedArrayBuffer(width * height * 4);
    // Chunks of grid rows off a shared counter: a worker still busy with the plan's tables joins later and takes fewer.
    const counter = new SharedArrayBuffer(4);
    const chunkRows = Math.max(1, Math.ceil(height / (8 * this.size)));
    const source = shareSource(src);
    const jobs = this.workers.map((w) => {
      const job: WorkerGridJob = { type: 'grid', jobId: this.nextJob++, source, maxDim: FINE_DIM, height, chunkRows, counter, out: buffer, ...(ready ? { ready: ready.buffer as SharedArrayBuffer } : {}) };
      return runJob(w.worker, job);
    });
    const grid: GridJobs = { width, height, chunkRows, counter, buffer, jobs };
    if (ready) {
      for (const j of jobs) j.catch(() => {}); // a failed decode: reported by the decode itself
      this.early = { source: src, ready, grid };
    }
    return grid;
  }

  private preparing: { key: string; done: Promise<void> } | null = null;

  /**
   * Prepares every render thread for a plan, once per plan: the first worker makes the ops'
   * prepared states and the fused colour tables (the costly part — a cold process compiles the
   * colour ops as it goes — kept off this thread, which is the app's main process or, in the
   * CLI, the one waiting for libvips to decode), then the other threads take both. Without
   * workers this thread does it.
   */
  private preparePlan(plan: RenderPlan, settings: ResolvedSettings, options: RenderOptions): Promise<void> {
    const key = `${plan.sourceWidth}x${plan.sourceHeight}:${plan.key}`;
    if (this.preparing?.key === key) return this.preparing.done;
    const base = { settings, options, sourceWidth: plan.sourceWidth, sourceHeight: plan.sourceHeight };
    const share = (tables: FusedTable[], prepared: unknown[], skip: number) => {
      const prep: WorkerPrepare = { type: 'prepare', ...base, tables, prepared };
      for (const w of this.workers.slice(skip)) w.worker.postMessage(prep);
      // This thread renders bands (callerRenders) or may compute guides: its own cache too.
      preparePlan(plan, tables, prepared);
    };
    let done: Promise<void>;
    if (this.workers.length > 0) {
      const job: WorkerTablesJob = { type: 'tables', jobId: this.nextJob++, ...base };
      done = runJob(this.workers[0].worker, job).then((r) => {
        if (r.type !== 'tables') throw new Error(`render worker: expected the plan's tables, got a ${r.type} reply`);
        share(r.tables, r.prepared, 1);
      });
    } else {
      share(planFusedTables(plan).map(shareTable), planOpStates(plan), 0);
      done = Promise.resolve();
    }
    this.preparing = { key, done };
    done.catch(() => {
      if (this.preparing?.done === done) this.preparing = null;
    });
    return done;
  }

  /**
   * The plan's guides, computed on the workers (and this thread with callerRenders): the fine
   * log-luminance grid (which the tone and presence guides share) in chunks of rows the threads
   * take as they come, then the guides spread over the threads by cost. The same maps as
   * computeGuides(plan, source) on one thread, to the bit.
   */
  private async computeGuidesOnWorkers(plan: RenderPlan, src: SourceImage, source: SharedSource): Promise<GuideSet> {
    if (plan.guides.length === 0) return {};
    // The guides spread over the threads; with callerRenders the costliest list is this thread's
    // (the first worker may still be building the plan's tables).
    const spread = spreadGuides(GUIDES, plan.guides, this.size);
    const usesLogLumaGrid = spread.usesLogLumaGrid;
    const callerList = this.callerRenders ? spread.lists[0] : [];
    const lists = this.callerRenders ? spread.lists.slice(1) : spread.lists;
    let grid: WorkerGuidesJob['grid'];
    // Whatever the size: otherwise each worker would compute the same grid for its own guides.
    // Started by prepare() while the source decoded, or now.
    const early = this.early?.source.data === src.data ? this.early.grid : null;
    this.early = null;
    const g = early ?? (usesLogLumaGrid ? this.startGrid(plan, src) : null);
    if (g) {
      const { width, height, chunkRows, counter, buffer } = g;
      const callerShare = () => gridChunks(src, FINE_DIM, height, chunkRows, new Int32Array(counter), new Float32Array(buffer));
      await alongside(g.jobs, this.callerRenders ? callerShare : undefined);
      grid = { maxDim: FINE_DIM, width, height, buffer };
      // The calling thread's cache too, so a later computeGuides here finds the grid.
      seedLogLumaGrid(src, FINE_DIM, { width, height, data: new Float32Array(buffer) });
    }
    const jobs = lists.map((names, k) => (names.length ? runJob(this.workers[k].worker, { type: 'guides', jobId: this.nextJob++, source, names, grid }) : Promise.resolve(null)));
    const guides: GuideSet = {};
    const callerShare = () => Object.assign(guides, computeNamedGuides(GUIDES, callerList, src));
    const replies = await alongside(jobs, this.callerRenders ? callerShare : undefined);
    for (const r of replies) if (r?.type === 'guides') Object.assign(guides, r.guides);
    return guides;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.early = null;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers = [];
  }
}

function spawn(): PoolWorker {
  const bundled = bundledWorker(WORKER_SOURCE);
  // The bundle is plain JavaScript: no need for the loader flags (tsx) a worker would inherit.
  const workerData = { nativeDir: nativeDir() };
  const worker = bundled ? new Worker(bundled, { execArgv: [], workerData }) : new Worker(WORKER_ENTRY, { workerData });
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (m: WorkerReply) => {
      if (m.type === 'ready') {
        worker.off('error', onError);
        resolve();
      }
    };
    const onError = (e: Error) => reject(new Error(`render worker failed to start: ${e.message}`, { cause: e }));
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
  ready.catch(() => {}); // surfaced by ready()/render(), not as an unhandled rejection
  return { worker, ready };
}

/**
 * Runs this thread's share of the work (if any) while the workers run their jobs, then waits for
 * every job — none may still be writing shared memory — and throws the first failure, the
 * workers' before this thread's.
 */
async function alongside<T>(jobs: Promise<T>[], callerShare?: () => unknown): Promise<T[]> {
  let callerFailure: unknown = null;
  try {
    callerShare?.();
  } catch (e) {
    callerFailure = e;
  }
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  if (callerFailure) throw callerFailure;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

type DoneOrGuides = Extract<WorkerReply, { type: 'done' | 'guides' | 'tables' }>;

/** The fine log-luminance grid being computed on the workers (RenderPool.startGrid). */
interface GridJobs {
  width: number;
  height: number;
  chunkRows: number;
  counter: SharedArrayBuffer;
  buffer: SharedArrayBuffer;
  jobs: Promise<DoneOrGuides>[];
}

function runJob(worker: Worker, job: WorkerJob | WorkerGridJob | WorkerGuidesJob | WorkerTablesJob): Promise<DoneOrGuides> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (m: WorkerReply) => {
      if (m.type === 'ready' || m.jobId !== job.jobId) return;
      cleanup();
      if (m.type === 'done' || m.type === 'guides' || m.type === 'tables') resolve(m);
      else {
        const err = new Error(`render failed: ${m.message}`);
        if (m.stack) err.stack = m.stack;
        reject(err);
      }
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`render worker exited (code ${code})`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}

/** The source as a SharedArrayBuffer view: shared as is when it already is, copied otherwise. */
function shareSource(src: SourceImage): SharedSource {
  const data = src.data;
  if (data.buffer instanceof SharedArrayBuffer) {
    return { width: src.width, height: src.height, bits: src.bits, buffer: data.buffer, byteOffset: data.byteOffset };
  }
  const buffer = new SharedArrayBuffer(data.byteLength);
  (src.bits === 16 ? new Uint16Array(buffer) : new Uint8Array(buffer)).set(data);
  return { width: src.width, height: src.height, bits: src.bits, buffer, byteOffset: 0 };
}

function allocOutput(plan: RenderPlan, bits: 8 | 16, shared: boolean) {
  const n = plan.width * plan.height * 3;
  const output = shared ? sharedImageArray(n, bits) : bits === 16 ? new Uint16Array(n) : new Uint8Array(n);
  const buffer = output.buffer;
  return { output, buffer };
}

/**
 * Rows per band: about six bands per worker for load balance, a whole number of the runner's
 * internal strips (each strip renders its halo of context rows once, so partial strips waste work).
 */
export function chooseBandRows(plan: Pick<RenderPlan, 'height' | 'stripRows'>, workers: number): number {
  const strip = Math.max(1, plan.stripRows);
  const target = Math.ceil(plan.height / (Math.max(1, workers) * 6));
  return Math.max(1, Math.min(plan.height, Math.ceil(target / strip) * strip));
}

/** Renders on the calling thread, band by band (no full-size float buffer either). */
export function renderInline(req: RenderRequest): RenderedImage {
  const options = req.options ?? {};
  const outBits = req.outBits ?? 8;
  const plan = planRender(req.settings, req.source.width, req.source.height, options);
  const guides = computeGuides(plan, req.source);
  const { output } = allocOutput(plan, outBits, false);
  // The runner works through its own strips: no full-size float buffer.
  renderRows(plan, req.source, guides, 0, plan.height, output);
  return { width: plan.width, height: plan.height, bits: outBits, data: output };
}

/** Below this many source pixels a render runs on the calling thread. */
export const INLINE_BELOW_PIXELS = 1 << 20;

/**
 * Renders with the pool when the image is large enough to profit, inline otherwise. Without a
 * pool, a temporary one is started and closed.
 */
export async function renderImageParallel(req: RenderRequest, pool?: RenderPool, stats?: Partial<RenderStats>): Promise<RenderedImage> {
  if (req.source.width * req.source.height < INLINE_BELOW_PIXELS && !pool) return renderInline(req);
  const own = pool ?? new RenderPool();
  try {
    return await own.render(req, stats);
  } finally {
    if (!pool) await own.close();
  }
}
