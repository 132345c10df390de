import { describe, it, expect } from 'vitest';
import { colorGradingOp, prepareColorGrading, regionWeights } from './colorGrading.ts';
import { allInRange, colorCube, dE, defaultParams, maxDiff, runOnColors, type RGB } from '../../pixel/opTesting.ts';
import { srgbToOklab } from '../../pixel/oklab.ts';
import { okHue, okHueOfSrgb, hsvToSrgb } from '../../pixel/hue.ts';

const grey = (v: number): RGB => [v, v, v];

describe('colorGrading', () => {
  it('is the identity at its defaults', () => {
    expect(colorGradingOp.isIdentity!(defaultParams(colorGradingOp) as never)).toBe(true);
    const cube = colorCube(9);
    expect(maxDiff(runOnColors(colorGradingOp, {}, cube), cube)).toBeLessThan(1e-5);
    expect(colorGradingOp.xmp.find((m) => m.param === 'shadowHue')?.key).toBe('crs:SplitToningShadowHue');
  });

  it('region weights are a partition of unity that moves with balance', () => {
    for (let t = 0; t <= 1; t += 0.01) {
      for (const [bl, ba] of [[0, 0], [50, 0], [100, -100], [100, 100]]) {
        const w = regionWeights(t, bl, ba);
        expect(w[0] + w[1] + w[2]).toBeCloseTo(1, 9);
        w.forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
      }
    }
    expect(regionWeights(0.6, 50, 100)[2]).toBeGreaterThan(regionWeights(0.6, 50, -100)[2] + 0.1);
    expect(regionWeights(0.3, 50, -100)[0]).toBeGreaterThan(regionWeights(0.3, 50, 100)[0] + 0.1);
  });

  it('a shadow hue tints darks, not whites, in the chosen direction', () => {
    const input = [grey(0.15), grey(0.25), grey(0.5), grey(0.95), grey(1)];
    const out = runOnColors(colorGradingOp, { shadowHue: 220, shadowSat: 80 }, input);
    const [, a, b] = srgbToOklab(...out[0]);
    expect(Math.hypot(a, b)).toBeGreaterThan(0.02);
    const target = okHueOfSrgb(...hsvToSrgb(220, 1, 1));
    expect(Math.abs(okHue(a, b) - target)).toBeLessThan(5);
    expect(dE(input[1], out[1])).toBeGreaterThan(2);
    expect(dE(input[3], out[3])).toBeLessThan(0.5);
    expect(dE(input[4], out[4])).toBeLessThan(0.5);
  });

  it('a highlight hue tints brights, not darks; luminance sliders move their tones', () => {
    const input = [grey(0.1), grey(0.85)];
    const out = runOnColors(colorGradingOp, { highlightHue: 40, highlightSat: 80 }, input);
    expect(dE(input[0], out[0])).toBeLessThan(0.5);
    expect(dE(input[1], out[1])).toBeGreaterThan(2);
    const lum = runOnColors(colorGradingOp, { shadowLum: 100, highlightLum: -100 }, [grey(0.15), grey(0.85)]);
    expect(lum[0][0]).toBeGreaterThan(0.17);
    expect(lum[1][0]).toBeLessThan(0.83);
  });

  it('keeps tone monotone and values in range at extremes', () => {
    const over = { shadowHue: 200, shadowSat: 100, shadowLum: -100, midtoneHue: 30, midtoneSat: 100, midtoneLum: 100, highlightHue: 60, highlightSat: 100, highlightLum: -100, globalHue: 300, globalSat: 100, globalLum: 100, blending: 0, balance: 100 };
    const { lut } = prepareColorGrading({ ...(defaultParams(colorGradingOp) as Record<string, number>), ...over } as never);
    for (let i = 1; i < lut.length / 3; i++) expect(lut[i * 3 + 2]).toBeGreaterThanOrEqual(lut[(i - 1) * 3 + 2]);
    expect(allInRange(runOnColors(colorGradingOp, over, colorCube(9)))).toBe(true);
  });
});
