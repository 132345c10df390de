import { describe, it, expect } from 'vitest';
import { colorOp } from './color.ts';
import { allInRange, colorCube, dE, defaultParams, maxDiff, runOnColors, type RGB } from '../../pixel/opTesting.ts';
import { srgbToOklab } from '../../pixel/oklab.ts';
import { okHueOfSrgb } from '../../pixel/hue.ts';

const chroma = (c: RGB) => {
  const [, a, b] = srgbToOklab(...c);
  return Math.hypot(a, b);
};

describe('color (vibrance & saturation)', () => {
  it('is the identity at its defaults and declares local saturation', () => {
    expect(colorOp.maths!.localParams).toEqual(['saturation']);
    const cube = colorCube(9);
    expect(maxDiff(runOnColors(colorOp, {}, cube), cube)).toBeLessThan(1e-5);
    expect(colorOp.xmp.map((m) => m.key)).toEqual(['crs:Vibrance', 'crs:Saturation']);
  });

  it('saturation −100 gives neutral greys at the same lightness', () => {
    const cube = colorCube(7);
    const out = runOnColors(colorOp, { saturation: -100 }, cube);
    out.forEach((c, i) => {
      expect(Math.max(...c) - Math.min(...c)).toBeLessThan(2e-3);
      expect(Math.abs(srgbToOklab(...c)[0] - srgbToOklab(...cube[i])[0])).toBeLessThan(2e-3);
    });
  });

  it('saturation scales chroma uniformly and keeps hue', () => {
    const cols: RGB[] = [[0.6, 0.4, 0.3], [0.3, 0.5, 0.6], [0.5, 0.45, 0.3]];
    const out = runOnColors(colorOp, { saturation: 40 }, cols);
    cols.forEach((c, i) => {
      expect(chroma(out[i]) / chroma(c)).toBeGreaterThan(1.3);
      expect(chroma(out[i]) / chroma(c)).toBeLessThan(1.41);
      expect(Math.abs(okHueOfSrgb(...out[i]) - okHueOfSrgb(...c))).toBeLessThan(1);
    });
  });

  it('vibrance raises a dull blue more than a saturated one, and skin less than blue', () => {
    const dull: RGB = [0.45, 0.5, 0.6];
    const vivid: RGB = [0.1, 0.2, 0.9];
    const [d2, v2] = runOnColors(colorOp, { vibrance: 100 }, [dull, vivid]);
    expect(chroma(d2) - chroma(dull)).toBeGreaterThan(2 * (chroma(v2) - chroma(vivid)));
    expect(chroma(d2) / chroma(dull)).toBeGreaterThan(1.3);
    // A skin tone and a blue of (about) the same OkLab chroma and lightness.
    const skin: RGB = [0.85, 0.65, 0.52];
    const blue: RGB = [0.6, 0.68, 0.85];
    expect(Math.abs(chroma(skin) - chroma(blue))).toBeLessThan(0.02);
    const [s2, b2] = runOnColors(colorOp, { vibrance: 100 }, [skin, blue]);
    expect(dE(skin, s2)).toBeLessThan(0.6 * dE(blue, b2));
  });

  it('local saturation adds per pixel', () => {
    const c: RGB = [0.6, 0.4, 0.3];
    const out = runOnColors(colorOp, {}, [c, c], { saturation: new Float32Array([-100, 50]) });
    expect(chroma(out[0])).toBeLessThan(2e-3);
    expect(chroma(out[1])).toBeGreaterThan(chroma(c) * 1.3);
  });

  it('boosts never clip or give NaN, and stay ordered (no channel crossing)', () => {
    const cube = colorCube(9);
    for (const over of [{ saturation: 100, vibrance: 100 }, { saturation: -100, vibrance: -100 }, { saturation: 100, vibrance: -100 }]) {
      const out = runOnColors(colorOp, over, cube);
      expect(allInRange(out)).toBe(true);
    }
    const [c] = runOnColors(colorOp, { saturation: 100, vibrance: 100 }, [[0.9, 0.2, 0.1]]);
    expect(c[0]).toBeGreaterThan(c[1]);
    expect(c[1]).toBeGreaterThanOrEqual(c[2] - 1e-6);
    expect(defaultParams(colorOp)).toEqual({ vibrance: 0, saturation: 0 });
  });
});
