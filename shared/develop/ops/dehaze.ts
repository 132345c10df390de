/**
 * Dehaze (Lightroom's Dehaze, −100..100), in linear light, with the haze model
 * I = J·t + L·(1 − t) (I observed, J haze-free, L atmospheric light, t transmission).
 * The `hazeDensity` guide gives the refined dark channel h ∈ [0, 1] as h = A·√Y + B at the
 * pixel (edge-aware at full resolution); the `airlight` guide gives L (see
 * shared/pixel/guides/hazeDensity.ts).
 * - a > 0 removes haze: t = max(1 − 0.95·a·h, 0.1), J = (I − L)/t + L per channel, with a soft
 *   floor (values below 0.004 compress smoothly towards 0.002 instead of clipping) so dark
 *   areas deepen without crushing. Hazy, low-contrast regions gain contrast and saturation;
 *   clear regions (h ≈ 0) barely change.
 * - a < 0 adds haze: t = 1 − 0.8·|a|·(0.3 + 0.7·h), J = I·t + L·(1 − t) (more where the scene
 *   was already hazy, i.e. farther away).
 * a = amount/100 + local dehaze/100, clamped to ±1.
 */
import type { OpDeclaration, PrepareContext, Strip } from '../types.ts';
import { KB, KG, KR, clamp, num } from './linearMath.ts';
import { dehazeGlsl } from './dehaze.glsl.ts';

export interface DehazeParams {
  [k: string]: number;
  amount: number;
}

export interface DehazePrepared {
  amount: number;
}

export const STRENGTH = 0.95;
export const T_MIN = 0.1;
export const ADD_STRENGTH = 0.8;
export const FLOOR = 0.004;

export function prepareDehaze(p: DehazeParams, _ctx?: PrepareContext): DehazePrepared {
  return { amount: clamp(num(p.amount), -100, 100) / 100 };
}

function floorSoft(v: number): number {
  return v >= FLOOR ? v : (FLOOR * FLOOR) / (2 * FLOOR - v);
}

export function dehazeCpu(strip: Strip, p: DehazePrepared): void {
  const loc = strip.local('dehaze');
  if (p.amount === 0 && loc === null) return;
  const { data } = strip;
  const n = strip.width * strip.rows;
  const hz = strip.guide('hazeDensity');
  const L = strip.guide('airlight');
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const a = loc !== null ? clamp(p.amount + loc[i] / 100, -1, 1) : p.amount;
    if (a === 0) continue;
    const r = data[o];
    const g = data[o + 1];
    const b = data[o + 2];
    const y = KR * r + KG * g + KB * b;
    const hRaw = hz[2 * i] * Math.sqrt(y > 0 ? y : 0) + hz[2 * i + 1];
    const h = hRaw < 0 ? 0 : hRaw > 1 ? 1 : hRaw;
    const lr = L[3 * i];
    const lg = L[3 * i + 1];
    const lb = L[3 * i + 2];
    if (a > 0) {
      const t0 = 1 - STRENGTH * a * h;
      const k = 1 / (t0 > T_MIN ? t0 : T_MIN);
      data[o] = floorSoft((r - lr) * k + lr);
      data[o + 1] = floorSoft((g - lg) * k + lg);
      data[o + 2] = floorSoft((b - lb) * k + lb);
    } else {
      const t = 1 + ADD_STRENGTH * a * (0.3 + 0.7 * h);
      data[o] = r * t + lr * (1 - t);
      data[o + 1] = g * t + lg * (1 - t);
      data[o + 2] = b * t + lb * (1 - t);
    }
  }
}

export const dehazeOp: OpDeclaration<DehazeParams, DehazePrepared> = {
  id: 'dehaze',
  version: 1,
  label: 'Dehaze',
  group: 'presence',
  description: 'Removes or adds atmospheric haze (fog, mist, smog), restoring contrast and colour in distant, washed-out areas.',
  params: {
    amount: {
      kind: 'number',
      label: 'Dehaze',
      description: 'Positive removes haze (deeper, more saturated distance; +10 to +40 typical, darkens shadows), negative adds a misty veil.',
      min: -100,
      max: 100,
      default: 0,
      step: 1,
    },
  },
  xmp: [{ param: 'amount', key: 'crs:Dehaze' }],
  isIdentity: (p) => num(p.amount) === 0,
  maths: {
    space: 'linear',
    guides: ['hazeDensity', 'airlight'],
    localParams: ['dehaze'],
    prepare: prepareDehaze,
    cpu: dehazeCpu,
    glsl: dehazeGlsl(),
  },
};
