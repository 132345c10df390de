import { describe, it, expect } from 'vitest';
import { renderImage } from '../../../shared/pixel/pipeline.ts';
import { perceive } from '../perception/facts.ts';
import { scene } from '../perception/synthetic.ts';
import { applySteps } from './apply.ts';
import { planEdit } from './plan.ts';

const render = (steps: Parameters<typeof applySteps>[1], img: ReturnType<typeof scene>) => perceive(renderImage(applySteps(undefined, steps) as never, img));

describe('adjust sizing on bright photos (through the real pipeline)', () => {
  // Sky near clipping, median high: the highlight protection must stay smaller than a small lift.
  const bright = scene({ gain: 1.25, horizon: 0.85 });
  const f = perceive(bright);

  for (const instruction of ['a touch brighter', 'brighten it up a little', 'brighter'])
    it(`"${instruction}" still raises the median of an already bright photo`, () => {
      const plan = planEdit({ instruction, facts: f });
      expect(render(plan.steps, bright).tone.luma.p50).toBeGreaterThan(f.tone.luma.p50);
    });

  it('"lift the shadows" reaches a darkest quarter above the shadows slider\'s range with the curve', () => {
    const light = scene({ gain: 1.5, sky: [200, 215, 235], ground: [150, 170, 120] });
    const fl = perceive(light);
    expect(fl.tone.luma.p25).toBeGreaterThan(0.45);
    const plan = planEdit({ instruction: 'lift the shadows', facts: fl });
    expect(plan.steps.find((s) => s.op === 'parametricCurve')?.params.darks).toBeGreaterThan(0);
  });
});
