/** renderImage: plan + guides + all rows, for callers that want the whole image at once. */
import type { AnyOp } from '../../develop/types.ts';
import type { GuideDeclaration } from '../guides/index.ts';
import { computeGuidesWith } from './guides.ts';
import { planRenderWith } from './plan.ts';
import { renderRowsWith } from './run.ts';
import type { RenderOptions, ResolvedSettings, SourceImage } from './types.ts';

export function renderImageWith(
  ops: readonly AnyOp[],
  guideDecls: readonly GuideDeclaration[],
  settings: ResolvedSettings,
  source: SourceImage,
  opts: RenderOptions = {},
): { width: number; height: number; data: Float32Array } {
  const plan = planRenderWith(ops, settings, source.width, source.height, opts);
  const guides = computeGuidesWith(guideDecls, plan, source);
  const data = new Float32Array(plan.width * plan.height * 3);
  renderRowsWith(ops, plan, source, guides, 0, plan.height, data);
  return { width: plan.width, height: plan.height, data };
}
