import { describe, it, expect } from 'vitest';
import { vignetteOp } from './vignette.ts';
import { makeStrip } from '../../pixel/testing.ts';
import { CTX, defaultParams, runOnStrip } from '../../pixel/opTesting.ts';
import type { ParamValues, Strip } from '../types.ts';

const W = 60;
const H = 40;
const ctx = { ...CTX, width: W, height: H };
function image(v = 0.6, data?: Float32Array): Strip {
  return makeStrip({ width: W, rows: H, data: data ?? new Float32Array(W * H * 3).fill(v) });
}
const at = (s: Strip, x: number, y: number) => s.data[(y * W + x) * 3];
const render = (over: ParamValues, v = 0.6) => runOnStrip(vignetteOp, over, image(v), ctx);

describe('vignette', () => {
  it('is the identity at its defaults', () => {
    expect(vignetteOp.isIdentity!(defaultParams(vignetteOp) as never)).toBe(true);
    const s = render({});
    expect(s.data.every((v) => v === Math.fround(0.6))).toBe(true);
  });

  it('−100 darkens the corners, not the centre; +100 lightens them without clipping', () => {
    const s = render({ amount: -100 });
    expect(at(s, 0, 0)).toBeLessThan(0.35);
    expect(at(s, W / 2, H / 2)).toBeCloseTo(0.6, 5);
    expect(at(s, 0, 0)).toBeLessThan(at(s, 0, H / 2));
    const b = render({ amount: 100 }, 0.9);
    expect(at(b, 0, 0)).toBeGreaterThan(0.93);
    expect(at(b, 0, 0)).toBeLessThanOrEqual(1);
    expect(at(b, W / 2, H / 2)).toBeCloseTo(0.9, 5);
  });

  it('darkens monotonically from the centre out, smoothly', () => {
    const s = render({ amount: -80, feather: 70 });
    for (let x = W / 2 + 1; x < W; x++) expect(at(s, x, H / 2)).toBeLessThanOrEqual(at(s, x - 1, H / 2) + 1e-7);
    for (let x = 1; x < W; x++) expect(Math.abs(at(s, x, H / 2) - at(s, x - 1, H / 2))).toBeLessThan(0.05);
  });

  it('highlights protects bright corners', () => {
    const plain = render({ amount: -100 }, 0.95);
    const kept = render({ amount: -100, highlights: 100 }, 0.95);
    expect(at(kept, 0, 0)).toBeGreaterThan(at(plain, 0, 0) + 0.2);
  });

  it('midpoint and roundness change the shape; strips agree with the whole image', () => {
    const near = render({ amount: -100, midpoint: 0 });
    const far = render({ amount: -100, midpoint: 100 });
    expect(at(near, W / 4, H / 2)).toBeLessThan(at(far, W / 4, H / 2) - 0.05);
    const round = render({ amount: -100, roundness: 100 });
    const ellipse = render({ amount: -100 });
    // In a landscape frame a circle spares the top edge's midpoint (nearer the centre) more
    // than the frame-fitting ellipse does, and darkens the sides about as much.
    expect(at(round, W / 2, 0)).toBeGreaterThan(at(ellipse, W / 2, 0) + 0.05);
    expect(at(round, 0, H / 2)).toBeCloseTo(at(ellipse, 0, H / 2), 1);
    const whole = render({ amount: -60 });
    const p = vignetteOp.maths!.prepare({ ...defaultParams(vignetteOp), amount: -60 } as never, ctx);
    const part = makeStrip({ width: W, rows: 10, y0: 25, imageWidth: W, imageHeight: H, data: new Float32Array(W * 10 * 3).fill(0.6) });
    vignetteOp.maths!.cpu(part, p);
    for (let i = 0; i < part.data.length; i++) expect(part.data[i]).toBe(whole.data[25 * W * 3 + i]);
  });

  it('extremes stay finite and within [0, 1]', () => {
    for (const over of [{ amount: -100, midpoint: 0, feather: 0, roundness: -100 }, { amount: 100, midpoint: 0, feather: 100, roundness: 100 }]) {
      const s = render(over, 1);
      expect(s.data.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    }
  });
});
