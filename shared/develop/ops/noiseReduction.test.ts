import { describe, it, expect } from 'vitest';
import { noiseReductionOp, prepareNoiseReduction, noiseReductionCpu, noiseReductionHalo, type NoiseReductionParams } from './noiseReduction.ts';
import { srgbToLinear } from '../../pixel/transfer.ts';
import {
  allFinite,
  columnProfile,
  ctxFor,
  edgeWidth,
  gaussianNoise,
  lumaPlane,
  maxAbsDiff,
  runStrips,
  runWhole,
  stdDev,
} from './neighbourhoodTesting.ts';

const W = 64;
const H = 64;
const params = (p: Partial<NoiseReductionParams>): NoiseReductionParams => ({ luminance: 0, luminanceDetail: 50, color: 0, colorDetail: 50, ...p });
const run = (data: Float32Array, p: Partial<NoiseReductionParams>, w = W, h = H, scale = 1) => {
  const prepared = prepareNoiseReduction(params(p), ctxFor(w, h, scale));
  return runWhole(data, w, h, (s) => noiseReductionCpu(s, prepared));
};

/** Grey-level image in sRGB-encoded values with Gaussian noise of `sigma` (encoded), decoded to linear. */
function noisy(level: (x: number, y: number) => number, sigma: number, seed: number, chroma = false): Float32Array {
  const n = gaussianNoise(seed);
  const d = new Float32Array(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const v = level(x, y);
      const shared = n() * sigma;
      for (let c = 0; c < 3; c++) {
        const e = chroma ? n() * sigma : shared;
        d[3 * (y * W + x) + c] = srgbToLinear(Math.max(0, v + e));
      }
    }
  return d;
}

/** Chroma spread: std of (R − G) and (B − G) in the encoded domain. */
function chromaStd(d: Float32Array): number {
  const rg: number[] = [];
  const bg: number[] = [];
  for (let i = 0; i < d.length; i += 3) {
    rg.push(Math.sqrt(d[i]) - Math.sqrt(d[i + 1]));
    bg.push(Math.sqrt(d[i + 2]) - Math.sqrt(d[i + 1]));
  }
  return (stdDev(rg) + stdDev(bg)) / 2;
}

describe('noiseReduction', () => {
  it('declares Lightroom-range params with a zero default for rendered files', () => {
    expect(noiseReductionOp.maths?.space).toBe('linear');
    expect(noiseReductionOp.params.color.default).toBe(0);
    expect(noiseReductionOp.xmp.map((m) => m.key)).toEqual([
      'crs:LuminanceSmoothing',
      'crs:LuminanceNoiseReductionDetail',
      'crs:ColorNoiseReduction',
      'crs:ColorNoiseReductionDetail',
    ]);
    expect(noiseReductionOp.isIdentity!(params({ luminanceDetail: 80 }))).toBe(true);
    expect(noiseReductionOp.isIdentity!(params({ color: 1 }))).toBe(false);
  });

  it('leaves a flat image unchanged at any setting', () => {
    const flat = new Float32Array(W * H * 3);
    for (let i = 0; i < flat.length; i += 3) flat.set([0.3, 0.12, 0.05], i);
    const out = run(flat, { luminance: 100, luminanceDetail: 0, color: 100, colorDetail: 0 });
    expect(maxAbsDiff(out, flat)).toBeLessThan(1e-6);
  });

  it('reduces luminance noise by more than half while a step edge stays sharp', () => {
    const step = (x: number) => (x < W / 2 ? 0.25 : 0.75);
    const src = noisy(step, 0.02, 7);
    const out = run(src, { luminance: 50 });
    // noise in the flat left region, away from the edge (encoded domain)
    const region = (d: Float32Array) => {
      const l = lumaPlane(d);
      const v: number[] = [];
      for (let y = 8; y < H - 8; y++) for (let x = 4; x < W / 2 - 6; x++) v.push(Math.sqrt(l[y * W + x]));
      return v;
    };
    const before = stdDev(region(src));
    const after = stdDev(region(out));
    expect(after).toBeLessThan(before * 0.5);

    const clean = noisy(step, 0, 1);
    const widthOf = (d: Float32Array) => edgeWidth(columnProfile(lumaPlane(d).map(Math.sqrt), W, 8, H - 8));
    expect(widthOf(out)).toBeLessThan(widthOf(clean) + 0.5);
  });

  it('stronger luminance smoothing removes more noise; a higher Detail keeps more', () => {
    const src = noisy(() => 0.5, 0.02, 11);
    const s = (d: Float32Array) => stdDev(lumaPlane(d));
    const light = s(run(src, { luminance: 20 }));
    const strong = s(run(src, { luminance: 80 }));
    expect(strong).toBeLessThan(light);
    expect(light).toBeLessThan(s(src));
    expect(s(run(src, { luminance: 50, luminanceDetail: 100 }))).toBeGreaterThan(s(run(src, { luminance: 50, luminanceDetail: 0 })));
  });

  it('colour noise reduction removes chroma speckle and leaves luminance noise alone', () => {
    const src = noisy(() => 0.5, 0.03, 3, true);
    const out = run(src, { color: 50 });
    expect(chromaStd(out)).toBeLessThan(chromaStd(src) * 0.5);
    const lumaOnly = noisy(() => 0.5, 0.03, 5);
    const out2 = run(lumaOnly, { color: 100 });
    expect(maxAbsDiff(lumaPlane(out2), lumaPlane(lumaOnly))).toBeLessThan(1e-5);
  });

  it('does not bleed colour across a luminance edge', () => {
    // left: dark red, right: bright cyan
    const d = new Float32Array(W * H * 3);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) d.set(x < W / 2 ? [0.08, 0.01, 0.01] : [0.3, 0.7, 0.7], 3 * (y * W + x));
    const out = run(d, { color: 100, colorDetail: 0 });
    const i = 3 * (32 * W + W / 2 - 1);
    expect(out[i]).toBeCloseTo(0.08, 2);
    expect(out[i + 1]).toBeCloseTo(0.01, 2);
  });

  it('processes strips with halo rows exactly like the whole image', () => {
    const src = noisy((x, y) => (x + y < 64 ? 0.2 : 0.6), 0.03, 9, true);
    const p = params({ luminance: 70, color: 60 });
    const ctx = ctxFor(W, H);
    const halo = noiseReductionOp.maths!.halo!(p, ctx);
    expect(halo).toBe(noiseReductionHalo(prepareNoiseReduction(p, ctx)));
    expect(halo).toBeGreaterThan(0);
    const prepared = prepareNoiseReduction(p, ctx);
    const cpu = (s: Parameters<typeof noiseReductionCpu>[0]) => noiseReductionCpu(s, prepared);
    const whole = runWhole(src, W, H, cpu);
    expect(maxAbsDiff(runStrips(src, W, H, 7, halo, cpu), whole)).toBeLessThan(1e-6);
    // without enough context rows the result differs: the halo is needed
    expect(maxAbsDiff(runStrips(src, W, H, 7, 0, cpu), whole)).toBeGreaterThan(1e-4);
  });

  it('scales its radii with the output scale', () => {
    const full = prepareNoiseReduction(params({ luminance: 100, color: 100 }), ctxFor(W, H, 1));
    const small = prepareNoiseReduction(params({ luminance: 100, color: 100 }), ctxFor(W, H, 0.25));
    expect(noiseReductionHalo(small)).toBeLessThan(noiseReductionHalo(full));
  });

  it('never produces NaN or negative values at extremes', () => {
    const d = new Float32Array(W * H * 3);
    const n = gaussianNoise(2);
    for (let i = 0; i < d.length; i++) d[i] = i % 7 === 0 ? 0 : i % 11 === 0 ? 1e4 : Math.abs(n());
    for (const p of [
      { luminance: 100, luminanceDetail: 0, color: 100, colorDetail: 0 },
      { luminance: 100, luminanceDetail: 100, color: 100, colorDetail: 100 },
      { luminance: 1, color: 1 },
    ]) {
      const out = run(d, p);
      expect(allFinite(out)).toBe(true);
      expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    }
    expect(allFinite(run(new Float32Array(W * H * 3), { luminance: 100, color: 100 }))).toBe(true);
  });

  it('has uniforms for every name its GLSL declares', () => {
    const glsl = noiseReductionOp.maths!.glsl;
    const u = glsl.uniforms(prepareNoiseReduction(params({ luminance: 30, color: 20 }), ctxFor(W, H)));
    const declared = [...glsl.source.matchAll(/uniform float u_noiseReduction_(\w+);/g)].map((m) => m[1]);
    expect(declared.sort()).toEqual(Object.keys(u).sort());
    expect(glsl.source).toContain('vec3 op_noiseReduction(vec3 c)');
  });
});
