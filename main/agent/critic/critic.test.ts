import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { planEdit } from '../planner/plan.ts';
import { applySteps, scaleSteps } from '../planner/apply.ts';
import { critique } from './critic.ts';
import { perceiveFull } from '../perception/facts.ts';
import { scene, mapValues, blur, type Image8 } from '../perception/synthetic.ts';
import { srgbToLinear, linearToSrgb } from '../../../shared/pixel/transfer.ts';

/** Exposure in linear light, as a renderer would do it (no highlight roll-off). */
function expose(img: Image8, ev: number): Image8 {
  const k = 2 ** ev;
  return mapValues(img, (v) => 255 * linearToSrgb(Math.min(1, srgbToLinear(v / 255) * k)));
}
function warm(img: Image8, amount: number): Image8 {
  return mapValues(img, (v, c) => (c === 0 ? v + amount : c === 2 ? v - amount : v));
}

const dark = scene({ gain: 0.45 });
const before = perceiveFull(dark);

describe('critic', () => {
  it('prefers a correctly exposed render to an over-exposed one for "brighter"', () => {
    const good = critique({ instruction: 'brighter', before, after: expose(dark, 1.2) });
    const over = critique({ instruction: 'brighter', before, after: expose(dark, 3.5) });
    const none = critique({ instruction: 'brighter', before, after: dark });
    const wrong = critique({ instruction: 'brighter', before, after: expose(dark, -0.7) });
    expect(good.score).toBeGreaterThan(over.score + 0.1);
    expect(good.score).toBeGreaterThan(none.score + 0.15);
    expect(none.score).toBeGreaterThan(wrong.score - 0.05);
    expect(good.criteria.find((c) => c.name === 'more exposure')!.score).toBeGreaterThan(0.8);
    expect(over.criteria.find((c) => c.name === 'no new clipping')!.score).toBeLessThan(0.5);
    expect(over.summary).toMatch(/clipping/);
  });

  it('writes criteria from the intents plus general quality, with weights', () => {
    const r = critique({ instruction: 'warmer and more contrast', before, after: warm(dark, 10) });
    const names = r.criteria.map((c) => c.name);
    expect(names).toContain('more temperature');
    expect(names).toContain('more contrast');
    for (const n of ['exposure balance', 'no new clipping', 'colour cast', 'noise amplification', 'halos']) expect(names).toContain(n);
    for (const c of r.criteria) {
      expect(c.weight).toBeGreaterThan(0);
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
      expect(c.note.length).toBeGreaterThan(3);
    }
    expect(r.criteria.find((c) => c.name === 'more temperature')!.score).toBeGreaterThan(0.7);
  });

  it('scores the wrong direction low: "cooler" when the render got warmer', () => {
    const warmer = critique({ instruction: 'cooler', before, after: warm(dark, 12) });
    const cooler = critique({ instruction: 'cooler', before, after: warm(dark, -12) });
    expect(cooler.score).toBeGreaterThan(warmer.score + 0.2);
  });

  it('checks that a kept region stayed put', () => {
    const img = scene();
    const b = perceiveFull(img);
    const line = Math.round(b.facts.regions.sky!.line * img.height);
    // Brighten only below the sky line vs everything.
    const all = expose(img, 0.8);
    const groundOnly = { ...img, data: img.data.map((v, i) => (Math.floor(i / 3 / img.width) > line + 2 ? all.data[i] : v)) };
    const keep = (after: Image8) => critique({ instruction: 'brighter but keep the sky', before: b, after });
    expect(keep(groundOnly).criteria.find((c) => c.name === 'keep the sky')!.score).toBeGreaterThan(0.8);
    expect(keep(all).criteria.find((c) => c.name === 'keep the sky')!.score).toBeLessThan(0.5);
    expect(keep(groundOnly).score).toBeGreaterThan(keep(all).score);
  });

  it('penalises noise amplification and rewards noise reduction when asked', () => {
    const noisy = scene({ noise: 6 });
    const b = perceiveFull(noisy);
    const cleaned = critique({ instruction: 'reduce the noise', before: b, after: blur(noisy, 1) });
    const worse = critique({ instruction: 'reduce the noise', before: b, after: scene({ noise: 12 }) });
    expect(cleaned.score).toBeGreaterThan(worse.score + 0.2);
  });

  it('black and white is judged by the remaining chroma', () => {
    const img = scene();
    const grey = mapValues(img, (v, c) => v); // placeholder copy
    for (let i = 0; i < grey.data.length; i += 3) {
      const y = Math.round(0.3 * img.data[i] + 0.59 * img.data[i + 1] + 0.11 * img.data[i + 2]);
      grey.data[i] = grey.data[i + 1] = grey.data[i + 2] = y;
    }
    const b = perceiveFull(img);
    expect(critique({ instruction: 'black and white', before: b, after: grey }).criteria[0].score).toBeGreaterThan(0.95);
    expect(critique({ instruction: 'black and white', before: b, after: img }).criteria[0].score).toBeLessThan(0.1);
  });

  it('a halo-free global edit scores clean on halos; edge rims do not', () => {
    const img = scene();
    const b = perceiveFull(img);
    const clean = critique({ instruction: 'brighter', before: b, after: expose(img, 0.5) });
    // Bright rim just below the horizon (an over-done local-contrast halo).
    const line = Math.round(b.facts.regions.sky!.line * img.height);
    const rim = { ...img, data: img.data.map((v, i) => { const y = Math.floor(i / 3 / img.width); return y > line && y < line + 5 ? Math.min(255, v + 70) : v; }) };
    const halo = critique({ instruction: 'more clarity', before: b, after: rim });
    expect(clean.criteria.find((c) => c.name === 'halos')!.score).toBeGreaterThan(0.9);
    expect(halo.criteria.find((c) => c.name === 'halos')!.score).toBeLessThan(clean.criteria.find((c) => c.name === 'halos')!.score);
  });
});

describe('halo criterion calibration', () => {
  const halos = (r: ReturnType<typeof critique>) => r.criteria.find((c) => c.name === 'halos')!;

  it('a masked local edit whose boundary follows the horizon is not a halo', () => {
    const img = scene();
    const b = perceiveFull(img);
    const line = Math.round(b.facts.regions.sky!.line * img.height);
    // "Brighter but keep the sky": everything below the line +60%, the sky unchanged.
    const after = { ...img, data: img.data.map((v, i) => (Math.floor(i / 3 / img.width) > line ? Math.min(255, Math.round(v * 1.6)) : v)) };
    expect(halos(critique({ instruction: 'brighter but keep the sky', before: b, after })).score).toBeGreaterThan(0.9);
  });

  const storm = join(import.meta.dirname, '../../../../shared/data/photos/mate-backgrounds/mate_nature_Storm.jpg');
  it.skipIf(!existsSync(storm))('"brighter and warmer but keep the sky" on a real photo scores clean on halos (needs ../shared/data)', async () => {
    const sharp = (await import('sharp')).default;
    const { renderImage } = await import('../../../shared/pixel/pipeline.ts');
    const { data, info } = await sharp(storm).resize(512, 512, { fit: 'inside' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const img = { width: info.width, height: info.height, bits: 8 as const, data: new Uint8Array(data) };
    const b = perceiveFull(img);
    const instruction = 'brighter and warmer but keep the sky';
    const plan = planEdit({ instruction, facts: b.facts });
    expect(plan.steps.some((s) => s.op === 'local')).toBe(true);
    for (const k of [1, 1.7]) {
      const after = renderImage(applySteps(undefined, scaleSteps(plan.steps, undefined, k)) as never, img);
      expect(halos(critique({ instruction, before: b, after })).score, `×${k}`).toBeGreaterThan(0.9);
    }
    // Strong dehaze does leave rims; the criterion still sees more there than for the kept sky.
    const dehazed = renderImage({ ops: { dehaze: { amount: 80 } }, locals: [] } as never, img);
    expect(halos(critique({ instruction: 'dehaze', before: b, after: dehazed })).note).toMatch(/edge rim 0\.0/);
  });

  it('a glow that peaks at the edge and fades is a halo', () => {
    const img = scene();
    const b = perceiveFull(img);
    const line = Math.round(b.facts.regions.sky!.line * img.height);
    const after = { ...img, data: img.data.map((v, i) => {
      const y = Math.floor(i / 3 / img.width);
      const d = Math.abs(y - line);
      return Math.min(255, Math.round(v + 60 * Math.exp(-d / 3)));
    }) };
    expect(halos(critique({ instruction: 'more clarity', before: b, after })).score).toBeLessThan(0.5);
  });
});
