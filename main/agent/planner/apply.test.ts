import { describe, it, expect } from 'vitest';
import { rescaleReason, scaleSteps } from './apply.ts';
import { planEdit } from './plan.ts';
import { perceive } from '../perception/facts.ts';
import { scene } from '../perception/synthetic.ts';
import { scaled } from '../loop.ts';

const sgnRe = (v: number, d: number): RegExp => new RegExp(`[+−-]?${Math.abs(v).toFixed(d).replace('.', '\\.')}(?![\\d.])`);

describe('scaled steps quote the committed amounts', () => {
  it('rewrites the EV and the median target of an exposure reason', () => {
    const r = rescaleReason('too dark: +0.89 EV moves the median luminance from 20% to about 35%', [{ from: 0.89, to: 2.03 }], 2.28);
    expect(r).toContain('+2.03 EV');
    expect(r).not.toContain('0.89');
    expect(r).toMatch(/from 20% to about (\d+)%/);
    expect(Number(/to about (\d+)%/.exec(r)![1])).toBe(40); // 20% encoded × 2^2.03 in linear light
    expect(r).toMatch(/×2\.28 strength/);
  });

  it('keeps measurements that are not amounts, and the sign style', () => {
    const r = rescaleReason('highlights −25 so the brightest 1% (now 97% in its brightest channel) does not clip; contrast +12 (RMS 0.15)', [{ from: -25, to: -15 }, { from: 12, to: 7 }], 0.6);
    expect(r).toContain('highlights −15');
    expect(r).toContain('contrast +7');
    expect(r).toContain('1%');
    expect(r).toContain('97%');
    expect(r).toContain('RMS 0.15');
  });

  it('every scaled step of real plans quotes its committed numbers', () => {
    const dark = scene({ width: 160, height: 110, gain: 0.4 });
    const facts = perceive(dark);
    for (const instruction of ['brighter', 'too dark', 'warmer', 'more contrast', 'enhance', 'brighter and warmer']) {
      const plan = planEdit({ instruction, facts });
      for (const k of [0.6, 1.4, 2.28]) {
        const steps = scaleSteps(plan.steps, undefined, k);
        const exp = steps.find((s) => s.op === 'tone' && typeof s.params.exposure === 'number');
        if (exp && /EV/.test(exp.reason)) expect(exp.reason, `${instruction} ×${k}`).toMatch(sgnRe(Number(exp.params.exposure), 2));
        const wb = steps.find((s) => s.op === 'whiteBalance');
        if (wb && typeof wb.params.temperature === 'number' && /temperature [+−-]?\d/.test(wb.reason))
          expect(wb.reason, `${instruction} ×${k}`).toMatch(sgnRe(Number(wb.params.temperature), 0));
        for (const s of steps) expect(s.reason).toMatch(/strength, chosen by the critic/);
      }
    }
  });

  it('the reply of a scaled candidate lists the rescaled reasons', () => {
    const dark = scene({ width: 160, height: 110, gain: 0.4 });
    const req = { instruction: 'brighter', facts: perceive(dark) };
    const plan = planEdit(req);
    const s = scaled(plan, req, 2);
    const ev = Number(s.steps.find((x) => x.op === 'tone')!.params.exposure);
    expect(s.reply).toContain(`+${ev.toFixed(2)} EV`);
    expect(scaled(plan, req, 1).reply).toBe(plan.reply);
  });
});
