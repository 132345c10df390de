import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { BAND_CENTRES, BANDS, bandWeights, diamond, diamondToDegrees, hsvToSrgb, okHue, srgbHue } from './hue.ts';

describe('hue bands', () => {
  it('puts band centres in hue order, red near 29° in OkLCh', () => {
    expect(BAND_CENTRES[0]).toBeGreaterThan(20);
    expect(BAND_CENTRES[0]).toBeLessThan(35);
    for (let k = 1; k < BANDS.length; k++) expect(BAND_CENTRES[k]).toBeGreaterThan(BAND_CENTRES[k - 1]);
  });

  it('weights are a smooth partition of unity, 1 at each centre', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 360, noNaN: true }), (h) => {
        const w = bandWeights(h);
        const sum = w.reduce((a, b) => a + b, 0);
        const w2 = bandWeights(h + 0.01);
        return Math.abs(sum - 1) < 1e-12 && w.every((v) => v >= 0) && w.every((v, k) => Math.abs(v - w2[k]) < 0.01);
      }),
    );
    BAND_CENTRES.forEach((c, k) => expect(bandWeights(c)[k]).toBeCloseTo(1, 9));
  });

  it('diamond angle is monotone in the polar angle and inverts exactly', () => {
    let prev = -1;
    for (let deg = 0; deg < 360; deg += 0.5) {
      const a = Math.cos((deg * Math.PI) / 180);
      const b = Math.sin((deg * Math.PI) / 180);
      const d = diamond(a, b);
      expect(d).toBeGreaterThan(prev);
      prev = d;
      expect(diamondToDegrees(d)).toBeCloseTo(okHue(a, b), 6);
    }
  });

  it('HSV round trip', () => {
    for (const h of [0, 30, 95, 200, 300]) expect(srgbHue(...hsvToSrgb(h, 0.7, 0.8))).toBeCloseTo(h, 6);
  });
});
