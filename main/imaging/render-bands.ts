/**
 * The work loops of a pooled render, shared by the render workers and a calling thread that
 * takes part (RenderPool's callerRenders).
 */
import { renderRows } from '../../shared/pixel/pipeline.ts';
import type { GuideSet, RenderPlan, SourceImage } from '../../shared/pixel/pipeline.ts';
import { computeLogLumaRows, logLumaSourceRows } from '../../shared/pixel/guides/lumaGrid.ts';

/** How long a grid chunk waits for the decode to bring more rows before giving up. */
const STALL_MS = 120_000;

/**
 * The band loop: take the next band off the shared counter, render it straight into the shared
 * output, until none is left. Returns how many bands this thread did.
 */
export function renderBands(
  plan: RenderPlan,
  source: SourceImage,
  guides: GuideSet,
  counter: Int32Array,
  bandRows: number,
  bandCount: number,
  out: Uint8Array | Uint16Array,
): number {
  const rowLen = plan.width * 3;
  let bands = 0;
  for (;;) {
    const band = Atomics.add(counter, 0, 1);
    if (band >= bandCount) break;
    const y0 = band * bandRows;
    const rows = Math.min(bandRows, plan.height - y0);
    renderRows(plan, source, guides, y0, rows, out.subarray(y0 * rowLen, (y0 + rows) * rowLen));
    bands++;
  }
  return bands;
}

/**
 * The log-luminance grid in chunks of grid rows taken off a shared counter, by every thread that
 * calls it (the pool's workers and a calling thread that takes part): a thread that joins late —
 * the worker still building the plan's colour tables — simply takes fewer chunks.
 */
export function gridChunks(source: SourceImage, maxDim: number, height: number, chunkRows: number, counter: Int32Array, out: Float32Array, ready?: Int32Array): void {
  for (;;) {
    const r0 = Atomics.add(counter, 0, 1) * chunkRows;
    if (r0 >= height) break;
    const r1 = Math.min(height, r0 + chunkRows);
    if (ready) waitForRows(ready, logLumaSourceRows(source, maxDim, r1));
    computeLogLumaRows(source, maxDim, r0, r1, out);
  }
}

/**
 * gridChunks without waiting, for a thread that must not block (the one reading the decode in):
 * takes chunks off the counter only while the rows each needs are in; returns at the first that
 * is not ready (or when none is left).
 */
export function readyGridChunks(source: SourceImage, maxDim: number, height: number, chunkRows: number, counter: Int32Array, out: Float32Array, ready: Int32Array): void {
  for (;;) {
    const c = Atomics.load(counter, 0);
    const r0 = c * chunkRows;
    if (r0 >= height) return;
    const r1 = Math.min(height, r0 + chunkRows);
    if (Atomics.load(ready, 0) < logLumaSourceRows(source, maxDim, r1)) return;
    if (Atomics.compareExchange(counter, 0, c, c + 1) !== c) continue; // taken meanwhile: look again
    computeLogLumaRows(source, maxDim, r0, r1, out);
  }
}

/**
 * Blocks (a worker thread) until the decode has brought `need` rows of the source in; throws if
 * it failed (the counter at −1) or brought none for STALL_MS.
 */
function waitForRows(ready: Int32Array, need: number): void {
  let last = -2;
  let since = performance.now();
  for (;;) {
    const have = Atomics.load(ready, 0);
    if (have < 0) throw new Error('the source image failed to decode');
    if (have >= need) return;
    if (have !== last) {
      last = have;
      since = performance.now();
    } else if (performance.now() - since > STALL_MS) throw new Error(`the source image's decode stalled at row ${have}`);
    Atomics.wait(ready, 0, have, 1000);
  }
}
