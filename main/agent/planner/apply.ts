/**
 * Plan steps against settings: apply them (later steps win; local steps grouped by mask id, as
 * the edit stack's resolve does) and scale them (strength variants, "a bit less").
 */
import type { CurvePoints, ParamValue, ParamValues } from '../../../shared/develop/types.ts';
import { clampParam, currentValue, RANGES } from './params.ts';
import type { PlanStep, Settings } from './types.ts';

export const EMPTY_SETTINGS: Settings = { ops: {}, locals: [] };

export function applySteps(current: Settings | undefined, steps: readonly PlanStep[]): Settings {
  const ops: Record<string, ParamValues> = {};
  for (const [op, p] of Object.entries(current?.ops ?? {})) ops[op] = { ...p };
  const locals = (current?.locals ?? []).map((l) => ({ mask: l.mask, params: { ...l.params } }));
  for (const s of steps) {
    if (s.op === 'local') {
      if (!s.mask) continue;
      const existing = locals.find((l) => l.mask.id === s.mask!.id);
      if (existing) {
        existing.mask = s.mask;
        Object.assign(existing.params, s.params);
      } else locals.push({ mask: s.mask, params: { ...s.params } });
    } else ops[s.op] = { ...(ops[s.op] ?? {}), ...s.params };
  }
  return { ops, locals };
}

function blendCurve(from: CurvePoints, to: CurvePoints, factor: number): CurvePoints {
  // Same x positions: blend y. Otherwise blend the target's offset from the identity line.
  if (from.length === to.length && from.every((p, i) => Math.abs(p[0] - to[i][0]) < 1e-6)) {
    return to.map(([x, y], i) => [x, clamp01(from[i][1] + (y - from[i][1]) * factor)] as const);
  }
  return to.map(([x, y]) => [x, clamp01(x + (y - x) * factor)] as const);
}

const clamp01 = (v: number): number => Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;

/**
 * Steps whose changes from `current` are scaled by `factor` (0.6 = 60% of the change).
 * Booleans and non-numeric params stay as planned.
 */
export function scaleSteps(steps: readonly PlanStep[], current: Settings | undefined, factor: number): PlanStep[] {
  return steps.map((s) => {
    const params: ParamValues = {};
    for (const [param, v] of Object.entries(s.params)) {
      let out: ParamValue = v;
      if (typeof v === 'number') {
        const isLocal = s.op === 'local';
        const base = isLocal ? Number(current?.locals.find((l) => l.mask.id === s.mask?.id)?.params[param] ?? 0) : RANGES[s.op]?.[param] ? Number(currentValue(current, s.op, param)) : v;
        // Hues are directions, not amounts: keep them.
        out = /Hue$/.test(param) || param === 'rotate' ? v : RANGES[s.op]?.[param] ? clampParam(s.op, param, base + (v - base) * factor) : v;
      } else if (Array.isArray(v)) {
        const cur = currentValue(current, s.op, param);
        out = blendCurve((Array.isArray(cur) ? cur : [[0, 0], [1, 1]]) as CurvePoints, v as CurvePoints, factor);
      }
      params[param] = out;
    }
    return { ...s, params };
  });
}
