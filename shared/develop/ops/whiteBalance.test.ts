import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { whiteBalanceOp } from './whiteBalance.ts';
import { defaults, lum, runColors } from './linearTesting.ts';
import { linearRgbToLab } from '../../pixel/color.ts';
import { targetWhiteUv, xyToUv } from './whiteBalanceMaths.ts';

const COLORS: Array<[number, number, number]> = [
  [0.18, 0.18, 0.18],
  [0.8, 0.3, 0.1],
  [0.05, 0.2, 0.6],
  [0.3, 0.6, 0.2],
  [1, 1, 1],
  [0, 0, 0],
];
const lab = (d: Float32Array, i: number) => linearRgbToLab(d[3 * i], d[3 * i + 1], d[3 * i + 2]);

describe('whiteBalance', () => {
  it('is the identity at defaults (skipped, and the maths within 1e-5)', () => {
    expect(whiteBalanceOp.isIdentity!(defaults(whiteBalanceOp) as never)).toBe(true);
    expect(whiteBalanceOp.xmp.map((x) => x.key)).toEqual(['crs:IncrementalTemperature', 'crs:IncrementalTint']);
    const out = runColors(whiteBalanceOp, {}, COLORS);
    COLORS.flat().forEach((v, i) => expect(Math.abs(out[i] - v)).toBeLessThan(1e-5));
    const [u, v] = targetWhiteUv(0, 0);
    const d65 = xyToUv(0.3127, 0.329);
    expect(u).toBeCloseTo(d65[0], 12);
    expect(v).toBeCloseTo(d65[1], 12);
  });

  it('+temperature raises b* (warmer), −temperature lowers it, monotonically', () => {
    let prev = -Infinity;
    for (const t of [-100, -50, -10, 0, 10, 50, 100]) {
      const b = lab(runColors(whiteBalanceOp, { temperature: t }, [[0.18, 0.18, 0.18]]), 0)[2];
      expect(b).toBeGreaterThan(prev);
      prev = b;
    }
    expect(lab(runColors(whiteBalanceOp, { temperature: 100 }, [[0.18, 0.18, 0.18]]), 0)[2]).toBeGreaterThan(10);
    expect(lab(runColors(whiteBalanceOp, { temperature: -100 }, [[0.18, 0.18, 0.18]]), 0)[2]).toBeLessThan(-10);
  });

  it('+tint raises a* (magenta), −tint lowers it (green)', () => {
    expect(lab(runColors(whiteBalanceOp, { tint: 60 }, [[0.18, 0.18, 0.18]]), 0)[1]).toBeGreaterThan(5);
    expect(lab(runColors(whiteBalanceOp, { tint: -60 }, [[0.18, 0.18, 0.18]]), 0)[1]).toBeLessThan(-5);
  });

  it('preserves each pixel’s luminance', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 }), (t, n) => {
        const out = runColors(whiteBalanceOp, { temperature: t, tint: n }, COLORS);
        COLORS.forEach((c, i) => expect(lum(out, i)).toBeCloseTo(lum(Float32Array.from(c), 0), 5));
      }),
      { numRuns: 60 },
    );
  });

  it('local temperature/tint add to the global values (table interpolation ≈ exact matrix)', () => {
    const grey: [number, number, number] = [0.18, 0.18, 0.18];
    const viaLocal = runColors(whiteBalanceOp, { temperature: 20 }, [grey, grey], { locals: { temperature: Float32Array.of(35, 0), tint: Float32Array.of(-15, 0) } });
    const exact = runColors(whiteBalanceOp, { temperature: 55, tint: -15 }, [grey]);
    for (let k = 0; k < 3; k++) expect(Math.abs(viaLocal[k] - exact[k])).toBeLessThan(2e-3);
    const global = runColors(whiteBalanceOp, { temperature: 20 }, [grey]);
    for (let k = 0; k < 3; k++) expect(viaLocal[3 + k]).toBeCloseTo(global[k], 7);
  });

  it('never gives NaN/Inf or negatives at extremes', () => {
    const inputs: Array<[number, number, number]> = [[0, 0, 0], [1e-6, 1e-6, 1e-6], [1, 1, 1], [50, 50, 50], [1, 0, 0], [0, 0, 50]];
    const n = inputs.length;
    for (const t of [-100, 100])
      for (const k of [-100, 100])
        for (const loc of [0, 200, -200]) {
          const out = runColors(whiteBalanceOp, { temperature: t, tint: k }, inputs, { locals: { temperature: new Float32Array(n).fill(loc), tint: new Float32Array(n).fill(-loc) } });
          for (const x of out) {
            expect(Number.isFinite(x)).toBe(true);
            expect(x).toBeGreaterThanOrEqual(0);
          }
        }
  });
});
