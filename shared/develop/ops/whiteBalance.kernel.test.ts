import { describe, expect, it } from 'vitest';
import { randomSource } from '../../pixel/pipeline/testOps.ts';
import { kernelParity, photoSource, settingsOf } from '../../pixel/kernels/parityTesting.ts';

describe('white balance kernel (wasm) against the TypeScript kernel', () => {
  for (const [temperature, tint] of [[30, 0], [-80, 25], [100, -100], [7, 3]])
    it(`temperature ${temperature}, tint ${tint}`, () => {
      for (const src of [photoSource(97, 61), randomSource(64, 33, 8, 5)]) {
        const p = kernelParity(settingsOf({ whiteBalance: { temperature, tint } }), src);
        expect(p.calls.tw_chain).toBeGreaterThan(0);
        // float32 maths against float64, through the 1/65535 linear→sRGB table: well under 0.1 of an 8-bit code.
        expect(p.maxDiff).toBeLessThan(3e-4);
        expect(p.meanDiff).toBeLessThan(1e-5);
      }
    });
});
