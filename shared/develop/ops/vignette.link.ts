/**
 * The vignette as a link of the kernels' fused chain (shared/pixel/kernels/c/link_vignette.h,
 * the twin of vignetteCpu): null when the strip is not in the kernels' memory or not whole rows
 * of the image, then the TypeScript runs.
 */
import { LINK, type LinkSpec } from '../../pixel/kernels/chain.ts';
import type { KernelArena } from '../../pixel/kernels/index.ts';
import type { Strip } from '../types.ts';
import { vignetteColumns, vignetteRowTerm, type VignettePrepared } from './vignette.ts';

export function vignetteLink(strip: Strip, p: VignettePrepared, k: KernelArena): LinkSpec | null {
  if (!k.owns(strip.data) || strip.width !== strip.imageWidth) return null;
  const col = vignetteColumns(p, strip.imageWidth);
  const rq = k.f32(strip.rows);
  for (let y = 0; y < strip.rows; y++) rq[y] = vignetteRowTerm(p, strip, y);
  const n1 = p.gain.length - 1;
  return {
    op: LINK.vignette,
    i: [p.gain.length, p.amount < 0 ? 1 : 0],
    ptr: [k.ptr(k.scoped(col)), k.ptr(rq), k.ptr(k.scoped(p.gain))],
    f: [n1 / p.qMax, p.highlights],
  };
}
