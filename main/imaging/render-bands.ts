/**
 * The band loop of a pooled render, shared by the render workers and a calling thread that
 * takes part (RenderPool's callerRenders): take the next band off the shared counter, render it
 * straight into the shared output, until none is left. Returns how many bands this thread did.
 */
import { renderRows } from '../../shared/pixel/pipeline.ts';
import type { GuideSet, RenderPlan, SourceImage } from '../../shared/pixel/pipeline.ts';

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
