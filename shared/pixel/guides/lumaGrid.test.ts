import { describe, expect, it } from 'vitest';
import { FINE_DIM, computeLogLumaRows, logLumaGrid, logLumaGridSize, seedLogLumaGrid } from './lumaGrid.ts';
import type { SourceImage } from '../pipeline/types.ts';

function source(w: number, h: number, seed = 3): SourceImage {
  const data = new Uint8Array(w * h * 3);
  let s = seed;
  for (let i = 0; i < data.length; i++) data[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  return { width: w, height: h, bits: 8, data };
}

describe('log-luminance grid in bands', () => {
  it('bands computed separately give the whole grid to the bit', () => {
    const src = source(1700, 1100);
    const whole = logLumaGrid(src, FINE_DIM);
    const { width, height } = logLumaGridSize(src, FINE_DIM);
    expect([whole.width, whole.height]).toEqual([width, height]);
    const out = new Float32Array(width * height).fill(NaN);
    const cuts = [0, 1, 377, 378, 800, height];
    for (let k = 0; k + 1 < cuts.length; k++) computeLogLumaRows(src, FINE_DIM, cuts[k], cuts[k + 1], out);
    expect(Array.from(out)).toEqual(Array.from(whole.data));
  });

  it('a band leaves the other rows alone, and empty bands do nothing', () => {
    const src = source(300, 200);
    const { width, height } = logLumaGridSize(src, 100);
    const out = new Float32Array(width * height).fill(7);
    computeLogLumaRows(src, 100, 10, 20, out);
    computeLogLumaRows(src, 100, 40, 40, out);
    for (let r = 0; r < height; r++) {
      const inBand = r >= 10 && r < 20;
      expect(out[r * width + 3] !== 7).toBe(inBand);
    }
  });

  it('a seeded grid is what logLumaGrid returns; a grid of the wrong size is refused', () => {
    const src = source(2000, 1000);
    const { width, height } = logLumaGridSize(src, FINE_DIM);
    const grid = { width, height, data: new Float32Array(width * height).fill(-3) };
    seedLogLumaGrid(src, FINE_DIM, grid);
    expect(logLumaGrid(src, FINE_DIM)).toBe(grid);
    expect(() => seedLogLumaGrid(src, FINE_DIM, { width: 10, height: 10, data: new Float32Array(100) })).toThrow(/does not fit/);
  });
});
