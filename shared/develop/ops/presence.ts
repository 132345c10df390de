/**
 * Presence (Lightroom's Texture and Clarity), in linear light on offset-log luminance
 * (./linearMath.ts), from two edge-aware base layers computed on the source (guides
 * `textureBase` — fine scale, ≈ 0.3 % of the diagonal — and `clarityBase` — mid scale,
 * ≈ 2.5 %; see shared/pixel/guides/lumaBase.ts). Each base is A·l + B with the pixel's own
 * full-resolution l, so the detail d = l − base is exact at full resolution and vanishes
 * across strong edges (A → 1): no halos.
 * - Texture t (−1..1): d_t is amplified with a coring weight d²/(d² + 0.04²) so grain and JPEG
 *   noise below ~0.04 stop are not (t > 0); t < 0 pulls towards the base (×0.8: smooths skin
 *   and foliage, keeps edges).
 * - Clarity c (−1..1, plus local clarity): d_c × 0.9·c with a soft limit d/(1 + |d|/1.5) so large
 *   local differences are not blown up; weighted down (to ½) where the base is more than
 *   3–6 stops from mid grey, protecting deep shadows and bright highlights; c < 0 softens
 *   towards the base (×0.8), Lightroom's dreamy negative clarity.
 * The luminance change is applied as in the tone op (neutral floor, hue-preserving roll-off).
 * Presence must run before the tone op (see the report / registry): its detail is measured
 * against guides of the *source*, which only match luminance the tone op has not yet curved.
 */
import type { OpDeclaration, PrepareContext, Strip } from '../types.ts';
import { EPS, KB, KG, KNEE, KR, LOG2_MID, applyLogDelta, clamp, fastLog2, num, protectHighlights, smoothstep } from './linearMath.ts';
import { presenceGlsl } from './presence.glsl.ts';
import { presenceLink } from './presence.link.ts';

export interface PresenceParams {
  [k: string]: number;
  texture: number;
  clarity: number;
}

export interface PresencePrepared {
  texture: number;
  clarity: number;
}

export const TEXTURE_GAIN = 1;
export const TEXTURE_SOFT = 0.8;
export const TEXTURE_CORE = 0.04;
export const CLARITY_GAIN = 0.9;
export const CLARITY_SOFT = 0.8;
export const CLARITY_LIMIT = 1.5;
export const CLARITY_PROTECT = [3, 6] as const;

export function preparePresence(p: PresenceParams, _ctx?: PrepareContext): PresencePrepared {
  return { texture: clamp(num(p.texture), -100, 100) / 100, clarity: clamp(num(p.clarity), -100, 100) / 100 };
}

export function presenceCpu(strip: Strip, p: PresencePrepared): void {
  const { data } = strip;
  const n = strip.width * strip.rows;
  const locC = strip.local('clarity');
  const tex = p.texture !== 0 ? strip.guide('textureBase') : null;
  const cla = p.clarity !== 0 || locC !== null ? strip.guide('clarityBase') : null;
  if (!tex && !cla) return;
  // presenceDelta and applyLogDelta inlined (the same formulas in the same order).
  const t = p.texture;
  const pc = cla !== null ? p.clarity : 0;
  const core2 = TEXTURE_CORE * TEXTURE_CORE;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const r = data[o];
    const g = data[o + 1];
    const b = data[o + 2];
    const y0 = KR * r + KG * g + KB * b;
    const y = y0 > 0 ? y0 : 0;
    const l = fastLog2(y + EPS);
    let delta = 0;
    if (t !== 0) {
      const d = tex !== null ? l - (tex[2 * i] * l + tex[2 * i + 1]) : 0;
      delta += t > 0 ? t * TEXTURE_GAIN * d * ((d * d) / (d * d + core2)) : t * TEXTURE_SOFT * d;
    }
    const c = locC !== null ? clamp(pc + locC[i] / 100, -1, 1) : pc;
    if (c !== 0) {
      const bc = cla![2 * i] * l + cla![2 * i + 1];
      const d = l - bc;
      const dm = bc - LOG2_MID;
      const w = 1 - 0.5 * smoothstep(CLARITY_PROTECT[0], CLARITY_PROTECT[1], dm < 0 ? -dm : dm);
      delta += c > 0 ? c * CLARITY_GAIN * w * (d / (1 + (d < 0 ? -d : d) / CLARITY_LIMIT)) : c * CLARITY_SOFT * w * d;
    }
    if (delta === 0) continue;
    applyLogDelta(data, o, y, delta, EPS);
    const mRef = r > g ? (r > b ? r : b) : g > b ? g : b;
    const r1 = data[o];
    const g1 = data[o + 1];
    const b1 = data[o + 2];
    const mx = r1 > g1 ? (r1 > b1 ? r1 : b1) : g1 > b1 ? g1 : b1;
    if (mx > KNEE && mx > mRef) protectHighlights(data, o, mRef);
  }
}

const detail = (label: string, description: string) =>
  ({ kind: 'number', label, description, min: -100, max: 100, default: 0, step: 1 }) as const;

export const presenceOp: OpDeclaration<PresenceParams, PresencePrepared> = {
  id: 'presence',
  version: 1,
  label: 'Presence',
  group: 'presence',
  description: 'Local contrast of details: texture (fine detail such as skin, foliage) and clarity (mid-size local contrast, punch).',
  params: {
    texture: detail('Texture', 'Fine detail; positive accentuates skin, bark and fabric texture, negative smooths it (e.g. −20 to −40 for skin) without blurring edges.'),
    clarity: detail('Clarity', 'Mid-size local contrast; positive adds punch and depth (+10 to +40), negative gives a soft, dreamy glow; avoid high values on portraits.'),
  },
  xmp: [
    { param: 'texture', key: 'crs:Texture' },
    { param: 'clarity', key: 'crs:Clarity2012' },
  ],
  isIdentity: (p) => num(p.texture) === 0 && num(p.clarity) === 0,
  maths: {
    space: 'linear',
    guides: ['textureBase', 'clarityBase'],
    guidesFor: (p, fed) => [...(num(p.texture) !== 0 ? ['textureBase'] : []), ...(num(p.clarity) !== 0 || fed.has('clarity') ? ['clarityBase'] : [])],
    localParams: ['clarity'],
    prepare: preparePresence,
    cpu: presenceCpu,
    link: presenceLink,
    glsl: presenceGlsl(),
  },
};
