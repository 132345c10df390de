import { describe, it, expect } from 'vitest';
import { presenceOp } from './presence.ts';
import { constGuide, defaults, linearOf, lum, runColors, runImage, samplePerPixel, sourceFrom } from './linearTesting.ts';
import { textureBaseGuide } from '../../pixel/guides/textureBase.ts';
import { clarityBaseGuide } from '../../pixel/guides/clarityBase.ts';
import { rng } from './neighbourhoodTesting.ts';

const W = 384;
const H = 64;
/** Mid-grey field with fine texture (±15 %) and mid-size blobs (±40 %), deterministic. */
function textured(seed = 7) {
  const u = rng(seed);
  const fine = Array.from({ length: W * H }, () => 1 + 0.3 * (u() - 0.5));
  return sourceFrom(W, H, (x, y) => {
    const blob = 1 + 0.4 * Math.sin(x / 2.2) * Math.sin(y / 1.9);
    const v = 0.18 * blob * fine[y * W + x];
    return [v, v * 0.9, v * 0.8];
  });
}
function guidesOf(src: ReturnType<typeof textured>) {
  return {
    textureBase: samplePerPixel(textureBaseGuide.compute(src), src.width, src.height),
    clarityBase: samplePerPixel(clarityBaseGuide.compute(src), src.width, src.height),
  };
}
function logStd(d: Float32Array): { mean: number; std: number } {
  const n = d.length / 3;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const l = Math.log2(lum(d, i));
    s += l;
    s2 += l * l;
  }
  const mean = s / n;
  return { mean, std: Math.sqrt(s2 / n - mean * mean) };
}

describe('presence', () => {
  it('is the identity at defaults', () => {
    expect(presenceOp.isIdentity!(defaults(presenceOp) as never)).toBe(true);
    expect(presenceOp.xmp.map((x) => x.key)).toEqual(['crs:Texture', 'crs:Clarity2012']);
    const cols: Array<[number, number, number]> = [[0.18, 0.1, 0.05], [0, 0, 0], [2, 1, 1]];
    const g = { textureBase: constGuide(3, 0.2, -3), clarityBase: constGuide(3, 0.5, -1) };
    const out = runColors(presenceOp, {}, cols, { guides: g });
    cols.flat().forEach((v, i) => expect(Math.abs(out[i] - v)).toBeLessThan(1e-5));
  });

  it('clarity and texture raise local contrast when positive and lower it when negative, keeping the mean', () => {
    const src = textured();
    const lin = linearOf(src);
    const g = guidesOf(src);
    const base = logStd(lin);
    for (const [param, lo, hi] of [['clarity', 0.75, 1.25], ['texture', 0.9, 1.1]] as const) {
      const up = logStd(runImage(presenceOp, { [param]: 100 }, W, H, lin, g));
      const down = logStd(runImage(presenceOp, { [param]: -100 }, W, H, lin, g));
      expect(up.std).toBeGreaterThan(base.std * hi);
      expect(down.std).toBeLessThan(base.std * lo);
      expect(Math.abs(up.mean - base.mean)).toBeLessThan(0.1);
      expect(Math.abs(down.mean - base.mean)).toBeLessThan(0.1);
    }
  });

  it('clarity +100 does not halo along a step edge', () => {
    const src = sourceFrom(W, H, (x) => (x < W / 2 ? [0.03, 0.03, 0.03] : [0.5, 0.5, 0.5]));
    const lin = linearOf(src);
    const out = runImage(presenceOp, { clarity: 100, texture: 100 }, W, H, lin, guidesOf(src));
    let changed = 0;
    const row = 32 * W;
    for (let x = 0; x < W; x++) if (Math.abs(lum(out, row + x) / lum(lin, row + x) - 1) > 0.03) changed++;
    expect(changed).toBeLessThanOrEqual(4);
  });

  it('local clarity adds to the global amount', () => {
    const src = textured(3);
    const lin = linearOf(src);
    const g = guidesOf(src);
    const locals = { clarity: new Float32Array(W * H).fill(100) };
    const viaLocal = runImage(presenceOp, {}, W, H, lin, g, locals);
    const global = runImage(presenceOp, { clarity: 100 }, W, H, lin, g);
    for (let i = 0; i < viaLocal.length; i += 97) expect(viaLocal[i]).toBeCloseTo(global[i], 6);
  });

  it('guides are deterministic', () => {
    expect(Array.from(textureBaseGuide.compute(textured(5)).data)).toEqual(Array.from(textureBaseGuide.compute(textured(5)).data));
    expect(Array.from(clarityBaseGuide.compute(textured(5)).data)).toEqual(Array.from(clarityBaseGuide.compute(textured(5)).data));
  });

  it('never gives NaN/Inf or negatives at extremes', () => {
    const inputs: Array<[number, number, number]> = [[0, 0, 0], [1e-6, 1e-6, 1e-6], [1, 1, 1], [50, 50, 50], [1, 0, 0], [0, 0, 50]];
    const n = inputs.length;
    for (const t of [-100, 100])
      for (const c of [-100, 100])
        for (const [a, b] of [[0, -20], [0, 10], [1, 0], [0.5, -3]]) {
          const g = { textureBase: constGuide(n, a, b), clarityBase: constGuide(n, a, b) };
          const out = runColors(presenceOp, { texture: t, clarity: c }, inputs, { guides: g, locals: { clarity: new Float32Array(n).fill(-c * 2) } });
          for (const x of out) {
            expect(Number.isFinite(x)).toBe(true);
            expect(x).toBeGreaterThanOrEqual(0);
          }
        }
  });
});

describe('presence: local clarity', () => {
  it('zero local clarity gives exactly the values of no local clarity', () => {
    let seed = 99;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const colors: Array<[number, number, number]> = [];
    for (let i = 0; i < 2000; i++) {
      const y = Math.pow(2, -12 + 14 * rnd());
      colors.push([y * (0.2 + rnd()), y * (0.2 + rnd()), y * (0.2 + rnd())]);
    }
    const guide = () => {
      const g = new Float32Array(2 * colors.length);
      for (let i = 0; i < colors.length; i++) {
        g[2 * i] = rnd();
        g[2 * i + 1] = -6 * rnd();
      }
      return g;
    };
    const guides = { textureBase: guide(), clarityBase: guide() };
    const zero = new Float32Array(colors.length);
    for (const p of [{ texture: 40, clarity: 60 }, { texture: -70, clarity: -100 }, { texture: 0, clarity: 100 }, { texture: 100, clarity: 0 }]) {
      const fast = runColors(presenceOp, p, colors, { guides });
      const exact = runColors(presenceOp, p, colors, { guides, locals: { clarity: zero } });
      expect(Array.from(fast)).toEqual(Array.from(exact));
    }
  });
});
