import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parametricCurveOp, parametricControlPoints, prepareParametricCurve } from './parametricCurve.ts';
import { allInRange, colorCube, defaultParams, maxDiff, runOnColors } from '../../pixel/opTesting.ts';

const params = (o: Record<string, number>) => ({ ...defaultParams(parametricCurveOp), ...o }) as Parameters<typeof prepareParametricCurve>[0];

describe('parametricCurve', () => {
  it('is the identity at its defaults', () => {
    expect(parametricCurveOp.isIdentity!(params({}))).toBe(true);
    const cube = colorCube(9);
    expect(maxDiff(runOnColors(parametricCurveOp, {}, cube), cube)).toBeLessThan(1e-5);
  });

  it('is monotonic with fixed end points for every setting', () => {
    const amt = fc.integer({ min: -100, max: 100 });
    fc.assert(
      fc.property(amt, amt, amt, amt, fc.integer({ min: 10, max: 50 }), fc.integer({ min: 25, max: 75 }), fc.integer({ min: 50, max: 90 }),
        (shadows, darks, lights, highlights, shadowSplit, midtoneSplit, highlightSplit) => {
          const { lut } = prepareParametricCurve(params({ shadows, darks, lights, highlights, shadowSplit, midtoneSplit, highlightSplit }));
          expect(lut[0]).toBeCloseTo(0, 6);
          expect(lut[lut.length - 1]).toBeCloseTo(1, 6);
          for (let i = 1; i < lut.length; i++) if (lut[i] < lut[i - 1] - 1e-7) return false;
          return lut.every(Number.isFinite);
        }),
      { numRuns: 300 },
    );
  });

  it('moves each region where it belongs', () => {
    const grey = (v: number) => [v, v, v] as const;
    const xs = [0.1, 0.375, 0.625, 0.9].map(grey);
    const up = (name: string) => runOnColors(parametricCurveOp, { [name]: 100 }, xs).map((c, i) => c[0] - xs[i][0]);
    const sh = up('shadows');
    const hl = up('highlights');
    expect(sh[0]).toBeGreaterThan(0.05);
    expect(sh[0]).toBeGreaterThan(sh[3] * 3);
    expect(hl[3]).toBeGreaterThan(0.03);
    expect(hl[3]).toBeGreaterThan(hl[0] * 3);
    const dk = runOnColors(parametricCurveOp, { darks: -100 }, [grey(0.375)])[0][0];
    expect(dk).toBeLessThan(0.3);
  });

  it('keeps split points ordered even when the sliders cross', () => {
    const pts = parametricControlPoints(params({ shadowSplit: 50, midtoneSplit: 25, highlightSplit: 50, darks: 100 }));
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i][0]).toBeGreaterThan(pts[i - 1][0]);
      expect(pts[i][1]).toBeGreaterThan(pts[i - 1][1]);
    }
  });

  it('gives finite, in-range values at extremes and keeps headroom above 1', () => {
    const cube = colorCube(7);
    for (const v of [-100, 100]) {
      const out = runOnColors(parametricCurveOp, { shadows: v, darks: -v, lights: v, highlights: -v }, cube);
      expect(allInRange(out, 1e-6)).toBe(true);
    }
    const [hot] = runOnColors(parametricCurveOp, { lights: 50 }, [[1.5, 0.5, 0]]);
    expect(hot[0]).toBeCloseTo(1.5, 5);
    expect(hot[2]).toBe(0);
  });
});
