import { describe, expect, it } from 'vitest';
import { randomSource } from '../../pixel/pipeline/testOps.ts';
import { kernelParity, photoSource, settingsOf } from '../../pixel/kernels/parityTesting.ts';

describe('HSL kernel (link_hsl.h) against the TypeScript kernel', () => {
  const cases: Record<string, number>[] = [
    { hueRed: 40, saturationBlue: -15, luminanceGreen: 50, hueAqua: -100, saturationOrange: 100 },
    { saturationBlue: -100, luminanceBlue: -100, hueMagenta: 100 },
    { hueYellow: -60, saturationGreen: 80, luminanceRed: 70, luminancePurple: -40 },
  ];
  for (const hsl of cases)
    it(JSON.stringify(hsl), () => {
      // 16-bit photo-like, 8-bit noise, and values above white from an exposure push.
      const sources = [photoSource(97, 61), randomSource(64, 33, 8, 5), randomSource(50, 20, 16, 9)];
      for (const [i, src] of sources.entries()) {
        const p = kernelParity(settingsOf(i === 2 ? { tone: { exposure: 1.5 }, hsl } : { hsl }), src);
        expect(p.calls.tw_chain).toBeGreaterThan(0);
        // float32 OkLab against float64, and the gamut compression's root finding stopping
        // within its tolerance from a slightly different start: well under one 8-bit code.
        expect(p.maxDiff).toBeLessThan(2e-3);
        expect(p.meanDiff).toBeLessThan(1e-5);
      }
    });
});
