import { describe, it, expect } from 'vitest';
import { hslOp, hueShifts, HSL_PARAM_NAMES } from './hsl.ts';
import { allInRange, colorCube, dE, defaultParams, maxDiff, runOnColors, type RGB } from '../../pixel/opTesting.ts';
import { okHueOfSrgb, hsvToSrgb } from '../../pixel/hue.ts';
import { srgbToOklab } from '../../pixel/oklab.ts';

const reds: RGB[] = [[0.8, 0.1, 0.1], [0.9, 0.3, 0.35], [0.6, 0.05, 0.1]];
const blues: RGB[] = [[0.1, 0.2, 0.8], [0.3, 0.4, 0.9], [0.05, 0.1, 0.5]];
const neutrals: RGB[] = [[0, 0, 0], [0.2, 0.2, 0.2], [0.5, 0.5, 0.5], [0.9, 0.9, 0.9], [1, 1, 1], [0.5, 0.505, 0.5]];
const greens: RGB[] = [[0.2, 0.7, 0.2], [0.1, 0.5, 0.15], [0.4, 0.8, 0.4]];

describe('hsl', () => {
  it('declares 24 params in order and is the identity at defaults', () => {
    expect(Object.keys(hslOp.params)).toEqual(HSL_PARAM_NAMES);
    expect(HSL_PARAM_NAMES.length).toBe(24);
    expect(HSL_PARAM_NAMES[0]).toBe('hueRed');
    expect(HSL_PARAM_NAMES[23]).toBe('luminanceMagenta');
    expect(hslOp.isIdentity!(defaultParams(hslOp) as Record<string, number>)).toBe(true);
    const cube = colorCube(9);
    expect(maxDiff(runOnColors(hslOp, {}, cube), cube)).toBeLessThan(1e-5);
    expect(hslOp.xmp.find((m) => m.param === 'luminanceAqua')?.key).toBe('crs:LuminanceAdjustmentAqua');
  });

  it('a green hue shift moves greens towards aqua and leaves reds, blues and neutrals alone', () => {
    const input = [...reds, ...blues, ...neutrals];
    const out = runOnColors(hslOp, { hueGreen: 100 }, input);
    input.forEach((c, i) => expect(dE(c, out[i])).toBeLessThan(0.5));
    const g = runOnColors(hslOp, { hueGreen: 100 }, greens);
    greens.forEach((c, i) => {
      expect(dE(c, g[i])).toBeGreaterThan(3);
      expect(okHueOfSrgb(...g[i])).toBeGreaterThan(okHueOfSrgb(...c));
    });
  });

  it('saturation −100 greys a band; luminance keeps hue and leaves neutrals', () => {
    const [b] = runOnColors(hslOp, { saturationBlue: -100 }, [[0.1, 0.2, 0.8]]);
    const [, a2, b2] = srgbToOklab(...b);
    expect(Math.hypot(a2, b2)).toBeLessThan(0.005);
    const lum = runOnColors(hslOp, { luminanceBlue: -100, luminanceGreen: 100 }, [...blues, ...greens, ...neutrals]);
    blues.forEach((c, i) => {
      expect(srgbToOklab(...lum[i])[0]).toBeLessThan(srgbToOklab(...c)[0] - 0.02);
      expect(Math.abs(okHueOfSrgb(...lum[i]) - okHueOfSrgb(...c))).toBeLessThan(2);
    });
    greens.forEach((c, i) => expect(srgbToOklab(...lum[3 + i])[0]).toBeGreaterThan(srgbToOklab(...c)[0] + 0.02));
    neutrals.forEach((c, i) => expect(dE(c, lum[6 + i])).toBeLessThan(0.5));
  });

  it('luminance changes are smooth over a hue sweep (no banding)', () => {
    const sweep: RGB[] = [];
    for (let h = 0; h < 360; h += 0.5) sweep.push(hsvToSrgb(h, 0.7, 0.8));
    const out = runOnColors(hslOp, { luminanceOrange: 100, luminanceAqua: -100, saturationPurple: 80 }, sweep);
    for (let i = 1; i < out.length; i++) expect(dE(out[i], out[i - 1])).toBeLessThan(2);
  });

  it('opposing hue shifts never fold hues over each other', () => {
    const p = { ...defaultParams(hslOp), hueRed: 100, hueOrange: -100, hueGreen: 100, hueAqua: -100 } as Record<string, number>;
    const s = hueShifts(p);
    const sweep: RGB[] = [];
    for (let h = 0; h < 150; h += 1) sweep.push(hsvToSrgb(h, 0.9, 0.9));
    const out = runOnColors(hslOp, p, sweep);
    let prev = -1;
    for (const c of out) {
      const h = okHueOfSrgb(...c);
      expect(h).toBeGreaterThanOrEqual(prev - 0.5);
      prev = h;
    }
    expect(s[0]).toBeGreaterThan(0);
  });

  it('never gives NaN or out-of-range values at extremes', () => {
    const cube = colorCube(9);
    for (const v of [-100, 100]) {
      const over = Object.fromEntries(HSL_PARAM_NAMES.map((n, i) => [n, i % 2 ? v : -v]));
      expect(allInRange(runOnColors(hslOp, over, cube))).toBe(true);
    }
  });
});
