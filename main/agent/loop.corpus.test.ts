/**
 * The planner + critic + loop on real photos (the team's FiveK pairs, ../shared/data/fivek-dev).
 * Skips with a message when the corpus is absent.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { runAgentLoop } from './loop.ts';
import { perceive } from './perception/facts.ts';
import { describeFacts } from './perception/describe.ts';
import { applySteps } from './planner/apply.ts';

const DIR = join(import.meta.dirname, '../../../shared/data/fivek-dev');
const have = existsSync(DIR);
if (!have) console.warn(`skipping corpus tests: ${DIR} not found`);

async function load(p: string) {
  const { data, info } = await sharp(p).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, bits: 8 as const, data: new Uint8Array(data) };
}
function psnr(a: ArrayLike<number>, sa: number, b: ArrayLike<number>, sb: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] / sa - b[i] / sb;
    s += d * d;
  }
  return 10 * Math.log10(a.length / s);
}

describe.skipIf(!have)('agent on real photos (fivek-dev)', async () => {
  const names = have ? readdirSync(DIR).sort().slice(0, 4) : [];
  const { renderImage } = await import('../../shared/pixel/pipeline.ts');

  it('describeFacts reads sensibly on a real photo', async () => {
    const f = perceive(await load(join(DIR, names[0], 'input.png')));
    const text = describeFacts(f);
    expect(text).toMatch(/Luminance: p1 \d\.\d\d/);
    expect(f.ms).toBeGreaterThan(0);
  });

  it('"brighter", "warmer", "more contrast" move the measured values the asked way', async () => {
    for (const name of names.slice(0, 3)) {
      const img = await load(join(DIR, name, 'input.png'));
      const f0 = perceive(img);
      for (const [instruction, measure] of [
        ['brighter', (f: typeof f0) => f.tone.luma.p50],
        ['warmer', (f: typeof f0) => f.colour.meanLab.b],
        ['more contrast', (f: typeof f0) => f.tone.contrast.rms],
      ] as const) {
        const r = await runAgentLoop({ instruction, preview: img, candidates: 2, maxRounds: 0 });
        const out = renderImage(applySteps(undefined, r.steps) as never, img);
        expect(measure(perceive(out)), `${name}: ${instruction}`).toBeGreaterThan(measure(f0));
      }
    }
  });

  it('"enhance" brings the photos closer to the expert on average (PSNR)', async () => {
    let before = 0, after = 0;
    for (const name of names) {
      const img = await load(join(DIR, name, 'input.png'));
      const tgt = await load(join(DIR, name, 'target.png'));
      if (tgt.width !== img.width || tgt.height !== img.height) continue;
      const r = await runAgentLoop({ instruction: 'enhance', preview: img, candidates: 2, maxRounds: 1 });
      const out = renderImage(applySteps(undefined, r.steps) as never, img);
      before += psnr(img.data, 255, tgt.data, 255);
      after += psnr(out.data, 1, tgt.data, 255);
    }
    console.log(`enhance on ${names.length} FiveK pairs: mean PSNR ${(before / names.length).toFixed(2)} → ${(after / names.length).toFixed(2)} dB`);
    expect(after).toBeGreaterThan(before);
  });
});
