/**
 * The runner wired to the real registry: defaults are the identity, the real ops give the same
 * result however the image is split into strips (what worker threads rely on), and random
 * extreme settings of every op never produce NaN/Inf.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultSettings } from '../develop/defaults.ts';
import { OPS } from '../develop/registry.ts';
import type { AnyOp, NumberParamSpec, ParamSpec } from '../develop/types.ts';
import { GUIDES } from './guides/index.ts';
import { computeGuides, planRender, renderImage, renderImageWith, renderRows, type ResolvedSettings, type SourceImage } from './pipeline.ts';
import { randomSource } from './pipeline/testOps.ts';

/** A smooth-ish test picture (gradients + texture) so edge-aware ops have something to do. */
function picture(w: number, h: number, bits: 8 | 16): SourceImage {
  const noise = randomSource(w, h, 8, 5).data;
  const max = bits === 8 ? 255 : 65535;
  const data = bits === 8 ? new Uint8Array(w * h * 3) : new Uint16Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const base = [x / w, y / h, x > w / 2 ? 0.8 : 0.2];
      for (let c = 0; c < 3; c++) data[i + c] = Math.round(Math.min(1, Math.max(0, base[c] * 0.9 + (noise[i + c] / 255) * 0.1)) * max);
    }
  return { width: w, height: h, bits, data };
}

function typicalEdit(): ResolvedSettings {
  const s = defaultSettings();
  const set = (op: string, p: Record<string, number | boolean>) => Object.assign(s.ops[op], p);
  set('whiteBalance', { temperature: 10 });
  set('tone', { exposure: 0.3, contrast: 20, highlights: -40, shadows: 30, whites: 10, blacks: -10 });
  set('presence', { clarity: 20, texture: 10 });
  set('dehaze', { amount: 15 });
  set('color', { vibrance: 20 });
  set('hsl', { saturationBlue: 10 });
  set('vignette', { amount: -20 });
  set('grain', { amount: 20 });
  set('noiseReduction', { luminance: 20, color: 25 });
  set('sharpening', { amount: 40 });
  s.locals.push({
    mask: { id: 'sky', components: [{ mode: 'add', shape: { type: 'linear', x0: 0.5, y0: 0, x1: 0.5, y1: 0.6 } }] },
    params: { exposure: -0.5, highlights: -30, saturation: 20, clarity: 10, temperature: -10, sharpness: 20, dehaze: 10 },
  });
  return s;
}

describe('pipeline with the registry', () => {
  it('defaultSettings() has every op, and plans no active op', () => {
    const s = defaultSettings();
    expect(Object.keys(s.ops)).toEqual(OPS.map((o) => o.id));
    const plan = planRender(s, 40, 30);
    expect(plan.ops).toEqual([]);
    expect(plan.guides).toEqual([]);
  });

  for (const bits of [8, 16] as const)
    it(`default settings reproduce a ${bits}-bit source within 0.5/255`, () => {
      const src = picture(33, 21, bits);
      const r = renderImage(defaultSettings(), src);
      const max = bits === 8 ? 255 : 65535;
      let worst = 0;
      for (let i = 0; i < r.data.length; i++) worst = Math.max(worst, Math.abs(r.data[i] - src.data[i] / max));
      expect(worst).toBeLessThanOrEqual(0.5 / 255);
    });

  it('a typical edit with real ops renders identically whole and in strips of 1, 7 and 64 rows', () => {
    const src = picture(48, 150, 8);
    const s = typicalEdit();
    const plan = planRender(s, src.width, src.height);
    expect(plan.ops.length).toBeGreaterThanOrEqual(8);
    const guides = computeGuides(plan, src);
    const whole = new Float32Array(plan.width * plan.height * 3);
    renderRows(plan, src, guides, 0, plan.height, whole);
    for (const k of [1, 7, 64]) {
      const parts = new Float32Array(whole.length);
      for (let y = 0; y < plan.height; y += k) {
        const rows = Math.min(k, plan.height - y);
        renderRows(plan, src, guides, y, rows, parts.subarray(y * plan.width * 3, (y + rows) * plan.width * 3));
      }
      let diff = 0;
      for (let i = 0; i < whole.length; i++) diff = Math.max(diff, Math.abs(parts[i] - whole[i]));
      expect(diff, `strips of ${k} rows`).toBe(0);
    }
  });

  it('random extreme settings of every op never produce NaN or Inf, in any op (fast-check)', () => {
    const src = picture(24, 16, 16);
    // Each op's output strip is checked, so an op that emits NaN is caught even though the
    // runner's final clamp would hide it.
    const checked: AnyOp[] = OPS.map((op) =>
      !op.maths
        ? op
        : {
            ...op,
            maths: {
              ...op.maths,
              cpu(strip, prepared) {
                op.maths!.cpu(strip, prepared);
                for (const v of strip.data) if (!Number.isFinite(v)) throw new Error(`${op.id} produced ${v}`);
              },
            },
          },
    );
    const numeric = OPS.flatMap((op) =>
      Object.entries(op.params as Record<string, ParamSpec>)
        .filter(([, p]) => p.kind === 'number')
        .map(([k, p]) => ({ op: op.id, param: k, spec: p as NumberParamSpec })),
    );
    const value = (spec: NumberParamSpec) => fc.oneof(fc.constantFrom(spec.min, spec.max, spec.default), fc.double({ min: spec.min, max: spec.max, noNaN: true }));
    fc.assert(
      fc.property(
        fc.tuple(...numeric.map((n) => fc.option(value(n.spec), { freq: 2 }))),
        fc.boolean(),
        (values, withLocal) => {
          const s = defaultSettings();
          values.forEach((v, i) => {
            if (v !== null) s.ops[numeric[i].op][numeric[i].param] = v;
          });
          if (withLocal)
            s.locals.push({
              mask: { id: 'r', components: [{ mode: 'add', shape: { type: 'radial', cx: 0.4, cy: 0.5, rx: 0.3, ry: 0.4, angle: 10, feather: 50, inside: true } }] },
              params: { exposure: 4, contrast: 100, highlights: -100, shadows: 100, temperature: 100, tint: -100, saturation: 100, clarity: 100, dehaze: 100, sharpness: 100 },
            });
          const r = renderImageWith(checked, GUIDES, s, src);
          for (const v of r.data) if (!(v >= 0 && v <= 1)) throw new Error(`output ${v}`);
        },
      ),
      { numRuns: 40 },
    );
  });
});
