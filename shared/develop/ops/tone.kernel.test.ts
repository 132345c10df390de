import { describe, expect, it } from 'vitest';
import { kernelParity, photoSource, settingsOf } from '../../pixel/kernels/parityTesting.ts';
import { randomSource } from '../../pixel/pipeline/testOps.ts';

const finite = (a: Float32Array) => a.every((v) => Number.isFinite(v));

/** Global tone settings: exposure only (the curve off), curve without base, with base, extremes. */
const CASES: Record<string, number>[] = [
  { exposure: 0.7 },
  { exposure: -2.3 },
  { contrast: 35 },
  { contrast: -100, whites: 40, blacks: -60 },
  { whites: -100, blacks: 100 },
  { exposure: 0.3, contrast: 15, highlights: -40, shadows: 30 },
  { highlights: 100 },
  { shadows: -100, exposure: -1 },
  { exposure: 5, contrast: 100, highlights: 100, shadows: 100, whites: 100, blacks: 100 },
  { exposure: -5, contrast: -100, highlights: -100, shadows: -100, whites: -100, blacks: -100 },
  { exposure: 2.5, contrast: 60, highlights: -100, shadows: 80, whites: 70, blacks: -30 },
];

describe('tone kernel (wasm, global path) against the TypeScript kernel', () => {
  for (const tone of CASES)
    it(JSON.stringify(tone), () => {
      for (const src of [photoSource(97, 61), randomSource(64, 33, 8, 5), randomSource(45, 29, 16, 9)])
        for (const stripRows of [undefined, 5]) {
          const p = kernelParity(settingsOf({ tone }), src, stripRows ? { stripRows } : {});
          expect(p.calls.tw_chain).toBeGreaterThan(0);
          expect(finite(p.wasm)).toBe(true);
          // float32 maths against float64, through the 1/65535 linear→sRGB table: well under 0.1 of an 8-bit code.
          expect(p.maxDiff).toBeLessThan(3e-4);
          expect(p.meanDiff).toBeLessThan(1e-5);
        }
    });
});
