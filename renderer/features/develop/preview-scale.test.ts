import { describe, expect, it } from 'vitest';
import { previewScales } from './preview-scale.ts';

describe('previewScales', () => {
  const source = { width: 2048, height: 1365 };
  const original = { width: 6000, height: 4000 };

  it('relates the preview source to the original like export does', () => {
    const r = previewScales(source, original, '100', { width: 800, height: 600 }, 1);
    expect(r.sourceScale).toBeCloseTo(2048 / 6000, 6);
    expect(r.scale).toBe(r.sourceScale);
  });

  it('fits the output to the on-screen box in device pixels', () => {
    const r = previewScales(source, original, 'fit', { width: 1024, height: 2000 }, 1);
    expect(r.scale / r.sourceScale).toBeCloseTo(0.5, 2);
    const hi = previewScales(source, original, 'fit', { width: 1024, height: 2000 }, 2);
    expect(hi.scale).toBeCloseTo(hi.sourceScale, 6); // 2048 device pixels: the whole source
  });

  it('uses long edges (rotated originals) and never enlarges', () => {
    const r = previewScales({ width: 1365, height: 2048 }, original, 'fit', { width: 5000, height: 5000 }, 1);
    expect(r.sourceScale).toBeCloseTo(2048 / 6000, 6);
    expect(r.scale).toBe(r.sourceScale);
    expect(previewScales(source, undefined, 'fit', { width: 0, height: 0 }, 1)).toEqual({ scale: 1, sourceScale: 1 });
    expect(previewScales(source, { width: 1000, height: 600 }, '100', { width: 10, height: 10 }, 1).sourceScale).toBe(1);
  });

  it('fits the cropped (and turned) frame, so a crop fills the view', () => {
    const whole = previewScales(source, original, 'fit', { width: 800, height: 600 }, 1);
    const cropped = previewScales(source, original, 'fit', { width: 800, height: 600 }, 1, { width: 1024, height: 1365 });
    // The frame's height now limits it: 600 / 1365 of the source pixels.
    expect(cropped.scale / cropped.sourceScale).toBeCloseTo(600 / 1365, 1);
    expect(cropped.scale).toBeGreaterThan(whole.scale);
    const turned = previewScales(source, original, 'fit', { width: 800, height: 600 }, 1, { width: 1365, height: 2048 });
    expect(turned.scale / turned.sourceScale).toBeCloseTo(600 / 2048, 1);
  });
});
