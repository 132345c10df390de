import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isIdentityCurve, pointCurveOp, preparePointCurve } from './pointCurve.ts';
import { allInRange, colorCube, defaultParams, maxDiff, runOnColors } from '../../pixel/opTesting.ts';
import type { CurvePoints } from '../types.ts';

const id: CurvePoints = [[0, 0], [1, 1]];
const params = (o: Record<string, CurvePoints>) => ({ ...defaultParams(pointCurveOp), ...o }) as Parameters<typeof preparePointCurve>[0];

/** Random monotone curves: sorted distinct x, non-decreasing y. */
const monotoneCurve = fc
  .array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 2, maxLength: 8 })
  .map((pts) => {
    const xs = pts.map((p) => p[0]).sort((a, b) => a - b);
    const ys = pts.map((p) => p[1]).sort((a, b) => a - b);
    return xs.map((x, i) => [x, ys[i]] as [number, number]);
  });

describe('pointCurve', () => {
  it('is the identity at its defaults', () => {
    expect(pointCurveOp.isIdentity!(params({}))).toBe(true);
    const cube = colorCube(9);
    expect(maxDiff(runOnColors(pointCurveOp, {}, cube), cube)).toBeLessThan(1e-5);
  });

  it('recognises identity curves and non-identity ones', () => {
    expect(isIdentityCurve([[0, 0], [0.5, 0.5], [1, 1]])).toBe(true);
    expect(isIdentityCurve([[0.2, 0.2], [1, 1]])).toBe(false);
    expect(isIdentityCurve([[0, 0.1], [1, 1]])).toBe(false);
  });

  it('gives a monotonic table through monotone control points', () => {
    fc.assert(
      fc.property(monotoneCurve, monotoneCurve, (master, red) => {
        const { lut } = preparePointCurve(params({ master, red }));
        for (let c = 0; c < 3; c++)
          for (let i = 1; i < lut.length / 3; i++) if (lut[i * 3 + c] < lut[(i - 1) * 3 + c] - 1e-6) return false;
        return lut.every((v) => Number.isFinite(v) && v >= -1e-6 && v <= 1 + 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('passes through its control points and composes master then channel', () => {
    const master: CurvePoints = [[0, 0], [0.25, 0.15], [0.75, 0.85], [1, 1]];
    const [a, b] = runOnColors(pointCurveOp, { master }, [[0.25, 0.25, 0.25], [0.75, 0.75, 0.75]]);
    expect(a[0]).toBeCloseTo(0.15, 4);
    expect(b[1]).toBeCloseTo(0.85, 4);
    const blue: CurvePoints = [[0, 0.2], [1, 1]];
    const [c] = runOnColors(pointCurveOp, { master, blue }, [[0.25, 0.25, 0.25]]);
    expect(c[0]).toBeCloseTo(0.15, 4);
    expect(c[2]).toBeCloseTo(0.2 + 0.8 * 0.15, 4);
  });

  it('is flat outside the end points and copes with odd input', () => {
    const [a] = runOnColors(pointCurveOp, { master: [[0.2, 0.1], [0.8, 0.9]] }, [[0.05, 0.95, 0.5]]);
    expect(a[0]).toBeCloseTo(0.1, 5);
    expect(a[1]).toBeCloseTo(0.9, 5);
    const weird: CurvePoints = [[0.5, 2], [0.5, 0.4], [NaN, 1], [0, 0]];
    const out = runOnColors(pointCurveOp, { master: weird, red: [] }, colorCube(5));
    expect(allInRange(out, 1e-6)).toBe(true);
  });
});
