/**
 * General image-quality criteria, judged relative to the before image so that a photo is not
 * punished for what it already was: exposure balance, new clipping, colour cast, colourfulness
 * and over-saturation, contrast range, noise amplification, halos, skin tones.
 */
import type { ParsedInstruction } from '../planner/types.ts';
import type { Criterion, Pair } from './criteria.ts';
import { haloScore, regionMeans } from './measure.ts';

const pct = (v: number): string => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;
const band = (v: number, lo: number, hi: number, tol: number): number =>
  v < lo ? Math.exp(-(((lo - v) / tol) ** 2)) : v > hi ? Math.exp(-(((v - hi) / tol) ** 2)) : 1;

export function qualityCriteria(parsed: ParsedInstruction, p: Pair): Criterion[] {
  const fb = p.before.facts, fa = p.after.facts;
  const looks = new Set(parsed.intents.flatMap((i) => (i.kind === 'look' ? [i.look] : [])));
  const adjusts = new Set(parsed.intents.flatMap((i) => (i.kind === 'adjust' && !i.region ? [i.adjust] : [])));
  const enhance = parsed.intents.some((i) => i.kind === 'fix' && (i.fix === 'enhance' || i.fix === 'exposure'));
  const out: Criterion[] = [];

  // Exposure balance: a median in a comfortable band, unless a key look asks otherwise.
  const keyLook = looks.has('lowKey') || looks.has('highKey') || looks.has('moody');
  const m0 = fb.tone.luma.p50, m1 = fa.tone.luma.p50;
  const bal0 = band(m0, 0.3, 0.62, 0.12), bal1 = band(m1, 0.3, 0.62, 0.12);
  out.push({
    name: 'exposure balance',
    weight: keyLook ? 0.2 : enhance ? 0.5 : adjusts.has('exposure') ? 1.2 : 1,
    score: Math.min(1, bal1 + Math.max(0, 0.5 * (bal1 - bal0))),
    note: `median ${pct(m0)} → ${pct(m1)}`,
  });

  // Clipping: penalise what the edit newly clipped.
  const dh = Math.max(0, fa.tone.clipping.highlights - fb.tone.clipping.highlights);
  const ds = Math.max(0, fa.tone.clipping.shadows - fb.tone.clipping.shadows);
  out.push({
    name: 'no new clipping',
    weight: 1.5,
    score: Math.exp(-((dh / 0.02) ** 2)) * Math.exp(-((ds / 0.04) ** 2)),
    note: `clipped highlights ${pct(fb.tone.clipping.highlights)} → ${pct(fa.tone.clipping.highlights)}, shadows ${pct(fb.tone.clipping.shadows)} → ${pct(fa.tone.clipping.shadows)}`,
  });

  // Colour cast: not worse than before unless the instruction asks for colour.
  const colourAsked = adjusts.has('temperature') || adjusts.has('tint') || ['sepia', 'vintage', 'cinematic', 'film', 'moody'].some((l) => looks.has(l as never));
  const c0 = fb.colour.cast.strength, c1 = fa.colour.cast.strength;
  out.push({
    name: 'colour cast',
    weight: colourAsked ? 0.2 : enhance ? 1.2 : 0.8,
    score: c1 <= c0 + 1 ? 1 : Math.exp(-(((c1 - c0 - 1) / 4) ** 2)),
    note: `cast ${fa.colour.cast.label} (strength ${c0.toFixed(1)} → ${c1.toFixed(1)})`,
  });

  // Colourfulness: no garish over-saturation; muted results fine only if asked.
  if (!looks.has('bw') && !looks.has('sepia')) {
    const hs = Math.max(0, fa.colour.saturation.highShare - fb.colour.saturation.highShare - 0.02);
    const dull = fa.colour.colourfulness < fb.colour.colourfulness * 0.6 && !looks.has('pastel') && !looks.has('moody') && !looks.has('vintage') && !adjusts.has('saturation');
    out.push({
      name: 'colourfulness',
      weight: 0.7,
      score: Math.max(0, 1 - hs * 8) * (dull ? 0.6 : 1),
      note: `colourfulness ${fb.colour.colourfulness.toFixed(0)} → ${fa.colour.colourfulness.toFixed(0)}, very saturated ${pct(fb.colour.saturation.highShare)} → ${pct(fa.colour.saturation.highShare)}`,
    });
  }

  // Contrast range.
  const r1 = fa.tone.contrast.rms, r0 = fb.tone.contrast.rms;
  const cb1 = band(r1, 0.1, 0.32, 0.06), cb0 = band(r0, 0.1, 0.32, 0.06);
  out.push({ name: 'contrast range', weight: looks.has('pastel') || looks.has('matte') ? 0.2 : enhance ? 1 : 0.6, score: Math.min(1, cb1 + Math.max(0, 0.5 * (cb1 - cb0))), note: `RMS ${r0.toFixed(3)} → ${r1.toFixed(3)}` });

  // Noise amplification.
  const grainWanted = looks.has('film') || looks.has('vintage') || adjusts.has('grain');
  const ratio = fa.detail.noise / Math.max(0.4, fb.detail.noise);
  out.push({
    name: 'noise amplification',
    weight: grainWanted ? 0.1 : 0.8,
    score: ratio <= 1.35 ? 1 : Math.exp(-(((ratio - 1.35) / 0.8) ** 2)),
    note: `noise σ ${fb.detail.noise.toFixed(2)} → ${fa.detail.noise.toFixed(2)}`,
  });

  if (p.aligned) {
    const h = haloScore(p.before, p.after.planes);
    out.push({ name: 'halos', weight: 0.8, score: Math.exp(-((Math.max(0, h - 0.006) / 0.012) ** 2)), note: `edge rim ${h.toFixed(3)}` });
    const skin = p.before.facts.regions.skin;
    if (skin && skin.coverage > 0.005 && !looks.has('bw') && !looks.has('sepia')) {
      const set = p.before.maps.skin;
      const mb = regionMeans(p.before.planes, set), ma = regionMeans(p.after.planes, set);
      const hueA = (Math.atan2(ma.b, ma.a) * 180) / Math.PI, hueB = (Math.atan2(mb.b, mb.a) * 180) / Math.PI;
      const sA = band(hueA, 28, 68, 8) * band(ma.C, 10, 45, 8);
      const sB = band(hueB, 28, 68, 8) * band(mb.C, 10, 45, 8);
      out.push({ name: 'skin tones', weight: 1.2, score: Math.min(1, sA + Math.max(0, 0.5 * (sA - sB))), note: `skin hue ${hueB.toFixed(0)}° → ${hueA.toFixed(0)}°, chroma ${mb.C.toFixed(0)} → ${ma.C.toFixed(0)}` });
    }
  }
  return out;
}
