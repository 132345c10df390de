/**
 * Noise reduction and sharpening through the real pipeline runner, from an edit stack: strips
 * with halo rows must give the same image as one big strip, local sharpness must reach the
 * kernel, and nothing may become NaN.
 */
import { describe, it, expect } from 'vitest';
import { renderImage } from '../../pixel/pipeline.ts';
import type { SourceImage } from '../../pixel/pipeline.ts';
import { addStep, emptyStack, resolve, sequentialEnv } from '../stack.ts';
import { allFinite, maxAbsDiff, rng } from './neighbourhoodTesting.ts';

function source(w: number, h: number): SourceImage {
  const r = rng(5);
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < 3; c++) {
        const base = (x > w / 2) !== (y > h / 2) ? 190 : 60;
        data[3 * (y * w + x) + c] = Math.max(0, Math.min(255, base + c * 10 + Math.round((r() - 0.5) * 40)));
      }
  return { width: w, height: h, bits: 8, data };
}

describe('detail ops in the pipeline', () => {
  const env = sequentialEnv();
  let stack = addStep(emptyStack(), { op: 'noiseReduction', params: { luminance: 60, color: 40 } }, { env });
  stack = addStep(stack, { op: 'sharpening', params: { amount: 80, radius: 1.5, masking: 20 } }, { env });
  const src = source(64, 48);

  it('renders the same in small strips as in one strip', () => {
    const settings = resolve(stack);
    const a = renderImage(settings, src, { stripRows: 5 });
    const b = renderImage(settings, src, { stripRows: 256 });
    expect(allFinite(a.data)).toBe(true);
    expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-5);
    const plain = renderImage(resolve(emptyStack()), src);
    expect(maxAbsDiff(a.data, plain.data)).toBeGreaterThan(0.01);
  });

  it('applies local sharpness inside its mask only', () => {
    const local = addStep(emptyStack(), {
      op: 'local',
      params: { sharpness: 100 },
      mask: { id: 'left', components: [{ shape: { type: 'linear', x0: 0.3, y0: 0.5, x1: 0.35, y1: 0.5 }, mode: 'add' }] },
    });
    const out = renderImage(resolve(local), src, { stripRows: 7 });
    const plain = renderImage(resolve(emptyStack()), src);
    const diffIn = (x0: number, x1: number) => {
      let m = 0;
      for (let y = 0; y < 48; y++) for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) m = Math.max(m, Math.abs(out.data[3 * (y * 64 + x) + c] - plain.data[3 * (y * 64 + x) + c]));
      return m;
    };
    expect(diffIn(0, 16)).toBeGreaterThan(0.01);
    expect(diffIn(28, 64)).toBeLessThan(1e-4); // untouched (the runner's display conversion may differ by float rounding)
  });
});
