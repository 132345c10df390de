/**
 * Edge-aware base layers of log-luminance for the tone and presence ops: a self-guided filter
 * (He, Sun, Tang) on the offset-log luminance grid of ./lumaGrid.ts. The guide stores the
 * averaged coefficient maps (A, B) — two channels — and a kernel evaluates the base at full
 * resolution as base = A·l + B with its own full-resolution l = log2(Y + EPS): the "fast guided
 * filter". In flat areas A → 0 (base = local mean); across an edge A → 1 (base = the pixel), so
 * operations on the base do not halo. Radius is a fraction of the diagonal, so a preview-size
 * source and the full-size original give the same map.
 */
import type { GuideMap, SourceImage } from '../pipeline/types.ts';
import { guidedFilter, packGuide } from './util.ts';
import { logLumaGrid } from './lumaGrid.ts';

export interface LumaBaseSpec {
  /** Longest side of the grid. */
  maxDim: number;
  /** Window radius as a fraction of the grid's diagonal. */
  radius: number;
  /** Regulariser in stops² (edges with a local variance well above eps are kept). */
  eps: number;
}

export function computeLumaBase(src: SourceImage, spec: LumaBaseSpec): GuideMap {
  const g = logLumaGrid(src, spec.maxDim);
  const r = Math.max(1, Math.round(spec.radius * Math.hypot(g.width, g.height)));
  const { a, b } = guidedFilter(g.data, g.data, g.width, g.height, r, spec.eps);
  return packGuide(g.width, g.height, [a, b]);
}
