import { describe, it, expect } from 'vitest';
import { dehazeOp } from './dehaze.ts';
import { defaults, linearOf, lum, runColors, runImage, samplePerPixel, sourceFrom } from './linearTesting.ts';
import { hazeDensityGuide, hazeModel } from '../../pixel/guides/hazeDensity.ts';
import { airlightGuide } from '../../pixel/guides/airlight.ts';
import { rng } from './neighbourhoodTesting.ts';

const W = 320;
const H = 96;
const AIR: [number, number, number] = [0.75, 0.8, 0.85];
/** A textured scene; the right half is seen through heavy haze (t = 0.35), the left through light haze (t = 0.9). */
function hazy(seed = 11) {
  const u = rng(seed);
  const tex = Array.from({ length: W * H }, () => u());
  const clear = (x: number, y: number): [number, number, number] => {
    const v = 0.02 + 0.25 * tex[y * W + x] * (0.6 + 0.4 * Math.sin(x / 5));
    return [v * 1.1, v, v * 0.7];
  };
  const t = (x: number) => (x < W / 2 ? 0.9 : 0.35);
  const src = sourceFrom(W, H, (x, y) => {
    const j = clear(x, y);
    return [0, 1, 2].map((k) => j[k] * t(x) + AIR[k] * (1 - t(x))) as [number, number, number];
  });
  // A patch of sky (pure airlight) so the prior can find L.
  for (let y = 0; y < 12; y++)
    for (let x = W - 40; x < W; x++)
      for (let k = 0; k < 3; k++) src.data[3 * (y * W + x) + k] = Math.round(255 * (1.055 * Math.pow(AIR[k], 1 / 2.4) - 0.055));
  return src;
}
function regionStd(d: Float32Array, x0: number, x1: number): number {
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (let y = 20; y < H; y++)
    for (let x = x0; x < x1; x++) {
      const v = lum(d, y * W + x);
      s += v;
      s2 += v * v;
      n++;
    }
  return Math.sqrt(s2 / n - (s / n) ** 2);
}

describe('dehaze', () => {
  it('is the identity at defaults', () => {
    expect(dehazeOp.isIdentity!(defaults(dehazeOp) as never)).toBe(true);
    expect(dehazeOp.xmp).toEqual([{ param: 'amount', key: 'crs:Dehaze' }]);
    const cols: Array<[number, number, number]> = [[0.2, 0.3, 0.4], [0, 0, 0]];
    const out = runColors(dehazeOp, {}, cols, { guides: { hazeDensity: new Float32Array(4).fill(0.5), airlight: new Float32Array(6).fill(0.8) } });
    cols.flat().forEach((v, i) => expect(out[i]).toBeCloseTo(v, 7));
  });

  it('estimates the atmospheric light', () => {
    const L = hazeModel(hazy()).airlight;
    for (let k = 0; k < 3; k++) expect(Math.abs(L[k] - AIR[k])).toBeLessThan(0.05);
  });

  it('+100 restores contrast where the haze is heavy; −100 adds haze', () => {
    const src = hazy();
    const lin = linearOf(src);
    const g = {
      hazeDensity: samplePerPixel(hazeDensityGuide.compute(src), W, H),
      airlight: samplePerPixel(airlightGuide.compute(src), W, H),
    };
    const heavy0 = regionStd(lin, W / 2 + 8, W - 48);
    const light0 = regionStd(lin, 8, W / 2 - 8);
    const out = runImage(dehazeOp, { amount: 100 }, W, H, lin, g);
    const heavy1 = regionStd(out, W / 2 + 8, W - 48);
    const light1 = regionStd(out, 8, W / 2 - 8);
    expect(heavy1 / heavy0).toBeGreaterThan(1.8);
    expect(heavy1 / heavy0).toBeGreaterThan(light1 / light0);
    const veiled = runImage(dehazeOp, { amount: -100 }, W, H, lin, g);
    expect(regionStd(veiled, 8, W / 2 - 8)).toBeLessThan(light0 * 0.8);
    for (const v of out) expect(Number.isFinite(v) && v >= 0).toBe(true);
  });

  it('local dehaze adds to the global amount', () => {
    const g = { hazeDensity: Float32Array.of(0, 0.6, 0, 0.6), airlight: Float32Array.of(0.8, 0.8, 0.8, 0.8, 0.8, 0.8) };
    const cols: Array<[number, number, number]> = [[0.4, 0.4, 0.4], [0.4, 0.4, 0.4]];
    const out = runColors(dehazeOp, {}, cols, { guides: g, locals: { dehaze: Float32Array.of(50, 0) } });
    expect(out[0]).toBeLessThan(0.35);
    expect(out[3]).toBeCloseTo(0.4, 6);
  });

  it('guides are deterministic', () => {
    expect(Array.from(hazeDensityGuide.compute(hazy(4)).data)).toEqual(Array.from(hazeDensityGuide.compute(hazy(4)).data));
  });

  it('never gives NaN/Inf or negatives at extremes', () => {
    const inputs: Array<[number, number, number]> = [[0, 0, 0], [1e-6, 1e-6, 1e-6], [1, 1, 1], [50, 50, 50], [1, 0, 0], [0, 0, 50]];
    const n = inputs.length;
    for (const amount of [-100, 100])
      for (const [a, b] of [[0, 1], [5, -3], [-2, 0.5]]) {
        const g = { hazeDensity: new Float32Array(2 * n).map((_, i) => (i % 2 ? b : a)), airlight: new Float32Array(3 * n).fill(0.05) };
        const out = runColors(dehazeOp, { amount }, inputs, { guides: g, locals: { dehaze: new Float32Array(n).fill(amount) } });
        for (const x of out) {
          expect(Number.isFinite(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(0);
        }
      }
  });
});
