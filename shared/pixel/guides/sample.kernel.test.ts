import { describe, expect, it } from 'vitest';
import { kernelArena } from '../kernels/index.ts';
import type { GuideMap } from '../pipeline/types.ts';
import { sampleGuideGridKernel } from './sample.kernel.ts';
import { sampleGuideGrid } from './util.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** A random gw × gh × ch grid and `rows` × `width` axis-aligned coordinates (x by column, y by row). */
function problem(seed: number, gw: number, gh: number, ch: number, width: number, rows: number) {
  const u = rng(seed);
  const data = new Float32Array(gw * gh * ch).map(() => (u() - 0.5) * 20);
  const g: GuideMap = { width: gw, height: gh, channels: ch, data };
  const xs = Array.from({ length: width }, () => u() * 1.2 - 0.1); // some beyond the edges (clamped)
  const ys: number[] = [];
  let y = u();
  for (let r = 0; r < rows; r++) {
    const k = u();
    if (k < 0.2) y = u() * 1.2 - 0.1; // jumps, out of order
    else if (k < 0.7) y += (u() - 0.3) * (3 / gh); // mostly small steps, both ways
    ys.push(y); // else: the same y as the previous row (the line is reused)
  }
  const coords = new Float32Array(width * rows * 2);
  for (let r = 0; r < rows; r++)
    for (let x = 0; x < width; x++) {
      coords[2 * (r * width + x)] = xs[x];
      coords[2 * (r * width + x) + 1] = ys[r];
    }
  return { g, coords };
}

describe('sampleGuideGrid kernel (wasm) against the TypeScript sampler', () => {
  const cases: [number, number, number, number, number][] = [
    // gw, gh, channels, width, rows
    [37, 23, 2, 301, 72],
    [512, 341, 2, 6000 / 8, 40],
    [16, 9, 1, 101, 17],
    [29, 41, 3, 77, 33],
    [5, 4, 4, 63, 11],
    [1, 1, 2, 9, 3],
    [64, 1, 2, 130, 7],
    [1, 50, 2, 3, 64],
  ];
  for (const [gw, gh, ch, width, rows] of cases)
    it(`${gw}×${gh}×${ch} grid, ${width}×${rows} samples`, () => {
      const k = kernelArena();
      expect(k).not.toBeNull();
      let calls = 0;
      const fn = k!.fn.tw_sample_guide_grid;
      k!.fn.tw_sample_guide_grid = (...a: number[]) => (calls++, fn(...a));
      const mark = k!.mark();
      try {
        for (let seed = 1; seed <= 3; seed++) {
          const { g, coords } = problem(seed * 7919 + gw, gw, gh, ch, width, rows);
          const ts = new Float32Array(width * rows * ch);
          sampleGuideGrid(g, coords, width, rows, ts);
          const out = k!.f32(width * rows * ch + 4).fill(NaN);
          expect(sampleGuideGridKernel(g, coords, width, rows, out)).toBe(true);
          // The same float64 maths: the same float32 values, to the bit.
          let bad = -1;
          for (let i = 0; i < ts.length && bad < 0; i++) if (!Object.is(ts[i], out[i])) bad = i;
          expect(bad, bad >= 0 ? `index ${bad}: ts ${ts[bad]} wasm ${out[bad]}` : '').toBe(-1);
          for (let i = ts.length; i < out.length; i++) expect(out[i]).toBeNaN(); // nothing written past the end
        }
      } finally {
        k!.release(mark);
        k!.fn.tw_sample_guide_grid = fn;
      }
      expect(calls).toBe(3);
    });

  it('declines an output outside the kernels memory (the caller samples in TypeScript)', () => {
    const { g, coords } = problem(5, 8, 8, 2, 10, 4);
    expect(sampleGuideGridKernel(g, coords, 10, 4, new Float32Array(80))).toBe(false);
  });
});
