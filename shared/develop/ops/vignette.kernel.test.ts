import { describe, expect, it } from 'vitest';
import { randomSource } from '../../pixel/pipeline/testOps.ts';
import { kernelParity, photoSource, settingsOf } from '../../pixel/kernels/parityTesting.ts';

describe('vignette kernel (wasm) against the TypeScript kernel', () => {
  const cases: Record<string, number>[] = [
    { amount: -20 },
    { amount: -100, highlights: 80, roundness: -60, feather: 10 },
    { amount: 70, midpoint: 20, roundness: 100 },
    { amount: 100, feather: 0, midpoint: 100 },
  ];
  for (const vignette of cases)
    it(JSON.stringify(vignette), () => {
      for (const src of [photoSource(120, 70), randomSource(53, 81, 8, 2)]) {
        const p = kernelParity(settingsOf({ vignette, tone: { exposure: 0.6 } }), src);
        expect(p.calls.tw_chain).toBeGreaterThan(0);
        expect(p.maxDiff).toBeLessThan(3e-4);
        expect(p.meanDiff).toBeLessThan(1e-5);
        expect(p.wasm.every(Number.isFinite)).toBe(true);
      }
    });
});
