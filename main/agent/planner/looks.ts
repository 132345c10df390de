/**
 * Looks and fixes, each sized from the measured facts: a matte look lifts the black point by
 * what the image already has, a high-key look sets exposure from the current median, "fix the
 * white balance" cancels the measured cast ("enhance" lives in enhance.ts).
 */
import type { CurvePoints } from '../../../shared/develop/types.ts';
import { globalExposure, type Ctx } from './adjust.ts';
import { regionMask } from './masks.ts';
import { applyEnhance } from './enhance.ts';
import { clamp, WB_A_PER_UNIT, WB_B_PER_UNIT } from './sizing.ts';
import type { LookId } from './types.ts';

const pct = (v: number): string => `${Math.round(v * 100)}%`;
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

function matteCurve(lift: number, roll: number): CurvePoints {
  return [[0, r3(lift)], [0.25, r3(0.25 + lift * 0.35)], [0.75, r3(0.75 - roll * 0.3)], [1, r3(1 - roll)]];
}

export function applyLook(ctx: Ctx, look: LookId, degree: number): void {
  const { facts: f, b } = ctx;
  const d = clamp(degree, 0.3, 2);
  const m = f.tone.luma.p50;
  const rms = f.tone.contrast.rms;
  switch (look) {
    case 'bw': {
      b.set('blackWhite', 'enabled', true, 'black and white');
      // Channel mix from the content: darker blue sky, luminous skin, lighter foliage.
      if (f.regions.sky) b.add('blackWhite', 'blue', -15 * d, 'blue −: a deeper sky in grey').add('blackWhite', 'aqua', -8 * d);
      if (f.regions.skin) b.add('blackWhite', 'orange', 12 * d, 'orange +: luminous skin').add('blackWhite', 'red', 6 * d);
      if (f.regions.foliage) b.add('blackWhite', 'green', 10 * d, 'green +: lighter foliage').add('blackWhite', 'yellow', 8 * d);
      const c = clamp((0.24 - rms) * 150, 5, 30) * d;
      b.add('tone', 'contrast', c, `contrast +${Math.round(c)} (greys need more separation; RMS ${rms.toFixed(2)})`);
      b.add('presence', 'clarity', 8 * d, 'a little clarity for texture in monochrome');
      return;
    }
    case 'sepia':
      b.set('color', 'saturation', -100, 'sepia: colour removed');
      b.set('colorGrading', 'shadowHue', 30, 'toned brown in the shadows').add('colorGrading', 'shadowSat', 30 * d);
      b.set('colorGrading', 'highlightHue', 45, 'warm cream highlights').add('colorGrading', 'highlightSat', 18 * d);
      b.add('tone', 'contrast', 8 * d, 'contrast +');
      return;
    case 'film': {
      const lift = clamp(0.05 - f.tone.luma.p1 * 0.5, 0.015, 0.07) * d;
      b.set('pointCurve', 'master', matteCurve(lift, 0.03 * d), `film curve: blacks lifted to ${pct(lift)}, highlights rolled off`);
      b.set('colorGrading', 'shadowHue', 195, 'film: cool shadows').add('colorGrading', 'shadowSat', 10 * d);
      b.set('colorGrading', 'highlightHue', 42, 'warm highlights').add('colorGrading', 'highlightSat', 12 * d);
      b.add('color', 'saturation', -8 * d, 'slightly muted colour').add('color', 'vibrance', 6 * d);
      b.add('grain', 'amount', 18 * d, 'film grain');
      if (b.value('grain', 'size') === 25) b.set('grain', 'size', 30);
      return;
    }
    case 'matte': {
      const lift = clamp(0.09 - f.tone.luma.p1 * 0.6, 0.03, 0.12) * d;
      b.set('pointCurve', 'master', matteCurve(lift, 0.02 * d), `matte: black point lifted to ${pct(lift)} (darkest 1% was ${pct(f.tone.luma.p1)})`);
      b.add('tone', 'contrast', -6 * d, 'softer contrast').add('color', 'saturation', -6 * d, 'slightly muted colour');
      return;
    }
    case 'moody': {
      if (m > 0.3) globalExposure(ctx, -1, 0.8 * d, 'moody: darker');
      b.add('tone', 'contrast', 14 * d, 'moody: contrast +').add('tone', 'highlights', -20 * d, 'highlights held back');
      b.add('color', 'saturation', -15 * d, 'muted colour').add('color', 'vibrance', -5 * d);
      b.set('colorGrading', 'shadowHue', 215, 'cool shadows').add('colorGrading', 'shadowSat', 14 * d);
      b.add('presence', 'clarity', 10 * d, 'clarity +').add('vignette', 'amount', -20 * d, 'vignette to hold the eye');
      return;
    }
    case 'vintage': {
      const lift = clamp(0.07 - f.tone.luma.p1 * 0.5, 0.03, 0.1) * d;
      b.set('pointCurve', 'master', matteCurve(lift, 0.06 * d), `vintage fade: blacks at ${pct(lift)}, whites dulled`);
      b.add('whiteBalance', 'temperature', (f.colour.cast.b > 6 ? 5 : 12) * d, 'warm, aged colour');
      b.add('color', 'saturation', -20 * d, 'faded colour');
      b.set('colorGrading', 'highlightHue', 48, 'yellowed highlights').add('colorGrading', 'highlightSat', 15 * d);
      b.set('colorGrading', 'shadowHue', 25, 'brown shadows').add('colorGrading', 'shadowSat', 10 * d);
      b.add('grain', 'amount', 22 * d, 'grain').add('vignette', 'amount', -15 * d, 'vignette');
      return;
    }
    case 'cinematic':
      b.set('colorGrading', 'shadowHue', 190, 'teal shadows').add('colorGrading', 'shadowSat', 25 * d);
      b.set('colorGrading', 'highlightHue', 35, 'orange highlights').add('colorGrading', 'highlightSat', 20 * d);
      b.add('hsl', 'hueBlue', -12 * d, 'blues pushed towards teal').add('hsl', 'saturationOrange', 8 * d, 'skin and warm tones a little richer');
      b.add('tone', 'contrast', clamp((0.26 - rms) * 120, 5, 20) * d, 'contrast for a graded look').add('tone', 'blacks', -8 * d);
      b.add('color', 'saturation', -5 * d).add('vignette', 'amount', -10 * d, 'subtle vignette');
      return;
    case 'highKey': {
      const target = clamp(Math.max(m + 0.1, 0.66), 0, 0.8);
      globalExposure(ctx, 1, d, 'high key', m + (target - m) * Math.min(1, d));
      b.add('tone', 'shadows', 30 * d, 'open shadows').add('tone', 'contrast', -15 * d, 'low contrast');
      b.add('tone', 'highlights', -10 * d, 'highlight detail kept').add('color', 'saturation', -8 * d, 'lighter colour');
      return;
    }
    case 'lowKey': {
      const target = Math.min(m - 0.05, 0.24);
      globalExposure(ctx, -1, d, 'low key', m + (target - m) * Math.min(1, d));
      b.add('tone', 'blacks', -20 * d, 'deep blacks').add('tone', 'contrast', 18 * d, 'contrast +');
      b.add('tone', 'highlights', -10 * d).add('vignette', 'amount', -25 * d, 'vignette');
      return;
    }
    case 'pastel': {
      if (m < 0.6) globalExposure(ctx, 1, 0.6 * d, 'pastel: lighter');
      const lift = clamp(0.08 - f.tone.luma.p1 * 0.5, 0.03, 0.1) * d;
      b.set('pointCurve', 'master', matteCurve(lift, 0.02), `soft black point at ${pct(lift)}`);
      b.add('tone', 'contrast', -22 * d, 'low contrast').add('color', 'saturation', -25 * d, 'soft colour').add('color', 'vibrance', 8 * d);
      return;
    }
    case 'hdr': {
      const sh = clamp(25 + f.tone.zones.shadows * 80, 25, 70) * d;
      const hi = -clamp(25 + f.tone.zones.highlights * 100 + f.tone.clipping.highlights * 300, 25, 80) * d;
      b.add('tone', 'shadows', sh, `HDR: shadows +${Math.round(sh)} (${pct(f.tone.zones.shadows)} in shadow)`);
      b.add('tone', 'highlights', hi, `highlights ${Math.round(hi)} (${pct(f.tone.zones.highlights)} in highlights)`);
      b.add('presence', 'clarity', 30 * d, 'strong clarity').add('presence', 'texture', 15 * d, 'texture');
      b.add('color', 'vibrance', 18 * d, 'vibrance').add('tone', 'whites', 8 * d).add('tone', 'blacks', -8 * d);
      return;
    }
    case 'dramatic': {
      b.add('tone', 'contrast', 22 * d, 'dramatic: contrast +').add('presence', 'clarity', 22 * d, 'clarity +');
      b.add('tone', 'highlights', -25 * d, 'highlights held').add('dehaze', 'amount', 8 * d);
      if (f.regions.sky) {
        const sky = regionMask('sky', f, ctx.maskId('sky'));
        b.addLocal(sky.mask, 'exposure', -0.45 * d, `darker, heavier sky (${sky.note})`).addLocal(sky.mask, 'dehaze', 15 * d);
      }
      b.add('vignette', 'amount', -15 * d, 'vignette');
      return;
    }
    case 'natural':
      return applyEnhance(ctx, 0.7 * d);
  }
}

export function applyWhiteBalanceFix(ctx: Ctx, degree: number): void {
  const c = ctx.facts.colour.cast;
  if (c.strength < 2) {
    ctx.notes.push(`the colour is already neutral (cast strength ${c.strength.toFixed(1)})`);
    return;
  }
  const k = clamp(0.85 * degree, 0.4, 1);
  const t = clamp(-c.b / WB_B_PER_UNIT, -80, 80) * k;
  const ti = clamp(-c.a / WB_A_PER_UNIT, -60, 60) * k;
  ctx.b.add('whiteBalance', 'temperature', t, `white balance: temperature ${Math.round(t)} cancels the ${c.label} cast (neutral b* ${c.b.toFixed(1)})`);
  ctx.b.add('whiteBalance', 'tint', ti, `tint ${Math.round(ti)} (neutral a* ${c.a.toFixed(1)})`);
}

export function applyStraighten(ctx: Ctx): void {
  const t = ctx.facts.tilt;
  if (t.source === 'none' || t.confidence < 0.25) {
    ctx.notes.push('I could not find a clear horizon or vertical lines to level');
    return;
  }
  if (Math.abs(t.degrees) < 0.2) {
    ctx.notes.push(`the ${t.source} is already level (${t.degrees.toFixed(1)}°)`);
    return;
  }
  // Our tilt is counter-clockwise-positive; crop.angle turns the picture clockwise when positive.
  ctx.b.set('crop', 'angle', ctx.b.value('crop', 'angle') + t.degrees, `straighten: the ${t.source} is tilted ${t.degrees.toFixed(1)}°`);
}
