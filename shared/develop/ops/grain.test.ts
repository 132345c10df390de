import { describe, it, expect } from 'vitest';
import { grainOp, prepareGrain } from './grain.ts';
import { makeStrip } from '../../pixel/testing.ts';
import { CTX, defaultParams, runOnStrip } from '../../pixel/opTesting.ts';
import type { ParamValues, PrepareContext, Strip } from '../types.ts';

const W = 128;
const H = 128;
const ctx = { ...CTX, width: W, height: H };
const flat = (v: number, w = W, h = H): Strip => makeStrip({ width: w, rows: h, data: new Float32Array(w * h * 3).fill(v) });
const stats = (s: Strip, base: number) => {
  let m = 0;
  let m2 = 0;
  const n = s.data.length / 3;
  for (let i = 0; i < n; i++) {
    const d = s.data[i * 3] - base;
    m += d;
    m2 += d * d;
  }
  m /= n;
  return { mean: m, std: Math.sqrt(m2 / n - m * m) };
};
const render = (over: ParamValues, v = 0.5, c: PrepareContext = ctx, w = W, h = H) => runOnStrip(grainOp, over, flat(v, w, h), c);

describe('grain', () => {
  it('is the identity at its defaults', () => {
    expect(grainOp.isIdentity!(defaultParams(grainOp) as never)).toBe(true);
    expect(render({}).data.every((v) => v === 0.5)).toBe(true);
  });

  it('is deterministic and independent of strip layout', () => {
    const a = render({ amount: 60 });
    const b = render({ amount: 60 });
    expect(a.data).toEqual(b.data);
    const prep = prepareGrain({ ...(defaultParams(grainOp) as Record<string, number>), amount: 60 } as never, ctx);
    const part = makeStrip({ width: W, rows: 7, y0: 50, imageWidth: W, imageHeight: H, data: new Float32Array(W * 7 * 3).fill(0.5) });
    grainOp.maths!.cpu(part, prep);
    expect(Array.from(part.data)).toEqual(Array.from(a.data.subarray(50 * W * 3, 57 * W * 3)));
  });

  it('is zero-mean-ish, monochrome, strongest in midtones, absent at black and white', () => {
    const s = render({ amount: 100 });
    const { mean, std } = stats(s, 0.5);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(std).toBeGreaterThan(0.04);
    expect(std).toBeLessThan(0.08);
    for (let i = 0; i < s.data.length; i += 3) expect(s.data[i]).toBe(s.data[i + 2]);
    expect(stats(render({ amount: 100 }, 0.05), 0.05).std).toBeLessThan(std * 0.5);
    expect(render({ amount: 100 }, 0).data.every((v) => v === 0)).toBe(true);
    expect(render({ amount: 100 }, 1).data.every((v) => v === 1)).toBe(true);
  });

  it('amount and size behave; a half-size preview has similar statistics', () => {
    expect(stats(render({ amount: 30 }), 0.5).std).toBeLessThan(stats(render({ amount: 90 }), 0.5).std);
    // Coarser grain: neighbouring pixels are more alike.
    const corr = (s: Strip) => {
      let c = 0;
      for (let y = 0; y < H; y++) for (let x = 1; x < W; x++) c += (s.data[(y * W + x) * 3] - 0.5) * (s.data[(y * W + x - 1) * 3] - 0.5);
      return c / (H * (W - 1)) / stats(s, 0.5).std ** 2;
    };
    expect(corr(render({ amount: 50, size: 100 }))).toBeGreaterThan(corr(render({ amount: 50, size: 0 })) + 0.2);
    const full = stats(render({ amount: 50, size: 60 }), 0.5).std;
    const half = stats(render({ amount: 50, size: 60 }, 0.5, { ...ctx, width: W / 2, height: H / 2, scale: 0.5 }, W / 2, H / 2), 0.5).std;
    expect(half / full).toBeGreaterThan(0.7);
    expect(half / full).toBeLessThan(1.3);
  });

  it('extremes stay finite and within [0, 1]', () => {
    for (const v of [0.02, 0.3, 0.98]) {
      const s = render({ amount: 100, size: 0, roughness: 100 }, v);
      expect(s.data.every((x) => Number.isFinite(x) && x >= 0 && x <= 1)).toBe(true);
    }
  });
});
