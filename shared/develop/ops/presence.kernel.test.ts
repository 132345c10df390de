import { describe, expect, it } from 'vitest';
import { randomSource } from '../../pixel/pipeline/testOps.ts';
import { kernelParity, photoSource } from '../../pixel/kernels/parityTesting.ts';
import type { ResolvedSettings, SourceImage } from '../../pixel/pipeline/types.ts';

/** Presence settings, optionally with a local clarity on a radial mask (a feathered ellipse). */
function settings(texture: number, clarity: number, localClarity = 0): ResolvedSettings {
  const locals = localClarity
    ? [
        {
          mask: { id: 'm', components: [{ shape: { type: 'radial' as const, cx: 0.45, cy: 0.5, rx: 0.35, ry: 0.4, angle: 20, feather: 60, inside: true }, mode: 'add' as const }] },
          params: { clarity: localClarity },
        },
      ]
    : [];
  return { ops: { presence: { texture, clarity } }, locals };
}

const sources = (): [string, SourceImage][] => [
  ['photo 16-bit', photoSource(97, 61)],
  ['random 8-bit', randomSource(64, 33, 8, 5)],
  ['random 16-bit', randomSource(53, 29, 16, 11)],
];

function check(s: ResolvedSettings, src: SourceImage, opts = {}) {
  const p = kernelParity(s, src, opts);
  expect(p.calls.tw_chain).toBeGreaterThan(0);
  // float32 maths (polynomial log2/exp2) against float64 tables, through the 1/65535 output table.
  expect(p.maxDiff).toBeLessThan(3e-4);
  expect(p.meanDiff).toBeLessThan(1e-5);
  for (let i = 0; i < p.wasm.length; i++) if (!Number.isFinite(p.wasm[i])) throw new Error(`non-finite output at ${i}: ${p.wasm[i]}`);
  return p;
}

describe('presence kernel (wasm) against the TypeScript kernel', () => {
  const cases: [number, number, number][] = [
    [40, 0, 0],
    [-35, 0, 0],
    [0, 45, 0],
    [0, -60, 0],
    [25, 30, 0],
    [100, 100, 0],
    [-100, -100, 0],
    [100, -100, 0],
    [0, 0, 70],
    [30, -20, -100],
    [-100, 100, 100],
    [0, -30, 30], // local cancels the global clarity at the mask's core
  ];
  for (const [texture, clarity, local] of cases)
    it(`texture ${texture}, clarity ${clarity}, local clarity ${local}`, () => {
      for (const [, src] of sources()) check(settings(texture, clarity, local), src);
    });

  it('several strips and a source larger than the clarity grid (coarse guide rows)', () => {
    check(settings(60, 50, 40), photoSource(700, 90, 9), { stripRows: 16 });
  });
});
