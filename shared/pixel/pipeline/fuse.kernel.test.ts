import { describe, expect, it } from 'vitest';
import { OPS } from '../../develop/registry.ts';
import { kernelArena, setKernelsEnabled } from '../kernels/index.ts';
import { applyLutStage, buildLut, colourStrip, planStages } from './fuse.ts';
import { randomColourSettings, randomColours } from './fuseTesting.ts';
import { planRenderWith } from './plan.ts';
import { prepareOps } from './run.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('fused colour stage kernel (wasm) against the TypeScript interpolation', () => {
  for (const seed of [1, 2, 3, 4])
    it(`random colour settings #${seed}, with out-of-cube and NaN pixels`, () => {
      const rand = rng(seed);
      const settings = randomColourSettings(rand, 0.7, 1);
      const plan = planRenderWith(OPS, settings, 4000, 3000, {});
      const { decls, prepared } = prepareOps(OPS, plan);
      const stages = planStages(plan, decls, prepared, 0);
      const lutStages = stages.filter((s) => s.kind === 'lut');
      expect(lutStages.length).toBeGreaterThan(0);
      const count = 20000;
      const colours = randomColours(rand, count);
      colours.set([1.2, 0.5, 0.5, -0.1, 0.2, 0.3, NaN, 0.1, 0.1, 1, 1, 1, 0, 0, 0], 0);
      const k = kernelArena()!;
      const mark = k.mark();
      try {
        const ts = colours.slice();
        const wa = k.f32(colours.length);
        wa.set(colours);
        let calls = 0;
        const f = k.fn.tw_chain;
        k.fn.tw_chain = (...a: number[]) => (calls++, f(...a));
        for (const st of lutStages) {
          applyLutStage(st as never, colourStrip(ts, count, plan), plan, decls, prepared);
          applyLutStage(st as never, colourStrip(wa, count, plan), plan, decls, prepared);
        }
        k.fn.tw_chain = f;
        expect(calls).toBe(lutStages.length);
        let max = 0;
        for (let i = 0; i < ts.length; i++) {
          const d = Math.abs(wa[i] - ts[i]);
          if (Number.isNaN(ts[i])) expect(wa[i]).toBeNaN();
          else if (d > max) max = d;
        }
        expect(max).toBeLessThan(2e-5);
      } finally {
        k.release(mark);
      }
    });
});

describe('fused colour table built on the kernels (the ops’ links over the lattice)', () => {
  for (const seed of [5, 6, 7, 8])
    it(`random curve, HSL and vibrance settings #${seed}: the TypeScript table within a fraction of an 8-bit code`, () => {
      const rand = rng(seed);
      const settings = randomColourSettings(rand, 1, 1);
      // The ops with links only (colour grading and black & white run in TypeScript anyway).
      for (const id of ['colorGrading', 'blackWhite']) delete (settings.ops as Record<string, unknown>)[id];
      const plan = planRenderWith(OPS, settings, 4000, 3000, {});
      const { decls, prepared } = prepareOps(OPS, plan);
      const fromTo = planStages(plan, decls, prepared, 0, 9).flatMap((s) => (s.kind === 'lut' ? [[s.from, s.to] as const] : []));
      const k = kernelArena()!;
      let calls = 0;
      const f = k.fn.tw_chain;
      k.fn.tw_chain = (...a: number[]) => (calls++, f(...a));
      let native: ReturnType<typeof buildLut>[];
      try {
        native = fromTo.map(([a, b]) => buildLut(plan, decls, prepared, a, b, 9));
      } finally {
        k.fn.tw_chain = f;
      }
      expect(fromTo.length).toBeGreaterThan(0);
      expect(calls).toBe(fromTo.length);
      setKernelsEnabled(false);
      let ts: ReturnType<typeof buildLut>[];
      try {
        ts = fromTo.map(([a, b]) => buildLut(plan, decls, prepared, a, b, 9));
      } finally {
        setKernelsEnabled(true);
      }
      for (let t = 0; t < ts.length; t++) {
        let max = 0;
        for (let i = 0; i < ts[t].lut.length; i++) max = Math.max(max, Math.abs(native[t].lut[i] - ts[t].lut[i]));
        expect(max).toBeLessThan(2e-3);
        // The cells flagged for exact evaluation: the same but for cells at the tolerance's edge.
        let differ = 0;
        for (let c = 0; c < ts[t].exact.length; c++) differ += native[t].exact[c] !== ts[t].exact[c] ? 1 : 0;
        expect(differ).toBeLessThanOrEqual(Math.ceil(ts[t].exact.length * 0.01));
      }
    });
});

describe('the lattice and its cell flags on the kernels (lattice.c)', () => {
  it('the same table and flags as the TypeScript loops, to the bit (ops without links: the same TypeScript on both)', () => {
    const settings = { ops: { colorGrading: { shadowHue: 220, shadowSat: 60, highlightHue: 40, highlightSat: 50, balance: 30 } }, locals: [] } as never;
    const plan = planRenderWith(OPS, settings, 4000, 3000, {});
    const { decls, prepared } = prepareOps(OPS, plan);
    const i = plan.ops.findIndex((o) => o.id === 'colorGrading');
    const k = kernelArena()!;
    let calls = 0;
    const f = k.fn.tw_lattice_flags;
    k.fn.tw_lattice_flags = (...a: number[]) => (calls++, f(...a));
    let kernels: ReturnType<typeof buildLut>;
    try {
      kernels = buildLut(plan, decls, prepared, i, i, 17);
    } finally {
      k.fn.tw_lattice_flags = f;
    }
    expect(calls).toBe(1);
    setKernelsEnabled(false);
    let ts: ReturnType<typeof buildLut>;
    try {
      ts = buildLut(plan, decls, prepared, i, i, 17);
    } finally {
      setKernelsEnabled(true);
    }
    expect(Array.from(kernels.lut)).toEqual(Array.from(ts.lut));
    expect(Array.from(kernels.exact)).toEqual(Array.from(ts.exact));
    expect(ts.exact.some((v) => v === 1)).toBe(true);
  });
});
