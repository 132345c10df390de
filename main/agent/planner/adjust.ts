/**
 * One adjust intent ("brighter", "warmer shadows", "less haze in the sky") → edits, sized from
 * the image's measured facts.
 */
import type { ImageFacts } from '../perception/facts.ts';
import type { EditBuilder } from './builder.ts';
import { regionMask } from './masks.ts';
import { afterExposure, clamp, evBetween, exposureTarget, WB_A_PER_UNIT, WB_B_PER_UNIT } from './sizing.ts';
import type { Adjust, Intent, Region } from './types.ts';

type AdjustIntent = Extract<Intent, { kind: 'adjust' }>;

const pct = (v: number): string => `${Math.round(v * 100)}%`;
const sgn = (v: number, d = 0): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(d)}`;

export interface Ctx {
  facts: ImageFacts;
  b: EditBuilder;
  maskId: (region: Region) => string;
  notes: string[];
}

/** Global exposure change sized from the median, guarding the highlights. */
export function globalExposure(ctx: Ctx, sign: 1 | -1, degree: number, label: string, target?: number): number {
  const { facts: f, b } = ctx;
  const m = f.tone.luma.p50;
  const to = target ?? exposureTarget(m, sign, degree);
  const ev = clamp(evBetween(m, to), -3, 3);
  b.add('tone', 'exposure', ev, `${label}: ${sgn(ev, 2)} EV moves the median luminance from ${pct(m)} to about ${pct(to)}`);
  if (ev > 0) {
    // Headroom is set by the brightest channel, not luminance (a blue sky clips in blue first).
    const ch = f.tone.channels;
    const top = Math.max(f.tone.luma.p99, ch.r.p99, ch.g.p99, ch.b.p99);
    const p99 = afterExposure(top, ev);
    if (p99 > 0.97) {
      // When the median itself sits among the bright tones, the Highlights slider moves it too:
      // keep the pull small there, or "brighter" ends up darker than it started.
      const share = m > 0.5 ? clamp(1 - (m - 0.5) * 3, 0.2, 1) : 1;
      // A small lift gets a small pull, or "a touch brighter" ends darker on a bright photo.
      const amount = Math.round(-clamp(25 + (p99 - 0.97) * 120, 15, 70) * share * clamp(degree, 0.3, 1));
      b.add('tone', 'highlights', amount, `highlights ${sgn(amount)} so the brightest 1% (now ${pct(top)} in its brightest channel) does not clip`);
    }
  } else if (ev < 0 && f.tone.luma.p5 < 0.08) {
    const amount = clamp(10 + (0.08 - f.tone.luma.p5) * 150, 5, 30);
    b.add('tone', 'shadows', amount, `shadows ${sgn(amount)} to keep detail in the darkest tones`);
  }
  return ev;
}

function regionLuma(f: ImageFacts, region: Region): number {
  if (region === 'sky' && f.regions.sky) return f.regions.sky.meanLuma;
  if (region === 'skin' && f.regions.skin) return f.regions.skin.meanLuma;
  if (region === 'foliage' && f.regions.foliage) return f.regions.foliage.meanLuma;
  return f.tone.luma.p50;
}

/** Amount for a ±100 slider: base × degree, scaled by a measured factor. */
const amt = (base: number, degree: number, factor = 1): number => clamp(base * degree * factor, -100, 100);

export function applyAdjust(ctx: Ctx, it: AdjustIntent): void {
  const { facts: f, b } = ctx;
  const { sign, degree } = it;
  const region = it.region;
  if (it.amount && applyExplicit(ctx, it)) return;
  if (region && region !== 'shadows' && region !== 'highlights' && region !== 'midtones' && region !== 'edges') {
    return applyLocal(ctx, it, region);
  }
  switch (it.adjust) {
    case 'exposure':
      if (region === 'shadows') {
        // The shadows slider acts on tones well below mid grey: images whose darkest quarter sits
        // higher need more of it to show.
        const a = sign * amt(30, degree, clamp(0.8 + f.tone.zones.shadows + (f.tone.luma.p25 - 0.2) * 3, 0.7, 2));
        b.add('tone', 'shadows', a, `shadows ${sgn(a)} (${pct(f.tone.zones.shadows)} of the image is in the shadows)`);
        // A bright photo's darkest quarter sits above the slider's reach: the curve's darks move it.
        if (f.tone.luma.p25 > 0.45) {
          const c = sign * amt(12, degree, clamp((f.tone.luma.p25 - 0.45) * 8, 0.5, 1.5));
          b.add('parametricCurve', 'darks', c, `curve darks ${sgn(c)} (the darkest quarter is at ${pct(f.tone.luma.p25)}, above the shadows slider's range)`);
        }
      } else if (region === 'highlights') {
        const a = sign < 0 ? -amt(25, degree, 0.8 + Math.max(0, f.tone.luma.p99 - 0.85) * 6) : amt(15, degree);
        b.add('tone', 'highlights', a, `highlights ${sgn(a)} (the brightest 1% is at ${pct(f.tone.luma.p99)})`);
        if (sign > 0) b.add('tone', 'whites', amt(8, degree), 'whites up a little with them');
      } else if (region === 'midtones') {
        const a = sign * amt(15, degree);
        b.add('parametricCurve', 'darks', a, `midtones ${sgn(a)} on the tone curve`).add('parametricCurve', 'lights', a, `midtones ${sgn(a)} on the tone curve`);
      } else if (region === 'edges') {
        const a = sign * amt(22, degree);
        b.add('vignette', 'amount', a, `vignette ${sgn(a)} to ${sign < 0 ? 'darken' : 'lighten'} the edges`);
        if (b.value('vignette', 'feather') === 50) b.set('vignette', 'feather', 65);
      } else globalExposure(ctx, sign, degree, sign > 0 ? 'brighter' : 'darker');
      return;
    case 'contrast': {
      const rms = f.tone.contrast.rms;
      const factor = sign > 0 ? clamp(0.2 / Math.max(0.05, rms), 0.5, 1.6) : clamp(rms / 0.2, 0.5, 1.6);
      const a = sign * amt(20, degree, factor);
      if (region === 'shadows' || region === 'highlights' || region === 'midtones') return applyLocal(ctx, it, region);
      b.add('tone', 'contrast', a, `contrast ${sgn(a)} (RMS contrast measured ${rms.toFixed(2)})`);
      return;
    }
    case 'highlights':
    case 'shadows':
      b.add('tone', it.adjust, sign * amt(25, degree), `${it.adjust} ${sgn(sign * amt(25, degree))}`);
      return;
    case 'whites':
    case 'blacks': {
      const white = it.adjust === 'whites';
      const end = white ? f.tone.luma.p99 : f.tone.luma.p1;
      // The Whites/Blacks sliders act on the extremes only; a photo whose ends sit well inside
      // the range gets its end points moved on the tone curve instead (a levels move).
      if ((white && end < 0.8) || (!white && end > 0.08)) return endPoint(ctx, white, sign, degree);
      const a = sign * amt(15, degree, white ? (sign > 0 ? clamp((0.98 - end) * 10 + 0.6, 0.5, 2) : 1) : sign < 0 ? clamp(end * 12 + 0.6, 0.5, 2) : 1);
      b.add('tone', it.adjust, a, `${it.adjust} ${sgn(a)} (the ${white ? 'brightest' : 'darkest'} 1% is at ${pct(end)})`);
      return;
    }
    case 'temperature':
    case 'tint': {
      if (region === 'shadows' || region === 'highlights' || region === 'midtones') return gradeTone(ctx, it, region);
      const cast = it.adjust === 'temperature' ? f.colour.cast.b : f.colour.cast.a;
      // Going against an existing cast needs more; going with it, less.
      const against = Math.sign(cast) === -sign ? 1 + Math.min(1.2, Math.abs(cast) / 8) : Math.abs(cast) > 6 ? 0.7 : 1;
      const perUnit = it.adjust === 'temperature' ? WB_B_PER_UNIT : WB_A_PER_UNIT;
      const a = sign * amt(4.5 / perUnit, degree, against) * (it.adjust === 'tint' ? 0.7 : 1);
      const what = it.adjust === 'temperature' ? (sign > 0 ? 'warmer' : 'cooler') : sign > 0 ? 'more magenta' : 'greener';
      b.add('whiteBalance', it.adjust, a, `${what}: ${it.adjust} ${sgn(a)} (measured cast ${it.adjust === 'temperature' ? 'b*' : 'a*'} ${sgn(cast, 1)})`);
      return;
    }
    case 'saturation': {
      const cf = f.colour.colourfulness;
      const factor = sign > 0 ? clamp(45 / Math.max(10, cf), 0.5, 1.6) : 1;
      const a = sign * amt(16, degree, factor);
      if (sign > 0) {
        b.add('color', 'vibrance', a, `colour: vibrance ${sgn(a)} (colourfulness ${cf.toFixed(0)})`);
        b.add('color', 'saturation', a * 0.4, `saturation ${sgn(a * 0.4)}`);
      } else b.add('color', 'saturation', a * 1.3, `saturation ${sgn(a * 1.3)} (colourfulness ${cf.toFixed(0)})`);
      return;
    }
    case 'vibrance': {
      const a = sign * amt(20, degree, clamp(45 / Math.max(10, f.colour.colourfulness), 0.6, 1.5));
      b.add('color', 'vibrance', a, `vibrance ${sgn(a)} (colourfulness ${f.colour.colourfulness.toFixed(0)})`);
      return;
    }
    case 'pop': {
      const c = sign * amt(12, degree, clamp(0.2 / Math.max(0.05, f.tone.contrast.rms), 0.6, 1.5));
      const v = sign * amt(15, degree, clamp(45 / Math.max(10, f.colour.colourfulness), 0.6, 1.5));
      b.add('tone', 'contrast', c, `more punch: contrast ${sgn(c)}`);
      b.add('color', 'vibrance', v, `vibrance ${sgn(v)}`);
      b.add('presence', 'clarity', sign * amt(10, degree), `clarity ${sgn(sign * amt(10, degree))}`);
      return;
    }
    case 'clarity':
    case 'texture': {
      const noisy = f.detail.noise > 3 ? 0.6 : 1;
      const a = sign * amt(it.adjust === 'clarity' ? 18 : 15, degree, sign > 0 ? noisy : 1);
      b.add('presence', it.adjust, a, `${it.adjust} ${sgn(a)}${sign > 0 && noisy < 1 ? ' (held back: the image is noisy)' : ''}`);
      return;
    }
    case 'dehaze': {
      const haze = clamp(f.tone.luma.p5 * 6 + 0.5, 0.6, 1.8);
      const a = sign * amt(18, degree, sign > 0 ? haze : 1);
      b.add('dehaze', 'amount', a, `dehaze ${sgn(a)} (darkest 5% at ${pct(f.tone.luma.p5)})`);
      return;
    }
    case 'sharpness': {
      if (sign > 0) {
        const soft = clamp((0.45 - f.detail.sharpness) * 4 + 1, 0.6, 1.8);
        const a = amt(30, degree, soft);
        b.add('sharpening', 'amount', a, `sharpening ${sgn(a)} (edge acutance ${f.detail.sharpness.toFixed(2)})`);
        const masking = clamp(10 + f.detail.noise * 8, 10, 60);
        if (b.value('sharpening', 'masking') < masking) b.set('sharpening', 'masking', Math.round(masking), `masking ${Math.round(masking)} keeps flat, noisy areas unsharpened`);
      } else {
        const cur = b.value('sharpening', 'amount');
        if (cur > 0) b.add('sharpening', 'amount', -Math.min(cur, 30 * degree), 'less sharpening');
        b.add('presence', 'texture', -amt(15, degree), 'softer: texture down');
      }
      return;
    }
    case 'noise': {
      if (sign > 0) {
        const l = clamp(f.detail.noise * 9 * degree, 10, 70);
        const c = clamp(f.detail.chromaNoise * 10 * degree, 10, 60);
        b.add('noiseReduction', 'luminance', l, `noise reduction ${sgn(l)} (measured noise σ ${f.detail.noise.toFixed(1)})`);
        b.add('noiseReduction', 'color', c, `colour noise reduction ${sgn(c)} (chroma noise ${f.detail.chromaNoise.toFixed(1)})`);
      } else {
        b.add('noiseReduction', 'luminance', -Math.min(b.value('noiseReduction', 'luminance'), 20 * degree), 'less noise reduction');
      }
      return;
    }
    case 'vignette': {
      const a = -sign * amt(22, degree);
      b.add('vignette', 'amount', a, `vignette ${sgn(a)}`);
      return;
    }
    case 'grain': {
      if (sign > 0) {
        b.add('grain', 'amount', amt(20, degree), `grain +${Math.round(amt(20, degree))}`);
      } else if (b.value('grain', 'amount') > 0) {
        b.add('grain', 'amount', -Math.min(b.value('grain', 'amount'), 25 * degree), 'less grain');
      } else applyAdjust(ctx, { ...it, adjust: 'noise', sign: 1 });
      return;
    }
    case 'fade': {
      const a = sign * amt(18, degree);
      b.add('parametricCurve', 'shadows', a, `faded blacks: curve shadows ${sgn(a)}`);
      return;
    }
  }
}

/** The main slider of each quality, for explicit amounts ("+1 EV", "contrast to 20"). */
const MAIN_PARAM: Partial<Record<Adjust, [string, string]>> = {
  exposure: ['tone', 'exposure'], contrast: ['tone', 'contrast'], highlights: ['tone', 'highlights'], shadows: ['tone', 'shadows'],
  whites: ['tone', 'whites'], blacks: ['tone', 'blacks'], temperature: ['whiteBalance', 'temperature'], tint: ['whiteBalance', 'tint'],
  saturation: ['color', 'saturation'], vibrance: ['color', 'vibrance'], clarity: ['presence', 'clarity'], texture: ['presence', 'texture'],
  dehaze: ['dehaze', 'amount'], sharpness: ['sharpening', 'amount'], noise: ['noiseReduction', 'luminance'], grain: ['grain', 'amount'],
};

function applyExplicit(ctx: Ctx, it: AdjustIntent): boolean {
  const a = it.amount!;
  let target = MAIN_PARAM[it.adjust];
  if (it.adjust === 'exposure' && it.region === 'shadows') target = ['tone', 'shadows'];
  if (it.adjust === 'exposure' && it.region === 'highlights') target = ['tone', 'highlights'];
  if (it.region && it.region !== 'shadows' && it.region !== 'highlights' && it.region !== 'midtones' && it.region !== 'edges') {
    const placed = regionMask(it.region, ctx.facts, ctx.maskId(it.region));
    const param = it.adjust === 'exposure' ? 'exposure' : LOCAL_PARAM[it.adjust];
    if (!param) return false;
    ctx.b.addLocal(placed.mask, param, a.value, `${param} ${sgn(a.value, param === 'exposure' ? 2 : 0)} in the ${it.region} (${placed.note}), as asked`);
    return true;
  }
  if (!target) return false;
  const [op, param] = target;
  if (a.absolute) ctx.b.set(op, param, a.value, `${op}.${param} set to ${a.value}, as asked`);
  else ctx.b.add(op, param, a.value, `${param} ${sgn(a.value, op === 'tone' && param === 'exposure' ? 2 : 0)}, as asked`);
  return true;
}

/** Move the black or white point on the master point curve, sized from the measured end. */
function endPoint(ctx: Ctx, white: boolean, sign: 1 | -1, degree: number): void {
  const f = ctx.facts;
  const lo = f.tone.luma.p1, hi = f.tone.luma.p99;
  const r3 = (v: number): number => Math.round(clamp(v, 0, 1) * 1000) / 1000;
  const k = clamp(0.35 * degree, 0.1, 0.8);
  const pts: [number, number][] = [[0, 0]];
  if (!white) pts.push([r3(lo), r3(sign < 0 ? lo * (1 - k) : lo + (0.12 - lo) * k)]);
  pts.push([r3((lo + hi) / 2), r3((lo + hi) / 2)]);
  if (white) pts.push([r3(hi), r3(sign > 0 ? hi + (1 - hi) * k : hi - 0.1 * k)]);
  pts.push([1, 1]);
  ctx.b.set('pointCurve', 'master', pts, `${white ? 'white' : 'black'} point on the tone curve: the ${white ? 'brightest' : 'darkest'} 1% (${pct(white ? hi : lo)}) moves to ${pct(pts[white ? pts.length - 2 : 1][1])}`);
}

/** Colour in the shadows/highlights/midtones → colour grading wheels. */
function gradeTone(ctx: Ctx, it: AdjustIntent, region: 'shadows' | 'highlights' | 'midtones'): void {
  const z = ctx.facts.tone.zones;
  const share = region === 'shadows' ? z.shadows : region === 'highlights' ? z.highlights : z.midtones;
  if (share < 0.05) {
    // Few tones where the grading wheel acts: tint this photo's own darkest/brightest quarter.
    const L = ctx.facts.tone.luma;
    const [min, max] = region === 'shadows' ? [0, L.p25] : region === 'highlights' ? [L.p75, 1] : [L.p25, L.p75];
    const mask = { id: ctx.maskId(region), name: region, components: [{ shape: { type: 'luminance' as const, min: Math.round(min * 100) / 100, max: Math.round(max * 100) / 100, feather: 50 }, mode: 'add' as const }] };
    const a = it.sign * amt(4.5 / WB_B_PER_UNIT, it.degree) * (it.adjust === 'tint' ? 0.7 : 1);
    ctx.b.addLocal(mask, it.adjust, a, `${it.adjust} ${sgn(a)} in this photo's ${region} (luminance ${pct(min)}–${pct(max)}; only ${pct(share)} of it is in the grading wheel's range)`);
    return;
  }
  const key = region === 'shadows' ? 'shadow' : region === 'highlights' ? 'highlight' : 'midtone';
  const hue = it.adjust === 'temperature' ? (it.sign > 0 ? 45 : 215) : it.sign > 0 ? 320 : 130;
  const sat = clamp(15 * it.degree, 4, 60);
  ctx.b.set('colorGrading', `${key}Hue`, hue, `${it.sign > 0 ? (it.adjust === 'temperature' ? 'warmer' : 'more magenta') : it.adjust === 'temperature' ? 'cooler' : 'greener'} ${region}: colour grading hue ${hue}°`);
  ctx.b.add('colorGrading', `${key}Sat`, sat, `saturation +${Math.round(sat)}`);
}

const LOCAL_PARAM: Partial<Record<Adjust, string>> = {
  exposure: 'exposure', contrast: 'contrast', highlights: 'highlights', shadows: 'shadows', temperature: 'temperature', tint: 'tint',
  saturation: 'saturation', vibrance: 'saturation', clarity: 'clarity', texture: 'clarity', dehaze: 'dehaze', sharpness: 'sharpness', pop: 'contrast',
  whites: 'highlights', blacks: 'shadows', fade: 'contrast', noise: 'sharpness',
};

/** An adjust restricted to a region: a local adjustment with a mask placed from the facts. */
function applyLocal(ctx: Ctx, it: AdjustIntent, region: Region): void {
  const { facts: f, b } = ctx;
  const placed = regionMask(region, f, ctx.maskId(region));
  const param = LOCAL_PARAM[it.adjust] ?? 'exposure';
  if (!ctx.notes.includes(placed.note)) ctx.notes.push(placed.note);
  const where = `${region} (${placed.note})`;
  if (param === 'exposure') {
    const m = regionLuma(f, region);
    const to = exposureTarget(m, it.sign, it.degree);
    const ev = clamp(evBetween(m, to), -2.5, 2.5);
    b.addLocal(placed.mask, 'exposure', ev, `${it.sign > 0 ? 'brighter' : 'darker'} ${where}: ${sgn(ev, 2)} EV (its luminance ${pct(m)} → about ${pct(to)})`);
    if (region === 'sky' && it.sign < 0) b.addLocal(placed.mask, 'highlights', -amt(15, it.degree), 'sky highlights held');
    return;
  }
  let base = 20;
  if (param === 'temperature' || param === 'tint') base = 4.5 / WB_B_PER_UNIT;
  if (param === 'sharpness' && it.sign < 0) base = 50;
  const noiseDir = it.adjust === 'noise' ? -1 : 1;
  const a = noiseDir * it.sign * amt(base, it.degree);
  b.addLocal(placed.mask, param, a, `${param} ${sgn(a)} in the ${where}`);
  if (it.adjust === 'pop') b.addLocal(placed.mask, 'saturation', it.sign * amt(15, it.degree), `saturation in the ${region}`);
}
