import { describe, expect, it } from 'vitest';
import { maskWeightAt } from '../../../../shared/develop/mask.ts';
import { srgbToLinear } from '../../../../shared/pixel/transfer.ts';
import { colorRangeAt, hueSat, sampleColor } from './colorPick.ts';

function image(w: number, h: number, fill: (x: number, y: number) => [number, number, number]) {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(fill(x, y), 3 * (y * w + x));
  return { width: w, height: h, bits: 8 as const, data };
}

describe('colour pick for a colour-range mask', () => {
  it('HSV hue and saturation', () => {
    expect(hueSat(1, 0, 0)).toEqual({ hue: 0, saturation: 1 });
    expect(hueSat(0, 0, 1).hue).toBe(240);
    expect(hueSat(0.5, 0.5, 0.5).saturation).toBe(0);
  });

  it('averages a small square and the range it makes selects the clicked colour, not others', () => {
    const src = image(40, 20, (x) => (x < 20 ? [40, 110, 220] : [200, 60, 40]));
    expect(sampleColor(src, 0.25, 0.5)[2]).toBeCloseTo(220 / 255, 6);
    const shape = colorRangeAt(src, 0.25, 0.5);
    const lin = (c: number[]) => c.map((v) => srgbToLinear(v / 255)) as [number, number, number];
    const mask = { id: 'c', components: [{ shape, mode: 'add' as const }] };
    expect(maskWeightAt(mask, 2, 0.1, 0.5, lin([40, 110, 220]))).toBeCloseTo(1, 3);
    expect(maskWeightAt(mask, 2, 0.9, 0.5, lin([200, 60, 40]))).toBe(0);
  });

  it('refuses a grey spot with a clear message', () => {
    const grey = image(8, 8, () => [128, 128, 128]);
    expect(() => colorRangeAt(grey, 0.5, 0.5)).toThrow(/grey/);
  });
});
