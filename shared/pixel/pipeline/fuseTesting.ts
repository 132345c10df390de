/**
 * Test helpers for ./fuse.ts: random settings of the fusable ops and the ΔE2000 error of a fused
 * table against exact evaluation of the same ops on given colours.
 */
import { defaultSettings } from '../../develop/defaults.ts';
import { OPS } from '../../develop/registry.ts';
import type { CurvePoints, NumberParamSpec, ParamSpec } from '../../develop/types.ts';
import { deltaE2000, srgbToLab } from '../color.ts';
import { applyLutStage, colourStrip, planStages } from './fuse.ts';
import { planRenderWith } from './plan.ts';
import { prepareOps } from './run.ts';
import type { ResolvedSettings } from './types.ts';

import { rng } from '../random.ts';

export { rng };

const COLOUR_OPS = ['parametricCurve', 'pointCurve', 'hsl', 'color', 'colorGrading', 'blackWhite'];

/** Random settings for the colour ops (each op active with probability `p`, values anywhere in range, `strength` scales them). */
export function randomColourSettings(rand: () => number, p = 0.6, strength = 1): ResolvedSettings {
  const s = defaultSettings();
  for (const op of OPS.filter((o) => COLOUR_OPS.includes(o.id))) {
    if (rand() > p) continue;
    for (const [k, spec] of Object.entries(op.params as Record<string, ParamSpec>)) {
      if (spec.kind === 'number') {
        if (rand() < 0.5) continue;
        const ns = spec as NumberParamSpec;
        const mid = Math.min(ns.max, Math.max(ns.min, ns.default));
        s.ops[op.id][k] = mid + (ns.min + rand() * (ns.max - ns.min) - mid) * strength;
      } else if (spec.kind === 'boolean') s.ops[op.id][k] = rand() < 0.3;
      else if (rand() < 0.5) {
        const pts: [number, number][] = [[0, rand() * 0.1 * strength]];
        for (const x of [0.25, 0.5, 0.75]) pts.push([x, Math.min(1, Math.max(0, x + (rand() - 0.5) * 0.3 * strength))]);
        pts.push([1, 1 - rand() * 0.1 * strength]);
        s.ops[op.id][k] = pts as CurvePoints;
      }
    }
  }
  return s;
}

export interface FuseError {
  mean: number;
  p99: number;
  max: number;
  worst: { input: number[]; exact: number[]; fused: number[] } | null;
  fused: boolean;
}

/** ΔE2000 between the fused table and the exact ops on `colours` (sRGB-encoded triples, flat). */
export function fuseError(settings: ResolvedSettings, colours: Float32Array, n?: number): FuseError {
  const plan = planRenderWith(OPS, settings, 4000, 3000, {});
  const { decls, prepared } = prepareOps(OPS, plan);
  const stages = planStages(plan, decls, prepared, 0, n);
  const count = colours.length / 3;
  const exact = colours.slice();
  const fused = colours.slice();
  let any = false;
  for (const st of stages) {
    if (st.kind !== 'lut') continue;
    any = true;
    const a = colourStrip(exact, count, plan);
    for (let j = st.from; j <= st.to; j++) decls[j].maths!.cpu(a, prepared[j]);
    applyLutStage(st, colourStrip(fused, count, plan), plan, decls, prepared);
  }
  const errs = new Float64Array(count);
  let max = 0;
  let worst: FuseError['worst'] = null;
  let sum = 0;
  const c = (v: number) => Math.min(1, Math.max(0, v));
  for (let k = 0; k < count; k++) {
    const i = 3 * k;
    const l1 = srgbToLab(c(exact[i]), c(exact[i + 1]), c(exact[i + 2]));
    const l2 = srgbToLab(c(fused[i]), c(fused[i + 1]), c(fused[i + 2]));
    const e = deltaE2000(l1[0], l1[1], l1[2], l2[0], l2[1], l2[2]);
    errs[k] = e;
    sum += e;
    if (e > max) {
      max = e;
      worst = { input: [colours[i], colours[i + 1], colours[i + 2]], exact: [exact[i], exact[i + 1], exact[i + 2]], fused: [fused[i], fused[i + 1], fused[i + 2]] };
    }
  }
  errs.sort();
  return { mean: sum / count, p99: errs[Math.floor(count * 0.99)], max, worst, fused: any };
}

/** Random colours in [0, 1]³, a third of them near the gamut surface (one channel 0 or 1). */
export function randomColours(rand: () => number, count: number): Float32Array {
  const out = new Float32Array(count * 3);
  for (let k = 0; k < count; k++) {
    for (let c = 0; c < 3; c++) out[3 * k + c] = rand();
    if (k % 3 === 0) out[3 * k + Math.floor(rand() * 3)] = rand() < 0.5 ? 0 : 1;
  }
  return out;
}
