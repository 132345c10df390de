/**
 * The criteria an instruction implies, each scored from measurements of before vs after: did
 * the asked quality move the asked way, by about the right amount (the planner's own sizing
 * targets), in the asked region — and did what should stay put stay put.
 */
import type { Perception } from '../perception/facts.ts';
import { afterExposure, exposureTarget, fixTarget } from '../planner/sizing.ts';
import { enhanceTarget } from '../planner/enhance.ts';
import type { Adjust, Intent, LookId, ParsedInstruction, Region } from '../planner/types.ts';
import { edgeRatio, familySet, meanHue, regionMeans, regionSet } from './measure.ts';

export interface Criterion {
  name: string;
  weight: number;
  /** 0..1 */
  score: number;
  note: string;
  /** For refinement: the change was too small (−1), about right (0), too big (+1). */
  hint?: -1 | 0 | 1;
}

export interface Pair {
  before: Perception;
  after: Perception;
  /** Pixel-aligned (same size, no geometry change): region and per-pixel criteria apply. */
  aligned: boolean;
}

const pct = (v: number): string => `${Math.round(v * 100)}%`;
const f1 = (v: number): string => (v >= 0 ? '+' : '') + v.toFixed(1);

/**
 * Score a signed change against the expected size: wrong way 0, a fraction of the way partial,
 * about right 1, far past it decays (3× the target ≈ 0.4).
 */
export function directional(delta: number, expected: number): { score: number; hint: -1 | 0 | 1 } {
  if (expected === 0) return { score: 1, hint: 0 };
  const r = delta / expected;
  if (r <= 0.05) return { score: 0, hint: -1 };
  if (r < 0.7) return { score: 0.25 + 0.75 * (r / 0.7) * 0.9, hint: -1 };
  if (r <= 1.5) return { score: 1, hint: 0 };
  return { score: Math.max(0.05, Math.exp(-(((r - 1.5) / 1.8) ** 2))), hint: 1 };
}

function adjustCriterion(it: Extract<Intent, { kind: 'adjust' }>, p: Pair): Criterion | null {
  const { before: B, after: A } = p;
  const fb = B.facts, fa = A.facts;
  const d = it.degree;
  const s = it.sign;
  // Noise is asked for in reverse: "+" means more noise reduction.
  const up = it.adjust === 'noise' ? s < 0 : s > 0;
  const name = `${up ? 'more' : 'less'} ${it.adjust}${it.region ? ` (${it.region})` : ''}`;
  const mk = (delta: number, expected: number, note: string, weight = 3, overshootOk = false): Criterion => {
    const r = directional(delta * s, Math.abs(expected));
    if (overshootOk && r.hint > 0) return { name, weight, score: 1, hint: 0, note };
    return { name, weight, score: r.score, hint: r.hint, note };
  };
  if (it.region === 'shadows' && it.adjust === 'exposure')
    return mk(fa.tone.luma.p25 - fb.tone.luma.p25, 0.012 * d, `25th percentile ${pct(fb.tone.luma.p25)} → ${pct(fa.tone.luma.p25)}`, 2.5);
  if (it.region === 'highlights' && it.adjust === 'exposure')
    return mk(fa.tone.luma.p95 - fb.tone.luma.p95, 0.012 * d, `95th percentile ${pct(fb.tone.luma.p95)} → ${pct(fa.tone.luma.p95)}`, 2.5);
  if (it.region && it.adjust === 'exposure' && it.region !== 'edges') {
    if (!p.aligned) return null;
    const set = regionSet(it.region, B);
    if (!set) return null;
    const mb = regionMeans(B.planes, set), ma = regionMeans(A.planes, set);
    const target = exposureTarget(mb.luma, s, d);
    return mk(ma.luma - mb.luma, target - mb.luma, `${it.region} luminance ${pct(mb.luma)} → ${pct(ma.luma)} (aim ≈ ${pct(target)})`);
  }
  if (it.region && p.aligned && it.region !== 'edges' && (it.adjust === 'temperature' || it.adjust === 'saturation' || it.adjust === 'contrast')) {
    const set = regionSet(it.region, B);
    if (set) {
      const mb = regionMeans(B.planes, set), ma = regionMeans(A.planes, set);
      if (it.adjust === 'temperature') return mk(ma.b - mb.b, 3 * d, `${it.region} b* ${f1(mb.b)} → ${f1(ma.b)}`);
      if (it.adjust === 'saturation') return mk(ma.C - mb.C, Math.max(2, mb.C * 0.15 * d), `${it.region} chroma ${mb.C.toFixed(1)} → ${ma.C.toFixed(1)}`);
    }
  }
  switch (it.adjust as Adjust) {
    case 'exposure': {
      if (it.region === 'edges') {
        const rb = edgeRatio(B.planes), ra = edgeRatio(A.planes);
        return mk(ra - rb, 0.08 * d, `edge/centre luminance ${rb.toFixed(2)} → ${ra.toFixed(2)}`);
      }
      const m0 = fb.tone.luma.p50, m1 = fa.tone.luma.p50;
      const complaint = /\btoo\b|under|over/.test(it.text);
      const target = it.amount && !it.amount.absolute ? Math.min(1, afterExposure(m0, it.amount.value)) : complaint ? fixTarget(m0, s, d) : exposureTarget(m0, s, d);
      return mk(m1 - m0, target - m0, `median luminance ${pct(m0)} → ${pct(m1)} (aim ≈ ${pct(target)})`);
    }
    case 'contrast':
      return mk(fa.tone.contrast.rms - fb.tone.contrast.rms, Math.max(0.012, fb.tone.contrast.rms * 0.12 * d), `RMS contrast ${fb.tone.contrast.rms.toFixed(3)} → ${fa.tone.contrast.rms.toFixed(3)}`);
    case 'temperature':
      return mk(fa.colour.meanLab.b - fb.colour.meanLab.b, 3 * d, `mean b* ${f1(fb.colour.meanLab.b)} → ${f1(fa.colour.meanLab.b)}`);
    case 'tint':
      return mk(fa.colour.meanLab.a - fb.colour.meanLab.a, 3 * d, `mean a* ${f1(fb.colour.meanLab.a)} → ${f1(fa.colour.meanLab.a)}`);
    case 'saturation':
    case 'vibrance':
    case 'pop':
      return mk(fa.colour.colourfulness - fb.colour.colourfulness, Math.max(3, fb.colour.colourfulness * 0.15 * d), `colourfulness ${fb.colour.colourfulness.toFixed(1)} → ${fa.colour.colourfulness.toFixed(1)}`);
    case 'clarity':
    case 'texture':
    case 'sharpness':
      return mk(fa.detail.texture - fb.detail.texture, Math.max(0.15, fb.detail.texture * 0.1 * d), `fine texture ${fb.detail.texture.toFixed(2)} → ${fa.detail.texture.toFixed(2)}`, 2);
    case 'dehaze':
      return mk(fb.tone.luma.p5 - fa.tone.luma.p5, 0.015 * d, `darkest 5% ${pct(fb.tone.luma.p5)} → ${pct(fa.tone.luma.p5)}`, 2);
    case 'noise':
      return mk(fb.detail.noise - fa.detail.noise, Math.max(0.2, fb.detail.noise * 0.2 * d), `noise σ ${fb.detail.noise.toFixed(2)} → ${fa.detail.noise.toFixed(2)}`, 2, true);
    case 'grain':
      return mk(fa.detail.noise - fb.detail.noise, 0.5 * d, `noise σ ${fb.detail.noise.toFixed(2)} → ${fa.detail.noise.toFixed(2)}`, 1.5);
    case 'vignette': {
      const rb = edgeRatio(B.planes), ra = edgeRatio(A.planes);
      return mk(rb - ra, 0.06 * d, `edge/centre luminance ${rb.toFixed(2)} → ${ra.toFixed(2)}`, 2);
    }
    case 'highlights':
      return mk(fa.tone.luma.p95 - fb.tone.luma.p95, 0.012 * d, `95th percentile ${pct(fb.tone.luma.p95)} → ${pct(fa.tone.luma.p95)}`, 2);
    case 'whites':
      return mk(fa.tone.luma.p99 - fb.tone.luma.p99, Math.max(0.012, (1 - fb.tone.luma.p99) * 0.25) * d, `99th percentile ${pct(fb.tone.luma.p99)} → ${pct(fa.tone.luma.p99)}`, 2);
    case 'shadows':
      return mk(fa.tone.luma.p25 - fb.tone.luma.p25, 0.012 * d, `25th percentile ${pct(fb.tone.luma.p25)} → ${pct(fa.tone.luma.p25)}`, 2);
    case 'blacks':
      return mk(fa.tone.luma.p1 - fb.tone.luma.p1, Math.max(0.012, fb.tone.luma.p1 * 0.25) * d, `1st percentile ${pct(fb.tone.luma.p1)} → ${pct(fa.tone.luma.p1)}`, 2);
    case 'fade':
      return mk(fa.tone.luma.p1 - fb.tone.luma.p1, 0.02 * d, `darkest 1% ${pct(fb.tone.luma.p1)} → ${pct(fa.tone.luma.p1)}`, 2);
  }
  return null;
}

function lookCriterion(look: LookId, p: Pair): Criterion {
  const fb = p.before.facts, fa = p.after.facts;
  const name = `${look} look`;
  const band = (v: number, lo: number, hi: number, tol: number): number => (v < lo ? Math.exp(-(((lo - v) / tol) ** 2)) : v > hi ? Math.exp(-(((v - hi) / tol) ** 2)) : 1);
  const cf0 = fb.colour.colourfulness, cf1 = fa.colour.colourfulness;
  switch (look) {
    case 'bw':
      return { name, weight: 3, score: band(fa.colour.saturation.mean, 0, 2, 3), note: `mean chroma ${fa.colour.saturation.mean.toFixed(1)}` };
    case 'sepia':
      return { name, weight: 3, score: band(fa.colour.meanLab.b, 4, 25, 4) * band(fa.colour.saturation.mean, 3, 25, 6), note: `mean b* ${f1(fa.colour.meanLab.b)}` };
    case 'highKey':
      return { name, weight: 3, score: band(fa.tone.luma.p50, 0.6, 0.85, 0.08), note: `median ${pct(fa.tone.luma.p50)}` };
    case 'lowKey':
      return { name, weight: 3, score: band(fa.tone.luma.p50, 0.05, 0.28, 0.06), note: `median ${pct(fa.tone.luma.p50)}` };
    case 'moody': {
      const ok = (fa.tone.luma.p50 <= fb.tone.luma.p50 + 0.01 ? 0.5 : 0) + (cf1 < cf0 ? 0.5 : 0);
      return { name, weight: 3, score: ok, note: `median ${pct(fb.tone.luma.p50)} → ${pct(fa.tone.luma.p50)}, colourfulness ${cf0.toFixed(0)} → ${cf1.toFixed(0)}` };
    }
    case 'matte':
    case 'film':
    case 'vintage': {
      // A faded black point: lifted, or already lifted and kept (a photo without blacks).
      const note = `black point ${pct(fb.tone.luma.p1)} → ${pct(fa.tone.luma.p1)}`;
      if (fb.tone.luma.p1 >= 0.05) return { name, weight: 3, score: fa.tone.luma.p1 >= 0.04 ? 1 : fa.tone.luma.p1 / 0.04, note };
      const r = directional(fa.tone.luma.p1 - fb.tone.luma.p1, 0.02);
      return { name, weight: 3, score: r.score, hint: r.hint, note };
    }
    case 'pastel':
      return { name, weight: 3, score: (cf1 < cf0 ? 0.5 : 0) + (fa.tone.contrast.rms < fb.tone.contrast.rms ? 0.5 : 0), note: `colourfulness ${cf0.toFixed(0)} → ${cf1.toFixed(0)}, contrast ${fb.tone.contrast.rms.toFixed(2)} → ${fa.tone.contrast.rms.toFixed(2)}` };
    case 'hdr': {
      const r = directional(fa.tone.luma.p25 - fb.tone.luma.p25 + (fb.tone.luma.p95 - fa.tone.luma.p95), 0.04);
      return { name, weight: 3, score: r.score, hint: r.hint, note: `p25 ${pct(fb.tone.luma.p25)} → ${pct(fa.tone.luma.p25)}, p95 ${pct(fb.tone.luma.p95)} → ${pct(fa.tone.luma.p95)}` };
    }
    case 'dramatic': {
      const r = directional(fa.tone.contrast.rms - fb.tone.contrast.rms, 0.02);
      return { name, weight: 3, score: r.score, hint: r.hint, note: `RMS contrast ${fb.tone.contrast.rms.toFixed(3)} → ${fa.tone.contrast.rms.toFixed(3)}` };
    }
    case 'cinematic': {
      // Teal shadows, orange highlights: the b* gap between highlights and shadows grows.
      if (!p.aligned) return { name, weight: 1, score: 0.7, note: 'not pixel-aligned; not measured' };
      const sh = regionSet('shadows', p.before)!, hi = regionSet('highlights', p.before)!;
      const gap = (pl: typeof p.after.planes): number => regionMeans(pl, hi).b - regionMeans(pl, sh).b;
      const r = directional(gap(p.after.planes) - gap(p.before.planes), 3);
      return { name, weight: 3, score: r.score, hint: r.hint, note: `highlight−shadow b* gap ${f1(gap(p.before.planes))} → ${f1(gap(p.after.planes))}` };
    }
    case 'natural':
      return { name, weight: 1, score: 1, note: 'judged by the general criteria' };
  }
}

export function intentCriteria(parsed: ParsedInstruction, p: Pair): Criterion[] {
  const out: Criterion[] = [];
  const fb = p.before.facts, fa = p.after.facts;
  for (const it of parsed.intents) {
    if (it.kind === 'adjust') {
      const c = adjustCriterion(it, p);
      if (c) out.push(c);
    } else if (it.kind === 'look') out.push(lookCriterion(it.look, p));
    else if (it.kind === 'colour' && p.aligned) {
      const set = familySet(p.before, it.family);
      const mb = regionMeans(p.before.planes, set), ma = regionMeans(p.after.planes, set);
      if (mb.n < 20) continue;
      const name = `${it.family} ${it.channel}`;
      let r;
      let note: string;
      if (it.channel === 'saturation') (r = directional((ma.C - mb.C) * it.sign, Math.max(1.5, mb.C * 0.1 * it.degree))), (note = `${it.family} chroma ${mb.C.toFixed(1)} → ${ma.C.toFixed(1)}`);
      else if (it.channel === 'luminance') (r = directional((ma.L - mb.L) * it.sign, 2 * it.degree)), (note = `${it.family} L* ${mb.L.toFixed(1)} → ${ma.L.toFixed(1)}`);
      else {
        const hb = meanHue(p.before, set), ha = meanHue(p.after, set);
        const dh = ((ha - hb + 540) % 360) - 180;
        r = directional(dh * it.sign, 3 * it.degree);
        note = `${it.family} hue ${hb.toFixed(0)}° → ${ha.toFixed(0)}°`;
      }
      out.push({ name, weight: 2.5, score: r.score, hint: r.hint, note });
    } else if (it.kind === 'fix') {
      if (it.fix === 'whiteBalance') {
        const b0 = fb.colour.cast.strength, b1 = fa.colour.cast.strength;
        const score = b0 < 2 ? (b1 < 3 ? 1 : 0.5) : Math.max(0, Math.min(1, (b0 - b1) / (b0 * 0.6)));
        out.push({ name: 'neutral white balance', weight: 3, score, note: `cast strength ${b0.toFixed(1)} → ${b1.toFixed(1)}`, hint: b1 > b0 * 0.5 ? -1 : 0 });
      } else if (it.fix === 'enhance') {
        const aim = enhanceTarget(fb, it.degree);
        const m1 = fa.tone.luma.p50;
        out.push({ name: 'enhanced exposure', weight: 2, score: Math.exp(-(((m1 - aim) / 0.07) ** 2)), hint: m1 < aim - 0.03 ? -1 : m1 > aim + 0.03 ? 1 : 0, note: `median ${pct(fb.tone.luma.p50)} → ${pct(m1)} (aim ≈ ${pct(aim)})` });
      } else if (it.fix === 'exposure') {
        const e0 = Math.abs(fb.tone.luma.p50 - 0.46), e1 = Math.abs(fa.tone.luma.p50 - 0.46);
        out.push({ name: 'balanced exposure', weight: 3, score: e1 <= Math.max(0.06, e0 * 0.6) ? 1 : Math.max(0, 1 - (e1 - 0.06) / 0.25), note: `median ${pct(fb.tone.luma.p50)} → ${pct(fa.tone.luma.p50)}` });
      } else if (it.fix === 'straighten') {
        const t0 = Math.abs(fb.tilt.degrees), t1 = Math.abs(fa.tilt.degrees);
        out.push({ name: 'level horizon', weight: 3, score: fa.tilt.source === 'none' ? 0.6 : t1 <= Math.max(0.5, t0 * 0.3) ? 1 : Math.max(0, 1 - t1 / Math.max(1, t0)), note: `tilt ${f1(fb.tilt.degrees)}° → ${f1(fa.tilt.degrees)}°` });
      }
    }
  }
  if (p.aligned) {
    for (const region of parsed.keep) {
      const set = regionSet(region, p.before);
      if (!set) continue;
      const mb = regionMeans(p.before.planes, set), ma = regionMeans(p.after.planes, set);
      const dL = ma.L - mb.L, dab = Math.hypot(ma.a - mb.a, ma.b - mb.b);
      const score = Math.exp(-((dL / 6) ** 2)) * Math.exp(-((dab / 6) ** 2));
      out.push({ name: `keep the ${region}`, weight: 2.5, score, note: `${region} ΔL* ${f1(dL)}, Δab ${dab.toFixed(1)}` });
    }
  }
  for (const a of parsed.avoid) {
    const probe: Extract<Intent, { kind: 'adjust' }> = { kind: 'adjust', adjust: a.adjust, sign: a.sign, degree: 1, text: '' };
    const c = adjustCriterion(probe, p);
    if (c) out.push({ name: `not ${a.sign > 0 ? 'more' : 'less'} ${a.adjust}`, weight: 2, score: c.score < 0.3 ? 1 : 1 - c.score * 0.8, note: c.note });
  }
  return out;
}
