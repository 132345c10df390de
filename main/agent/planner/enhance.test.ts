import { describe, it, expect } from 'vitest';
import { perceive } from '../perception/facts.ts';
import { scene } from '../perception/synthetic.ts';
import { renderImage } from '../../../shared/pixel/pipeline.ts';
import { applySteps } from './apply.ts';
import { enhancePlan, enhanceTarget } from './enhance.ts';
import { planEdit } from './plan.ts';
import { afterExposure } from './sizing.ts';

const dark = scene({ gain: 0.45 });
const bright = scene({ gain: 1.3 });
const tungsten = scene({ gain: 0.7, cast: [70, 20, -60] });

describe('enhance (expert-style auto tone, sized from the facts)', () => {
  it('brightens a dark photo from its bright end, within the brightest channel\'s headroom', () => {
    const f = perceive(dark);
    const p = enhancePlan(f);
    expect(p.ev).toBeGreaterThan(0.3);
    expect(p.ev).toBeLessThanOrEqual(1.2);
    const top = Math.max(f.tone.channels.r.p99, f.tone.channels.g.p99, f.tone.channels.b.p99);
    expect(afterExposure(top, p.ev)).toBeLessThanOrEqual(0.951);
  });

  it('never darkens: a bright photo keeps its exposure and gets its highlights held instead', () => {
    const p = enhancePlan(perceive(bright));
    expect(p.ev).toBe(0);
    expect(p.evFrom).toBe('none');
  });

  it('sets a black point under the darkest 1% and lifts the median a touch (a levels curve)', () => {
    const f = perceive(dark);
    const p = enhancePlan(f);
    expect(p.curve).not.toBeNull();
    const [[bx, by], [mx, my], [wx, wy]] = p.curve!;
    expect(by).toBe(0);
    expect(bx).toBeGreaterThan(0.01);
    expect(bx).toBeLessThan(afterExposure(f.tone.luma.p1, p.ev));
    expect(my).toBeGreaterThan(mx);
    expect([wx, wy]).toEqual([1, 1]);
    expect(enhanceTarget(f)).toBeCloseTo(my, 3);
  });

  it('corrects only a strong cast, part-way, in the right direction', () => {
    const warm = enhancePlan(perceive(tungsten));
    expect(warm.temperature).toBeLessThan(0);
    expect(enhancePlan(perceive(dark)).temperature).toBe(0);
  });

  it('a smaller degree is a smaller edit', () => {
    const f = perceive(dark);
    const full = enhancePlan(f, 1), half = enhancePlan(f, 0.5);
    expect(half.ev).toBeLessThan(full.ev);
    expect(half.vibrance).toBeLessThan(full.vibrance);
    expect(half.aim).toBeLessThan(full.aim);
  });

  it('the rendered result lands near the aim the critic checks', () => {
    const f = perceive(dark);
    const plan = planEdit({ instruction: 'enhance', facts: f });
    expect(plan.steps.map((s) => s.op)).toEqual(expect.arrayContaining(['tone', 'pointCurve', 'color']));
    const out = perceive(renderImage(applySteps(undefined, plan.steps) as never, dark));
    expect(Math.abs(out.tone.luma.p50 - enhanceTarget(f))).toBeLessThan(0.06);
    expect(out.tone.luma.p1).toBeLessThan(f.tone.luma.p1);
  });
});
