import { describe, expect, it } from 'vitest';
import { kernelArena } from '../../pixel/kernels/index.ts';
import { kernelParity, photoSource, settingsOf } from '../../pixel/kernels/parityTesting.ts';
import { randomSource } from '../../pixel/pipeline/testOps.ts';
import type { LocalAdjustment, ResolvedSettings } from '../../pixel/pipeline/types.ts';
import { makeStrip } from '../../pixel/testing.ts';
import { prepareSharpening, sharpeningCpu, type SharpeningParams } from './sharpening.ts';
import { ctxFor } from './neighbourhoodTesting.ts';

const sharpen = (p: SharpeningParams, locals: LocalAdjustment[] = []): ResolvedSettings => ({ ...settingsOf({ sharpening: { ...p } }), locals });

/** Local sharpness +100 on the left third, −100 on the right third (a gain below 0 there: the blur branch). */
const LOCALS: LocalAdjustment[] = [
  { mask: { id: 'left', components: [{ shape: { type: 'linear', x0: 0.3, y0: 0.5, x1: 0.35, y1: 0.5 }, mode: 'add' }] }, params: { sharpness: 100 } },
  { mask: { id: 'right', components: [{ shape: { type: 'linear', x0: 0.62, y0: 0.5, x1: 0.7, y1: 0.5 }, mode: 'add' }] }, params: { sharpness: -100 } },
] as LocalAdjustment[];

const finite = (a: Float32Array) => a.every((v) => Number.isFinite(v));

function expectParity(settings: ResolvedSettings, src: ReturnType<typeof photoSource>, stripRows?: number) {
  const p = kernelParity(settings, src, stripRows ? { stripRows } : {});
  expect(p.calls.tw_sharpening).toBeGreaterThan(0);
  expect(finite(p.wasm)).toBe(true);
  // float32 blur against float64, through the 1/65535 output table: well under 0.1 of an 8-bit code.
  expect(p.maxDiff).toBeLessThan(3e-4);
  expect(p.meanDiff).toBeLessThan(1e-5);
  return p;
}

describe('sharpening kernel (wasm) against the TypeScript kernel', () => {
  const sources = () => [photoSource(97, 61), randomSource(64, 33, 8, 5), randomSource(45, 29, 16, 9)];
  for (const amount of [40, 150])
    for (const radius of [0.5, 1, 3])
      it(`amount ${amount}, radius ${radius}: detail and masking 0 / 50 / 100, whole and in strips`, () => {
        for (const [detail, masking] of [[0, 0], [25, 50], [100, 100], [0, 100], [100, 0]])
          for (const src of sources()) {
            const s = sharpen({ amount, radius, detail, masking });
            expectParity(s, src);
            // Small strips: the runner's halo rows, the first and last strips on the image edges.
            expectParity(s, src, 5);
          }
      });

  it('local sharpness, positive and negative (the blur branch), with and without a global amount', () => {
    for (const amount of [0, 40, 150])
      for (const masking of [0, 60])
        for (const src of [photoSource(97, 61), randomSource(64, 33, 8, 5)]) {
          const s = sharpen({ amount, radius: 1.4, detail: 25, masking }, LOCALS);
          expectParity(s, src);
          expectParity(s, src, 7);
        }
  });

  it('an image narrower than the blur radius, and a single row', () => {
    for (const src of [photoSource(5, 40), randomSource(3, 20, 16, 2), randomSource(1, 9, 8, 4), randomSource(37, 1, 8, 6)])
      for (const [amount, radius, detail, masking] of [[150, 3, 100, 0], [40, 3, 0, 100], [150, 0.5, 25, 50]]) {
        expectParity(sharpen({ amount, radius, detail, masking }), src);
        expectParity(sharpen({ amount, radius, detail, masking }, LOCALS), src, 4);
      }
  });

  it('matches sharpeningCpu on the luma plane directly (tight float32 bounds)', () => {
    const arena = kernelArena()!;
    for (const [w, h] of [[61, 23], [6, 11], [130, 4]])
      for (const [amount, radius, detail, masking, withLocal] of [[150, 3, 100, 0, 0], [40, 1, 25, 50, 1], [150, 0.5, 0, 100, 1], [0, 2, 50, 30, 1]]) {
        let s = 7 + w;
        const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296);
        const src = new Float32Array(w * h * 3).map(() => rnd() * 1.1 - 0.05);
        const loc = withLocal ? new Float32Array(w * h).map((_, i) => (i % 7 < 3 ? 0 : rnd() * 200 - 100)) : null;
        const prepared = prepareSharpening({ amount, radius, detail, masking }, ctxFor(w, h, 1));
        const ts = src.slice();
        sharpeningCpu(makeStrip({ width: w, rows: h, data: ts, locals: loc ? { sharpness: loc } : undefined }), prepared);
        const mark = arena.mark();
        try {
          const data = arena.copyF32(src);
          const l = loc ? arena.copyF32(loc) : null;
          let calls = 0;
          const f = arena.fn.tw_sharpening;
          arena.fn.tw_sharpening = (...a: number[]) => (calls++, f(...a));
          try {
            sharpeningCpu(makeStrip({ width: w, rows: h, data, locals: l ? { sharpness: l } : undefined }), prepared);
          } finally {
            arena.fn.tw_sharpening = f;
          }
          expect(calls).toBe(1);
          let max = 0;
          for (let i = 0; i < ts.length; i++) max = Math.max(max, Math.abs(data[i] - ts[i]));
          expect(finite(data)).toBe(true);
          expect(max).toBeLessThan(2e-6);
        } finally {
          arena.release(mark);
        }
      }
  });
});
