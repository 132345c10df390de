/**
 * The pipeline runner (docs/pipeline.md, "The pipeline runner"), wired to the op registry and
 * the guide registry. The implementation lives in ./pipeline/*.ts and takes the ops list
 * explicitly (the `…With` functions), which tests and tools use with their own ops.
 *
 *   const plan = planRender(settings, src.width, src.height, { scale: 1, rendered: true });
 *   const guides = computeGuides(plan, src);           // once per source; plain data
 *   renderRows(plan, src, guides, y0, rows, out);      // any split of rows, any thread
 *
 * `out` receives rows × plan.width × 3 values from index 0: sRGB-encoded RGB, as 0..255,
 * 0..65535 or 0..1 floats depending on its type.
 */
import { OPS } from '../develop/registry.ts';
import { GUIDES } from './guides/index.ts';
import { computeGuidesWith } from './pipeline/guides.ts';
import { renderImageWith } from './pipeline/image.ts';
import type { OutArray } from './pipeline/output.ts';
import { planRenderWith } from './pipeline/plan.ts';
import { fusedTables, opStates, prepareOps, renderRowsWith } from './pipeline/run.ts';
import type { FusedTable } from './pipeline/fuse.ts';
import type { GuideSet, RenderOptions, RenderPlan, ResolvedSettings, SourceImage } from './pipeline/types.ts';

export type * from './pipeline/types.ts';
export type { OutArray } from './pipeline/output.ts';
export type { FusedTable } from './pipeline/fuse.ts';
export { planRenderWith, completeParams, isIdentityParams } from './pipeline/plan.ts';
export { renderRowsWith } from './pipeline/run.ts';
export { computeGuidesWith } from './pipeline/guides.ts';
export { renderImageWith } from './pipeline/image.ts';
export { croppedSize } from './pipeline/size.ts';

export function planRender(settings: ResolvedSettings, sourceWidth: number, sourceHeight: number, opts: RenderOptions = {}): RenderPlan {
  return planRenderWith(OPS, settings, sourceWidth, sourceHeight, opts);
}

export function computeGuides(plan: RenderPlan, source: SourceImage, have?: GuideSet): GuideSet {
  return computeGuidesWith(GUIDES, plan, source, have);
}

export function renderRows(plan: RenderPlan, source: SourceImage, guides: GuideSet, y0: number, rows: number, out: OutArray): void {
  renderRowsWith(OPS, plan, source, guides, y0, rows, out);
}

/**
 * Runs the ops' prepare (and builds fused colour tables) for a plan ahead of renderRows, which
 * then finds it cached: a worker can do this while the guides are being computed elsewhere.
 */
export function preparePlan(plan: RenderPlan, tables: readonly FusedTable[] = [], prepared?: readonly unknown[]): void {
  prepareOps(OPS, plan, tables, prepared);
}

/** The ops' prepared states of a plan, without its fused colour tables, for preparePlan on other threads. */
export function planOpStates(plan: RenderPlan): unknown[] {
  return opStates(OPS, plan);
}

/** The plan's fused colour tables (building them here), for preparePlan on other threads. */
export function planFusedTables(plan: RenderPlan): FusedTable[] {
  return fusedTables(OPS, plan);
}

export function renderImage(settings: ResolvedSettings, source: SourceImage, opts: RenderOptions = {}): { width: number; height: number; data: Float32Array } {
  return renderImageWith(OPS, GUIDES, settings, source, opts);
}
