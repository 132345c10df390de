/** computeGuides: the guide maps a plan needs, computed from the source (see ../guides/index.ts). */
import type { GuideDeclaration } from '../guides/index.ts';
import type { GuideSet, RenderPlan, SourceImage } from './types.ts';

function declOf(decls: readonly GuideDeclaration[], name: string): GuideDeclaration {
  const d = decls.find((g) => g.name === name);
  if (!d) throw new Error(`no guide named "${name}" is registered (shared/pixel/guides/index.ts)`);
  return d;
}

export function computeGuidesWith(decls: readonly GuideDeclaration[], plan: RenderPlan, source: SourceImage, have: GuideSet = {}): GuideSet {
  return computeNamedGuides(decls, plan.guides, source, have);
}

/** The named guides of a source (those in `have` are reused), each checked against its declaration. */
export function computeNamedGuides(decls: readonly GuideDeclaration[], names: readonly string[], source: SourceImage, have: GuideSet = {}): GuideSet {
  const out: GuideSet = {};
  for (const name of names) {
    if (have[name]) {
      out[name] = have[name];
      continue;
    }
    const d = declOf(decls, name);
    const map = d.compute(source);
    if (map.channels !== d.channels || map.data.length !== map.width * map.height * map.channels)
      throw new Error(`guide "${name}" returned a malformed map`);
    out[name] = map;
  }
  return out;
}

/**
 * Spreads the guides a plan needs over `threads` threads, longest first onto the least loaded
 * thread (by the declarations' cost hints). Returns one list of names per thread (some may be
 * empty), and whether any of them reads the fine log-luminance grid.
 */
export function spreadGuides(decls: readonly GuideDeclaration[], names: readonly string[], threads: number): { lists: string[][]; usesLogLumaGrid: boolean } {
  const n = Math.max(1, Math.floor(threads));
  const lists: string[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(n).fill(0);
  let usesLogLumaGrid = false;
  const costed = names.map((name) => {
    const d = declOf(decls, name);
    if (d.usesLogLumaGrid) usesLogLumaGrid = true;
    return { name, cost: d.cost ?? 1 };
  });
  costed.sort((a, b) => b.cost - a.cost);
  for (const { name, cost } of costed) {
    let k = 0;
    for (let i = 1; i < n; i++) if (load[i] < load[k]) k = i;
    lists[k].push(name);
    load[k] += cost;
  }
  return { lists, usesLogLumaGrid };
}
