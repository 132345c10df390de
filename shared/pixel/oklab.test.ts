import { describe, it, expect } from 'vitest';
import { decodeSrgb, encodeSrgb, gamutFraction, linearToOklab, oklabToLinear, oklabToLinearSoft, srgbToOklab } from './oklab.ts';
import { linearToSrgb, srgbToLinear } from './transfer.ts';

describe('oklab helpers', () => {
  it('decode and encode tables match the exact curves', () => {
    for (let i = 0; i <= 20000; i++) {
      const v = (i / 20000) * 3;
      expect(Math.abs(decodeSrgb(v) - srgbToLinear(v))).toBeLessThan(1e-6 * Math.max(1, srgbToLinear(v)));
      expect(Math.abs(encodeSrgb(v) - linearToSrgb(v))).toBeLessThan(1e-6);
    }
  });

  it('OkLab: white is L=1, neutrals have a=b=0, round trip is exact', () => {
    const [L, a, b] = srgbToOklab(1, 1, 1);
    expect(L).toBeCloseTo(1, 4);
    expect(Math.abs(a) + Math.abs(b)).toBeLessThan(1e-4);
    const lab = new Float64Array(3);
    const rgb = new Float64Array(3);
    for (const c of [[0.2, 0.5, 0.9], [1, 0, 0], [0.01, 0.02, 0.005]]) {
      linearToOklab(c[0], c[1], c[2], lab);
      oklabToLinear(lab[0], lab[1], lab[2], rgb);
      c.forEach((v, i) => expect(rgb[i]).toBeCloseTo(v, 6));
    }
  });

  it('soft gamut keeps unboosted colours and pulls boosted ones inside at the same OkLab hue', () => {
    const rgb = new Float64Array(3);
    const lab = new Float64Array(3);
    linearToOklab(0.35, 0.3, 0.25, lab);
    const uIn = gamutFraction(0.35, 0.3, 0.25, lab[0] ** 3, 1);
    oklabToLinearSoft(lab[0], lab[1], lab[2], uIn, 1, rgb);
    [0.35, 0.3, 0.25].forEach((v, i) => expect(rgb[i]).toBeCloseTo(v, 6));
    // A saturated blue made much darker at constant chroma is far out of gamut.
    linearToOklab(0.01, 0.03, 0.6, lab);
    const u0 = gamutFraction(0.01, 0.03, 0.6, lab[0] ** 3, 1);
    const h0 = Math.atan2(lab[2], lab[1]);
    oklabToLinearSoft(lab[0] * 0.6, lab[1], lab[2], u0, 1, rgb);
    for (const v of rgb) {
      expect(v).toBeGreaterThanOrEqual(-1e-9);
      expect(v).toBeLessThanOrEqual(1 + 1e-9);
    }
    const back = new Float64Array(3);
    linearToOklab(Math.max(0, rgb[0]), Math.max(0, rgb[1]), Math.max(0, rgb[2]), back);
    expect(Math.abs(Math.atan2(back[2], back[1]) - h0)).toBeLessThan(0.02);
  });
});
