import { describe, it, expect } from 'vitest';
import { renderImage } from '../../shared/pixel/pipeline.ts';
import { asSource, previewRenderer, shrinkSource } from './preview-render.ts';
import { scene } from './perception/synthetic.ts';

const img = scene({ width: 160, height: 100, gain: 0.6 });
const settings = (k: number) => ({ ops: { tone: { exposure: 0.3 * k, shadows: 20 * k }, presence: { clarity: 10 * k } }, locals: [] });

describe('preview renderer (guides once per source)', () => {
  it('renders exactly what renderImage renders', () => {
    const r = previewRenderer();
    for (const k of [1, 2]) {
      const a = r(settings(k), img) as { data: Float32Array };
      const b = renderImage(settings(k) as never, img, { scale: 1, rendered: true });
      expect(a.data.length).toBe(b.data.length);
      let d = 0;
      for (let i = 0; i < a.data.length; i++) d = Math.max(d, Math.abs(a.data[i] - b.data[i]));
      expect(d).toBe(0);
    }
  });

  it('computes each guide once per source and reuses it for every candidate', () => {
    const r = previewRenderer();
    r(settings(1), img);
    const first = r.stats.guidesComputed;
    expect(first).toBeGreaterThan(0);
    for (const k of [0.5, 1.5, 2]) r(settings(k), img);
    expect(r.stats.guidesComputed).toBe(first);
    expect(r.stats.renders).toBe(4);
    // Another source computes its own.
    r(settings(1), scene({ width: 160, height: 100, gain: 0.9 }));
    expect(r.stats.guidesComputed).toBe(2 * first);
  });

  it('converts float and clamped images to a 16-bit source and shrinks large ones', () => {
    const f = { width: 2, height: 1, data: new Float32Array([0, 0.5, 1, 1.2, -0.1, 0.25]) };
    expect(Array.from(asSource(f).data)).toEqual([0, 32768, 65535, 65535, 0, 16384]);
    const big = scene({ width: 600, height: 300 });
    const s = shrinkSource(big, 256);
    expect([s.width, s.height, s.bits]).toEqual([256, 128, 16]);
    expect(shrinkSource(img, 256).data).toBe(img.data);
  });
});
