/**
 * The fused colour table (./fuse.ts) against exact evaluation of the same ops: ΔE2000 on random
 * colours under random settings, on a real photo with the benchmark's edit, exact paths for
 * out-of-range pixels, and strip independence of a large fused render.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../develop/defaults.ts';
import { OPS } from '../../develop/registry.ts';
import { FUSE_MIN_PIXELS, applyLutStage, colourStrip, planStages } from './fuse.ts';
import { fuseError, randomColourSettings, randomColours, rng } from './fuseTesting.ts';
import { planRenderWith } from './plan.ts';
import { prepareOps, renderRowsWith } from './run.ts';
import { randomSource } from './testOps.ts';
import type { ResolvedSettings } from './types.ts';

function benchEdit(): ResolvedSettings {
  const s = defaultSettings();
  Object.assign(s.ops.color, { vibrance: 25 });
  Object.assign(s.ops.hsl, { saturationBlue: -15 });
  Object.assign(s.ops.parametricCurve, { lights: 10 });
  return s;
}

describe('fused colour table', () => {
  it('plans a table only for large renders, and never for a lone tone curve', () => {
    const s = benchEdit();
    const big = planRenderWith(OPS, s, 2000, 1000);
    const small = planRenderWith(OPS, s, 1000, 1000);
    expect(big.width * big.height).toBeGreaterThanOrEqual(FUSE_MIN_PIXELS);
    const stages = prepareOps(OPS, big).stages;
    expect(stages.filter((st) => st.kind === 'lut')).toHaveLength(1);
    expect(prepareOps(OPS, small).stages.every((st) => st.kind === 'op')).toBe(true);
    const curveOnly = defaultSettings();
    Object.assign(curveOnly.ops.parametricCurve, { lights: 10 });
    expect(prepareOps(OPS, planRenderWith(OPS, curveOnly, 2000, 1000)).stages.every((st) => st.kind === 'op')).toBe(true);
  });

  it('is not used for colour ops fed by a local adjustment (local saturation)', () => {
    const s = benchEdit();
    s.locals.push({ mask: { id: 'm', components: [{ mode: 'add', shape: { type: 'linear', x0: 0, y0: 0, x1: 0, y1: 1 } }] }, params: { saturation: 30 } });
    const plan = planRenderWith(OPS, s, 2000, 1000);
    const { decls, prepared } = prepareOps(OPS, plan);
    const stages = planStages(plan, decls, prepared, 0);
    const colorIndex = plan.ops.findIndex((o) => o.id === 'color');
    expect(stages).toContainEqual({ kind: 'op', index: colorIndex });
  });

  it('matches the exact ops on random colours under random moderate settings (ΔE2000 mean < 0.06, p99 < 0.4)', () => {
    const rand = rng(3);
    const cols = randomColours(rng(9), 4000);
    let tested = 0;
    for (let k = 0; k < 8; k++) {
      const e = fuseError(randomColourSettings(rand, 0.6, 0.3), cols);
      if (!e.fused) continue;
      tested++;
      expect(e.mean).toBeLessThan(0.06);
      expect(e.p99).toBeLessThan(0.4);
    }
    expect(tested).toBeGreaterThan(3);
  });

  it('matches the exact ops on the benchmark edit (ΔE2000 p99 < 0.3, max < 1 over random colours)', () => {
    const e = fuseError(benchEdit(), randomColours(rng(4), 20000));
    expect(e.fused).toBe(true);
    expect(e.p99).toBeLessThan(0.3);
    expect(e.max).toBeLessThan(1);
  });

  it('evaluates pixels outside [0, 1]³ exactly', () => {
    const plan = planRenderWith(OPS, benchEdit(), 2000, 1000);
    const { decls, prepared, stages } = prepareOps(OPS, plan);
    const st = stages.find((x) => x.kind === 'lut')!;
    expect(st.kind).toBe('lut');
    if (st.kind !== 'lut') return;
    const cols = Float32Array.of(1.3, 0.5, 0.2, 0.1, 2, 0.4, 0.9, 0.95, 1.0001, 0.3, 0.2, 0.1);
    const exact = cols.slice();
    const s = colourStrip(exact, 4, plan);
    for (let j = st.from; j <= st.to; j++) decls[j].maths!.cpu(s, prepared[j]);
    const fused = cols.slice();
    applyLutStage(st, colourStrip(fused, 4, plan), plan, decls, prepared);
    expect(Array.from(fused.subarray(0, 9))).toEqual(Array.from(exact.subarray(0, 9)));
    expect(Math.abs(fused[9] - exact[9])).toBeLessThan(2 / 255);
  });

  it('a large fused render is identical whole and in strips', () => {
    const src = randomSource(2000, 1000, 8, 3);
    const plan = planRenderWith(OPS, benchEdit(), src.width, src.height);
    const whole = new Uint8Array(plan.width * plan.height * 3);
    renderRowsWith(OPS, plan, src, {}, 0, plan.height, whole);
    const parts = new Uint8Array(whole.length);
    for (let y = 0; y < plan.height; y += 37) {
      const rows = Math.min(37, plan.height - y);
      renderRowsWith(OPS, plan, src, {}, y, rows, parts.subarray(y * plan.width * 3, (y + rows) * plan.width * 3));
    }
    expect(Buffer.compare(parts, whole)).toBe(0);
  });
});

const PHOTO = path.resolve(__dirname, '../../../../shared/data/photos/plasma-workspace-wallpapers/Volna_5120x2880.jpg');
describe.skipIf(!fs.existsSync(PHOTO))('fused colour table on a real photo', () => {
  it('colours of a real photo: ΔE2000 p99 < 0.3 and max < 0.6 against exact ops', async () => {
    const sharp = (await import('sharp')).default;
    const { data } = await sharp(PHOTO).resize(640, 360).raw().toBuffer({ resolveWithObject: true });
    const cols = Float32Array.from(data, (v) => v / 255);
    const e = fuseError(benchEdit(), cols);
    expect(e.p99).toBeLessThan(0.3);
    expect(e.max).toBeLessThan(0.6);
  });
});
if (!fs.existsSync(PHOTO)) console.warn(`fuse.test: ${PHOTO} absent (../shared/data): real-photo check skipped`);
