/**
 * Presence as a link of the kernels' fused chain (shared/pixel/kernels/c/link_presence.h, the
 * twin of presenceCpu): null when the kernel cannot run it (the strip, its sampled guides or its
 * local clarity not in the kernels' memory), then the TypeScript runs.
 */
import { LINK, type LinkSpec } from '../../pixel/kernels/chain.ts';
import type { KernelArena } from '../../pixel/kernels/index.ts';
import type { Strip } from '../types.ts';
import { CLARITY_GAIN, CLARITY_SOFT, TEXTURE_GAIN, TEXTURE_SOFT, type PresencePrepared } from './presence.ts';

const OFF = 0;
const POS = 1;
const NEG = 2;
const LOC = 3;

export function presenceLink(strip: Strip, p: PresencePrepared, k: KernelArena): LinkSpec | null {
  if (!k.owns(strip.data)) return null;
  const locC = strip.local('clarity');
  // A guide the chain samples itself (texRef, claRef), else the strip's sampled one (tex, cla).
  const texRef = p.texture !== 0 ? (strip.guideRef?.('textureBase', k) ?? null) : null;
  const claRef = p.clarity !== 0 || locC !== null ? (strip.guideRef?.('clarityBase', k) ?? null) : null;
  const tex = p.texture !== 0 && texRef === null ? strip.guide('textureBase') : null;
  const cla = (p.clarity !== 0 || locC !== null) && claRef === null ? strip.guide('clarityBase') : null;
  if ((tex !== null && !k.owns(tex)) || (cla !== null && !k.owns(cla)) || ((cla !== null || claRef !== null) && locC !== null && !k.owns(locC))) return null;
  const hasTex = tex !== null || texRef !== null;
  const hasCla = cla !== null || claRef !== null;
  const t = hasTex ? p.texture : 0;
  const c = hasCla ? p.clarity : 0;
  const tm = !hasTex || t === 0 ? OFF : t > 0 ? POS : NEG;
  const cm = !hasCla ? OFF : locC !== null ? LOC : c > 0 ? POS : c < 0 ? NEG : OFF;
  return {
    op: LINK.presence,
    i: [tm, cm],
    ptr: [tm !== OFF && tex ? k.ptr(tex) : 0, cm !== OFF && cla ? k.ptr(cla) : 0, cm === LOC ? k.ptr(locC!) : 0, tm !== OFF ? (texRef ?? 0) : 0, cm !== OFF ? (claRef ?? 0) : 0],
    f: [tm === POS ? t * TEXTURE_GAIN : t * TEXTURE_SOFT, cm === POS ? c * CLARITY_GAIN : cm === NEG ? c * CLARITY_SOFT : c],
  };
}
