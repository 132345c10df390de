/**
 * The work loops of a pooled render, shared by the render workers and a calling thread that
 * takes part (RenderPool's callerRenders).
 */
import { renderRows } from '../../shared/pixel/pipeline.ts';
import type { GuideSet, RenderPlan, SourceImage } from '../../shared/pixel/pipeline.ts';
import { computeLogLumaRows } from '../../shared/pixel/guides/lumaGrid.ts';

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
export function gridChunks(source: SourceImage, maxDim: number, height: number, chunkRows: number, counter: Int32Array, out: Float32Array): void {
  for (;;) {
    const r0 = Atomics.add(counter, 0, 1) * chunkRows;
    if (r0 >= height) break;
    computeLogLumaRows(source, maxDim, r0, Math.min(height, r0 + chunkRows), out);
  }
}
