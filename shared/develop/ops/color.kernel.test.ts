import { describe, expect, it } from 'vitest';
import { randomSource } from '../../pixel/pipeline/testOps.ts';
import { kernelParity, photoSource, settingsOf } from '../../pixel/kernels/parityTesting.ts';
import { kernelArena } from '../../pixel/kernels/index.ts';
import { colourStrip } from '../../pixel/pipeline/fuse.ts';
import type { Strip } from '../types.ts';
import { colorLink } from './color.link.ts';
import { prepareColor } from './color.ts';

describe('vibrance and saturation kernel (link_color.h) against the TypeScript kernel', () => {
  for (const [vibrance, saturation] of [[25, 0], [100, 100], [-100, -30], [0, -100], [60, 40]])
    it(`vibrance ${vibrance}, saturation ${saturation}`, () => {
      const sources = [photoSource(97, 61), randomSource(64, 33, 8, 5), randomSource(50, 20, 16, 9)];
      for (const [i, src] of sources.entries()) {
        const color = { vibrance, saturation };
        const p = kernelParity(settingsOf(i === 2 ? { tone: { exposure: 1.5 }, color } : { color }), src);
        expect(p.calls.tw_chain).toBeGreaterThan(0);
        expect(p.maxDiff).toBeLessThan(2e-3);
        expect(p.meanDiff).toBeLessThan(1e-5);
      }
    });

  it('with a local saturation the link steps aside (it has no per-pixel input): the TypeScript runs', () => {
    const k = kernelArena()!;
    const prep = prepareColor({ vibrance: 30, saturation: 10 });
    const mark = k.mark();
    try {
      const data = k.f32(12);
      const strip = (local: Float32Array | null): Strip => ({ ...colourStrip(data, 4, { width: 4, height: 1 }), local: () => local });
      expect(colorLink(strip(null), prep, k)).not.toBeNull();
      expect(colorLink(strip(new Float32Array(4)), prep, k)).toBeNull();
      // Outside the kernels' memory too.
      expect(colorLink({ ...strip(null), data: new Float32Array(12) }, prep, k)).toBeNull();
    } finally {
      k.release(mark);
    }
  });
});
