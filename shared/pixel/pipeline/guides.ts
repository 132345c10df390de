/** computeGuides: the guide maps a plan needs, computed from the source (see ../guides/index.ts). */
import type { GuideDeclaration } from '../guides/index.ts';
import type { GuideSet, RenderPlan, SourceImage } from './types.ts';

export function computeGuidesWith(decls: readonly GuideDeclaration[], plan: RenderPlan, source: SourceImage, have: GuideSet = {}): GuideSet {
  const out: GuideSet = {};
  for (const name of plan.guides) {
    if (have[name]) {
      out[name] = have[name];
      continue;
    }
    const d = decls.find((g) => g.name === name);
    if (!d) throw new Error(`no guide named "${name}" is registered (shared/pixel/guides/index.ts)`);
    const map = d.compute(source);
    if (map.channels !== d.channels || map.data.length !== map.width * map.height * map.channels)
      throw new Error(`guide "${name}" returned a malformed map`);
    out[name] = map;
  }
  return out;
}
