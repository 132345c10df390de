import { describe, expect, it } from 'vitest';
import { randomSource } from '../../pixel/pipeline/testOps.ts';
import { kernelParity, photoSource, settingsOf } from '../../pixel/kernels/parityTesting.ts';
import type { ResolvedSettings } from '../../pixel/pipeline/types.ts';

describe('tone curve kernel (link_curve.h) against the TypeScript kernels', () => {
  it('parametric curve: the same table lookups', () => {
    for (const src of [photoSource(97, 61), randomSource(64, 33, 8, 5)]) {
      const p = kernelParity(settingsOf({ parametricCurve: { shadows: 40, darks: -20, lights: -30, highlights: 100 } }), src);
      expect(p.calls.tw_chain).toBeGreaterThan(0);
      expect(p.maxDiff).toBeLessThan(1e-6);
    }
  });

  const pointCurve = { master: [[0, 0.05], [0.5, 0.6], [1, 1]], red: [[0, 0], [0.4, 0.3], [1, 1]], blue: [[0, 0.1], [1, 0.9]] };
  it('point curve, master and per channel', () => {
    const p = kernelParity({ ops: { pointCurve }, locals: [] } as unknown as ResolvedSettings, randomSource(50, 20, 16, 9));
    expect(p.calls.tw_chain).toBeGreaterThan(0);
    expect(p.maxDiff).toBeLessThan(1e-6);
  });

  it('point curve above white (after an exposure push): continued with slope 1', () => {
    const p = kernelParity({ ops: { tone: { exposure: 1.2 }, pointCurve }, locals: [] } as unknown as ResolvedSettings, randomSource(50, 20, 16, 9));
    // The tone link's float32 maths before it: the tone kernel test's tolerance.
    expect(p.maxDiff).toBeLessThan(3e-4);
    expect(p.meanDiff).toBeLessThan(1e-5);
  });
});
