import { describe, it, expect } from 'vitest';
import { blackWhiteOp } from './blackWhite.ts';
import { allInRange, colorCube, defaultParams, maxDiff, runOnColors, type RGB } from '../../pixel/opTesting.ts';
import { srgbToOklab } from '../../pixel/oklab.ts';

const L = (c: RGB) => srgbToOklab(...c)[0];

describe('blackWhite', () => {
  it('is the identity while disabled', () => {
    expect(blackWhiteOp.isIdentity!(defaultParams(blackWhiteOp) as never)).toBe(true);
    const cube = colorCube(9);
    expect(maxDiff(runOnColors(blackWhiteOp, { blue: 80 }, cube), cube)).toBe(0);
    expect(blackWhiteOp.xmp[0].key).toBe('crs:ConvertToGrayscale');
    expect(blackWhiteOp.xmp.find((m) => m.param === 'green')?.key).toBe('crs:GrayMixerGreen');
  });

  it('gives neutral greys keeping perceived lightness', () => {
    const cube = colorCube(7);
    const out = runOnColors(blackWhiteOp, { enabled: true }, cube);
    out.forEach((c, i) => {
      expect(c[0]).toBe(c[1]);
      expect(c[1]).toBe(c[2]);
      expect(Math.abs(L(c) - L(cube[i]))).toBeLessThan(1e-3);
    });
  });

  it('the mix moves the right hues and leaves others and neutrals', () => {
    const sky: RGB = [0.25, 0.45, 0.85];
    const leaf: RGB = [0.3, 0.6, 0.2];
    const redc: RGB = [0.8, 0.15, 0.12];
    const g: RGB = [0.5, 0.5, 0.5];
    const base = runOnColors(blackWhiteOp, { enabled: true }, [sky, leaf, redc, g]);
    const dark = runOnColors(blackWhiteOp, { enabled: true, blue: -100 }, [sky, leaf, redc, g]);
    expect(dark[0][0]).toBeLessThan(base[0][0] - 0.1);
    expect(Math.abs(dark[1][0] - base[1][0])).toBeLessThan(1e-3);
    expect(Math.abs(dark[2][0] - base[2][0])).toBeLessThan(1e-3);
    expect(dark[3][0]).toBeCloseTo(base[3][0], 6);
    const bright = runOnColors(blackWhiteOp, { enabled: true, green: 100 }, [sky, leaf]);
    expect(bright[1][0]).toBeGreaterThan(base[1][0] + 0.1);
    expect(Math.abs(bright[0][0] - base[0][0])).toBeLessThan(0.02);
  });

  it('extremes stay in range and finite', () => {
    for (const v of [-100, 100]) {
      const over = { enabled: true, red: v, orange: -v, yellow: v, green: -v, aqua: v, blue: -v, purple: v, magenta: -v };
      expect(allInRange(runOnColors(blackWhiteOp, over, colorCube(9)), 1e-6)).toBe(true);
    }
  });
});
