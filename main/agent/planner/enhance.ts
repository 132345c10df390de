/**
 * "Enhance": an automatic tone-and-colour correction in the style of FiveK's expert C, sized from
 * the measured facts only (the target is unknown at run time).
 *
 * 1. Exposure from robust luminance statistics: experts brighten most inputs. The lift is the
 *    larger of "the bright end (luma p95) to ≈ 80%" and "the median part-way to a balanced
 *    key", never past the point where the brightest channel's p99 would exceed 95% (white-patch
 *    headroom: a warm-lit scene clips in red first), never darker, at most +1.2 EV.
 * 2. A levels-style master curve on the exposed image: the black point at 90% of the darkest 1%
 *    (deep blacks, a fuller range) and the median lifted a touch — a gentle S with a toe.
 * 3. Highlights pulled back only when the brightest 1% would land above 95%.
 * 4. Vibrance towards a lively colourfulness; white balance only for a strong cast (there,
 *    a grey-world estimate is more likely the light's colour than the scene's), partly.
 * Tuned on the 9 FiveK development pairs only; the 4 held-out pairs are never looked at.
 */
import type { CurvePoints } from '../../../shared/develop/types.ts';
import type { ImageFacts } from '../perception/facts.ts';
import type { Ctx } from './adjust.ts';
import { afterExposure, clamp, evBetween, WB_A_PER_UNIT, WB_B_PER_UNIT } from './sizing.ts';

export interface EnhancePlan {
  /** Exposure (EV) and the statistics that chose it. */
  ev: number;
  evFrom: 'highlights' | 'median' | 'none';
  /** Master point curve on the exposed image (null: the range is already full). */
  curve: CurvePoints | null;
  /** Black point (encoded) and the median's position after exposure. */
  blackPoint: number;
  median: number;
  /** The median the result should have (the critic's aim for strength variants). */
  aim: number;
  highlights: number;
  vibrance: number;
  temperature: number;
  tint: number;
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

/** The enhance plan at a degree (1 = the full correction; the loop varies it). */
export function enhancePlan(f: ImageFacts, degree = 1): EnhancePlan {
  const d = clamp(degree, 0.3, 1.6);
  const L = f.tone.luma, ch = f.tone.channels;
  const m = L.p50;
  const fromHigh = evBetween(L.p95, 0.8);
  const fromMid = evBetween(m, m + clamp(0.5 * (0.55 - m), -0.05, 0.15));
  const headroom = evBetween(Math.max(ch.r.p99, ch.g.p99, ch.b.p99), 0.95);
  const ev = r3(clamp(Math.min(Math.max(fromHigh, fromMid), headroom), 0, 1.2) * d);
  const after = (p: number): number => Math.min(1, afterExposure(p, ev));
  const q1 = after(L.p1), q50 = after(m), q99 = after(L.p99);
  const black = q1 * 0.9 * Math.min(1, d);
  const lift = 0.03 * d;
  const curve: CurvePoints | null = black > 0.01 && q50 > black + 0.1 ? [[r3(black), 0], [r3(q50), r3(Math.min(0.95, q50 + lift))], [1, 1]] : null;
  const cf = f.colour.colourfulness;
  const cast = f.colour.cast;
  const wb = cast.strength > 12 ? 0.4 * d : 0;
  return {
    ev,
    evFrom: ev === 0 ? 'none' : fromHigh >= fromMid ? 'highlights' : 'median',
    curve,
    blackPoint: curve ? black : 0,
    median: q50,
    aim: curve ? Math.min(0.95, q50 + lift) : q50,
    highlights: q99 > 0.95 ? -clamp((q99 - 0.95) * 300, 0, 60) * d : 0,
    vibrance: clamp((60 - cf) * 0.8, 0, 40) * d,
    temperature: clamp((-cast.b / WB_B_PER_UNIT) * wb, -60, 60),
    tint: clamp((-cast.a / WB_A_PER_UNIT) * wb, -40, 40),
  };
}

/** The median "enhance" aims for (the critic's predicted-target measure). */
export function enhanceTarget(f: ImageFacts, degree = 1): number {
  return enhancePlan(f, degree).aim;
}

const pct = (v: number): string => `${Math.round(v * 100)}%`;

export function applyEnhance(ctx: Ctx, degree: number): void {
  const { facts: f, b } = ctx;
  const p = enhancePlan(f, degree);
  if (p.ev > 0)
    b.add('tone', 'exposure', p.ev, `exposure +${p.ev.toFixed(2)} EV: ${p.evFrom === 'highlights' ? `the bright end (luma p95 ${pct(f.tone.luma.p95)}) towards 80%` : `the median (${pct(f.tone.luma.p50)}) towards a balanced key`}, within the brightest channel's headroom`);
  if (p.highlights < 0) b.add('tone', 'highlights', p.highlights, `highlights ${Math.round(p.highlights)} (the brightest 1% would land above 95%)`);
  if (p.temperature || p.tint) {
    const c = f.colour.cast;
    b.add('whiteBalance', 'temperature', p.temperature, `white balance part-way to neutral (strong ${c.label} cast, b* ${c.b.toFixed(1)})`);
    b.add('whiteBalance', 'tint', p.tint, `tint part-way to neutral (a* ${c.a.toFixed(1)})`);
  }
  if (p.curve) b.set('pointCurve', 'master', p.curve, `levels: black point at ${pct(p.blackPoint)} (darkest 1% at ${pct(f.tone.luma.p1)}), median lifted to ${pct(p.aim)}`);
  if (p.vibrance > 0) b.add('color', 'vibrance', p.vibrance, `vibrance +${Math.round(p.vibrance)} (colourfulness ${f.colour.colourfulness.toFixed(0)})`);
  if (f.detail.noise >= 2.5) b.add('noiseReduction', 'luminance', clamp(f.detail.noise * 8, 10, 50) * clamp(degree, 0.3, 1.6), `noise reduction (noise σ ${f.detail.noise.toFixed(1)})`);
}
