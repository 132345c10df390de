/**
 * Messages between the render pool (render.ts) and its workers (render-worker.ts). Pixel buffers
 * travel as SharedArrayBuffers: posting one shares the memory, it never copies it.
 */
import type { FusedTable, GuideSet, RenderOptions, ResolvedSettings, SourceImage } from '../../shared/pixel/pipeline.ts';

export interface SharedSource {
  width: number;
  height: number;
  bits: 8 | 16;
  buffer: SharedArrayBuffer;
  byteOffset: number;
}

export interface SharedOutput {
  bits: 8 | 16;
  buffer: SharedArrayBuffer;
  length: number;
}

export interface WorkerJob {
  jobId: number;
  settings: ResolvedSettings;
  options: RenderOptions;
  guides: GuideSet;
  source: SharedSource;
  output: SharedOutput;
  /** Int32Array(1) on a SharedArrayBuffer: the next band to render. */
  counter: SharedArrayBuffer;
  bandRows: number;
  bandCount: number;
}

/** Sent ahead of a job: plan and prepare (fused tables included) while the guides are computed. */
export interface WorkerPrepare {
  type: 'prepare';
  settings: ResolvedSettings;
  options: RenderOptions;
  sourceWidth: number;
  sourceHeight: number;
  /** The plan's fused colour tables, built once by the pool (on SharedArrayBuffers). */
  tables?: FusedTable[];
  /** The ops' prepared states, made once by the pool (plain data): the workers do not prepare again. */
  prepared?: unknown[];
}

/**
 * Prepare a plan on this worker — the ops' prepared states and the fused colour tables, the
 * costly part, a cold process compiling the colour ops as it goes — and reply with both (the
 * tables on SharedArrayBuffers) for the pool's other threads.
 */
export interface WorkerTablesJob {
  type: 'tables';
  jobId: number;
  settings: ResolvedSettings;
  options: RenderOptions;
  sourceWidth: number;
  sourceHeight: number;
}

/** The source's log-luminance grid at maxDim, in chunks of rows shared with the pool's other threads, into a shared grid array. */
export interface WorkerGridJob {
  type: 'grid';
  jobId: number;
  source: SharedSource;
  maxDim: number;
  /** The grid's rows, taken chunkRows at a time off the shared counter (render-bands.ts, gridChunks). */
  height: number;
  chunkRows: number;
  counter: SharedArrayBuffer;
  out: SharedArrayBuffer;
  /**
   * While the source is still decoding: an Int32 counter of its rows already in (−1: the decode
   * failed); each chunk waits for the rows it reads (decode.ts, DecodeOptions.progress).
   */
  ready?: SharedArrayBuffer;
}

/** Compute the named guides of a source (with the fine log-luminance grid, when given, seeded first). */
export interface WorkerGuidesJob {
  type: 'guides';
  jobId: number;
  source: SharedSource;
  names: string[];
  grid?: { maxDim: number; width: number; height: number; buffer: SharedArrayBuffer };
}

export type WorkerMessage = WorkerJob | WorkerPrepare | WorkerTablesJob | WorkerGridJob | WorkerGuidesJob;

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; jobId: number; bands: number; /** ms from receiving the job to its first band, and rendering bands. */ startMs?: number; busyMs?: number }
  | { type: 'tables'; jobId: number; tables: FusedTable[]; prepared: unknown[] }
  | { type: 'guides'; jobId: number; guides: GuideSet }
  | { type: 'error'; jobId: number; message: string; stack?: string };

/** A fused table copied onto SharedArrayBuffers (posting it then shares, not copies, the memory). */
export function shareTable(t: FusedTable): FusedTable {
  const lut = new Float32Array(new SharedArrayBuffer(t.lut.byteLength));
  lut.set(t.lut);
  const exact = new Uint8Array(new SharedArrayBuffer(t.exact.byteLength));
  exact.set(t.exact);
  if (!t.packed) return { ...t, lut, exact };
  const words = new Uint32Array(new SharedArrayBuffer(t.packed.words.byteLength));
  words.set(t.packed.words);
  return { ...t, lut, exact, packed: { ...t.packed, words } };
}

export function viewSource(s: SharedSource): SourceImage {
  const n = s.width * s.height * 3;
  const data = s.bits === 16 ? new Uint16Array(s.buffer, s.byteOffset, n) : new Uint8Array(s.buffer, s.byteOffset, n);
  return { width: s.width, height: s.height, bits: s.bits, data };
}

export function viewOutput(o: SharedOutput): Uint8Array | Uint16Array {
  return o.bits === 16 ? new Uint16Array(o.buffer, 0, o.length) : new Uint8Array(o.buffer, 0, o.length);
}
