import { describe, expect, it } from 'vitest';
import { targetSize } from './size.ts';

describe('targetSize', () => {
  it('fits the long edge, short edge, a box either way round, megapixels and a percentage', () => {
    expect(targetSize(6000, 4000, { mode: 'longEdge', pixels: 2048 })).toMatchObject({ width: 2048, height: 1365 });
    expect(targetSize(4000, 6000, { mode: 'longEdge', pixels: 2048 })).toMatchObject({ width: 1365, height: 2048 });
    expect(targetSize(6000, 4000, { mode: 'shortEdge', pixels: 1080 })).toMatchObject({ width: 1620, height: 1080 });
    expect(targetSize(6000, 4000, { mode: 'dimensions', width: 1920, height: 1080 })).toMatchObject({ width: 1620, height: 1080 });
    expect(targetSize(4000, 6000, { mode: 'dimensions', width: 1920, height: 1080 })).toMatchObject({ width: 1080, height: 1620 });
    const mp = targetSize(6000, 4000, { mode: 'megapixels', megapixels: 6 });
    expect(mp.width * mp.height).toBeGreaterThan(5.99e6);
    expect(mp.width * mp.height).toBeLessThan(6.01e6);
    expect(targetSize(6000, 4000, { mode: 'percent', percent: 25 })).toMatchObject({ width: 1500, height: 1000, scale: 0.25 });
  });

  it('never upscales unless asked', () => {
    expect(targetSize(800, 600, { mode: 'longEdge', pixels: 2000 })).toEqual({ width: 800, height: 600, scale: 1 });
    expect(targetSize(800, 600, { mode: 'percent', percent: 150 })).toEqual({ width: 800, height: 600, scale: 1 });
    expect(targetSize(800, 600, { mode: 'longEdge', pixels: 1600 }, true)).toEqual({ width: 1600, height: 1200, scale: 2 });
    expect(targetSize(800, 600, undefined)).toEqual({ width: 800, height: 600, scale: 1 });
  });

  it('keeps at least one pixel and rejects nonsense', () => {
    expect(targetSize(10000, 10, { mode: 'longEdge', pixels: 100 })).toMatchObject({ width: 100, height: 1 });
    expect(() => targetSize(100, 100, { mode: 'longEdge', pixels: 0 })).toThrow(/positive/);
    expect(() => targetSize(100, 100, { mode: 'megapixels', megapixels: NaN })).toThrow(/positive/);
  });
});
