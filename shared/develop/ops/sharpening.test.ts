import { describe, it, expect } from 'vitest';
import { sharpeningOp, prepareSharpening, sharpeningCpu, type SharpeningParams } from './sharpening.ts';
import { makeStrip } from '../../pixel/testing.ts';
import { allFinite, columnProfile, ctxFor, edgeWidth, gaussianNoise, lumaPlane, maxAbsDiff, runStrips, runWhole } from './neighbourhoodTesting.ts';

const W = 48;
const H = 24;
const params = (p: Partial<SharpeningParams>): SharpeningParams => ({ amount: 0, radius: 1, detail: 25, masking: 0, ...p });
const run = (data: Float32Array, p: Partial<SharpeningParams>, locals?: Record<string, Float32Array>, scale = 1) => {
  const prepared = prepareSharpening(params(p), ctxFor(W, H, scale));
  const copy = data.slice();
  sharpeningCpu(makeStrip({ width: W, rows: H, data: copy, locals }), prepared);
  return copy;
};

/** A soft edge (display values 0.2 → 0.8 over a few pixels) along x. */
function softEdge(): Float32Array {
  const d = new Float32Array(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const v = 0.2 + 0.6 / (1 + Math.exp(-(x - W / 2 + 0.5) / 1.2));
      d.set([v, v, v], 3 * (y * W + x));
    }
  return d;
}
const profile = (d: Float32Array) => columnProfile(lumaPlane(d), W, 0, H);
const maxSlope = (p: number[]) => Math.max(...p.slice(1).map((v, i) => v - p[i]));

describe('sharpening', () => {
  it('declares Lightroom-range params, display space and local sharpness', () => {
    expect(sharpeningOp.maths?.space).toBe('display');
    expect(sharpeningOp.maths?.localParams).toEqual(['sharpness']);
    expect(sharpeningOp.params.amount).toMatchObject({ min: 0, max: 150, default: 0 });
    expect(sharpeningOp.params.radius).toMatchObject({ min: 0.5, max: 3, default: 1 });
    expect(sharpeningOp.xmp.map((m) => m.key)).toEqual(['crs:Sharpness', 'crs:SharpenRadius', 'crs:SharpenDetail', 'crs:SharpenEdgeMasking']);
    expect(sharpeningOp.isIdentity!(params({ radius: 2, detail: 80 }))).toBe(true);
  });

  it('does nothing on flat areas', () => {
    const flat = new Float32Array(W * H * 3);
    for (let i = 0; i < flat.length; i += 3) flat.set([0.7, 0.4, 0.2], i);
    expect(maxAbsDiff(run(flat, { amount: 150, radius: 3, detail: 100 }), flat)).toBeLessThan(1e-6);
  });

  it('increases acutance at an edge, more with a larger amount', () => {
    const src = softEdge();
    const s0 = maxSlope(profile(src));
    const s40 = maxSlope(profile(run(src, { amount: 40 })));
    const s120 = maxSlope(profile(run(src, { amount: 120, detail: 100 })));
    expect(s40).toBeGreaterThan(s0 * 1.05);
    expect(s120).toBeGreaterThan(maxSlope(profile(run(src, { amount: 40, detail: 100 }))));
    expect(edgeWidth(profile(run(src, { amount: 120 })))).toBeLessThan(edgeWidth(profile(src)));
  });

  it('Detail 0 suppresses halos; Detail 100 lets the overshoot through', () => {
    const src = new Float32Array(W * H * 3);
    for (let i = 0; i < W * H; i++) src.fill(i % W < W / 2 ? 0.3 : 0.7, 3 * i, 3 * i + 3);
    const lo = Math.min(...profile(src));
    const hi = Math.max(...profile(src));
    const p0 = profile(run(src, { amount: 150, radius: 1.5, detail: 0 }));
    expect(Math.max(...p0)).toBeLessThanOrEqual(hi + 1e-6);
    expect(Math.min(...p0)).toBeGreaterThanOrEqual(lo - 1e-6);
    const p100 = profile(run(src, { amount: 150, radius: 1.5, detail: 100 }));
    expect(Math.max(...p100)).toBeGreaterThan(hi + 0.01);
    expect(Math.min(...p100)).toBeLessThan(lo - 0.01);
  });

  it('Masking 100 leaves a smooth (finely textured) gradient untouched but still sharpens edges', () => {
    const n = gaussianNoise(4);
    const d = new Float32Array(W * H * 3);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const v = 0.2 + (0.5 * x) / W + 0.004 * n();
        d.set([v, v, v], 3 * (y * W + x));
      }
    expect(maxAbsDiff(run(d, { amount: 150, masking: 100 }), d)).toBe(0);
    expect(maxAbsDiff(run(d, { amount: 150, masking: 0 }), d)).toBeGreaterThan(0.002);
    const edge = softEdge();
    expect(maxSlope(profile(run(edge, { amount: 100, masking: 100 })))).toBeGreaterThan(maxSlope(profile(edge)) * 1.1);
  });

  it('applies local sharpness: positive sharpens with Amount 0, negative blurs', () => {
    const src = softEdge();
    const plus = new Float32Array(W * H).fill(100);
    const minus = new Float32Array(W * H).fill(-100);
    const s0 = maxSlope(profile(src));
    expect(maxSlope(profile(run(src, {}, { sharpness: plus })))).toBeGreaterThan(s0 * 1.1);
    expect(maxSlope(profile(run(src, { amount: 40, radius: 2 }, { sharpness: minus })))).toBeLessThan(s0 * 0.95);
    expect(maxAbsDiff(run(src, {}, { sharpness: new Float32Array(W * H) }), src)).toBe(0);
  });

  it('sharpens luma only: a grey edge stays grey', () => {
    const out = run(softEdge(), { amount: 150, detail: 100 });
    for (let i = 0; i < out.length; i += 3) {
      expect(out[i + 1]).toBeCloseTo(out[i], 6);
      expect(out[i + 2]).toBeCloseTo(out[i], 6);
    }
  });

  it('processes strips with halo rows exactly like the whole image', () => {
    const n = gaussianNoise(8);
    const d = new Float32Array(W * H * 3);
    for (let i = 0; i < d.length; i++) d[i] = 0.5 + 0.2 * n();
    const p = params({ amount: 100, radius: 2.5, detail: 60, masking: 30 });
    const halo = sharpeningOp.maths!.halo!(p, ctxFor(W, H));
    const prepared = prepareSharpening(p, ctxFor(W, H));
    const cpu = (s: Parameters<typeof sharpeningCpu>[0]) => sharpeningCpu(s, prepared);
    const whole = runWhole(d, W, H, cpu);
    expect(maxAbsDiff(runStrips(d, W, H, 5, halo, cpu), whole)).toBeLessThan(1e-6);
    expect(maxAbsDiff(runStrips(d, W, H, 5, 0, cpu), whole)).toBeGreaterThan(1e-4);
  });

  it('scales the radius with the output scale', () => {
    expect(prepareSharpening(params({ amount: 50, radius: 3 }), ctxFor(W, H, 0.25)).sigma).toBeCloseTo(0.75);
    expect(sharpeningOp.maths!.halo!(params({ radius: 3 }), ctxFor(W, H, 1))).toBe(10);
  });

  it('never produces NaN at extremes', () => {
    const d = new Float32Array(W * H * 3);
    for (let i = 0; i < d.length; i++) d[i] = i % 5 === 0 ? 0 : i % 3 === 0 ? 1 : 40;
    for (const p of [
      { amount: 150, radius: 3, detail: 100, masking: 100 },
      { amount: 150, radius: 0.5, detail: 0, masking: 0 },
    ]) {
      expect(allFinite(run(d, p))).toBe(true);
      expect(allFinite(run(d, p, { sharpness: new Float32Array(W * H).fill(-100) }, 0.01))).toBe(true);
    }
  });

  it('has uniforms for every name its GLSL declares', () => {
    const glsl = sharpeningOp.maths!.glsl;
    const u = glsl.uniforms(prepareSharpening(params({ amount: 30 }), ctxFor(W, H)));
    const declared = [...glsl.source.matchAll(/uniform float u_sharpening_(\w+);/g)].map((m) => m[1]);
    expect(declared.sort()).toEqual(Object.keys(u).sort());
    expect(glsl.source).toContain('vec3 op_sharpening(vec3 c)');
  });
});
