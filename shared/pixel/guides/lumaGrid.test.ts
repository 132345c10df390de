import { describe, expect, it } from 'vitest';
import { FINE_DIM, computeLogLumaRows, logLumaGrid, logLumaGridSize, seedLogLumaGrid } from './lumaGrid.ts';
import type { SourceImage } from '../pipeline/types.ts';
import { kernelArena, kernelsFailure, setKernelsEnabled } from '../kernels/index.ts';

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

describe('log-luminance grid on the WebAssembly kernel', () => {
  for (const bits of [8, 16] as const)
    it(`matches the TypeScript accumulation (${bits}-bit source)`, () => {
      const w = 1001;
      const h = 703;
      const data = bits === 8 ? new Uint8Array(w * h * 3) : new Uint16Array(w * h * 3);
      let s = 11;
      const max = bits === 8 ? 255 : 65535;
      for (let i = 0; i < data.length; i++) data[i] = ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % (max + 1);
      data.fill(0, 0, w * 3 * 5); // black rows: log2(EPS)
      const src: SourceImage = { width: w, height: h, bits, data };
      const { width, height } = logLumaGridSize(src, 400);
      const wa = new Float32Array(width * height);
      const k = kernelArena()!;
      const name = bits === 8 ? 'tw_log_luma_u8' : 'tw_log_luma_u16';
      const f = k.fn[name];
      let calls = 0;
      k.fn[name] = (...a: number[]) => (calls++, f(...a));
      try {
        computeLogLumaRows(src, 400, 0, height, wa);
      } finally {
        k.fn[name] = f;
      }
      expect(calls).toBe(height);
      const ts = new Float32Array(width * height);
      setKernelsEnabled(false);
      try {
        computeLogLumaRows(src, 400, 0, height, ts);
      } finally {
        setKernelsEnabled(true);
      }
      expect(kernelsFailure()).toBeNull();
      let worst = 0;
      for (let i = 0; i < ts.length; i++) worst = Math.max(worst, Math.abs(wa[i] - ts[i]));
      expect(worst).toBeLessThan(2e-5);
      expect(wa[0]).toBeCloseTo(Math.log2(1 / 1024), 5);
    });
});
