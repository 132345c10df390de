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
 * Booleans and non-numeric params stay as planned. Each step's reason is rewritten so the amounts
 * it quotes are the committed ones (see rescaleReason).
 */
export function scaleSteps(steps: readonly PlanStep[], current: Settings | undefined, factor: number): PlanStep[] {
  return steps.map((s) => {
    const params: ParamValues = {};
    const changes: AmountChange[] = [];
    for (const [param, v] of Object.entries(s.params)) {
      let out: ParamValue = v;
      if (typeof v === 'number') {
        const isLocal = s.op === 'local';
        const known = isLocal || !!RANGES[s.op]?.[param];
        const base = isLocal ? Number(current?.locals.find((l) => l.mask.id === s.mask?.id)?.params[param] ?? 0) : known ? Number(currentValue(current, s.op, param)) : v;
        // Hues are directions, not amounts: keep them.
        out = /Hue$/.test(param) || param === 'rotate' || !known ? v : clampParam(s.op, param, base + (v - base) * factor);
        if (out !== v) changes.push({ from: v - base, to: out - base }, { from: v, to: out });
      } else if (Array.isArray(v)) {
        const cur = currentValue(current, s.op, param);
        out = blendCurve((Array.isArray(cur) ? cur : [[0, 0], [1, 1]]) as CurvePoints, v as CurvePoints, factor);
      }
      params[param] = out;
    }
    const reason = factor === 1 ? s.reason : rescaleReason(s.reason, changes, factor);
    return { ...s, params, reason };
  });
}

export interface AmountChange {
  /** An amount as the reason quotes it (a delta or an absolute value)… */
  from: number;
  /** …and what it became. */
  to: number;
}

/**
 * Rewrites the amounts a reason quotes ("+0.89 EV", "highlights −25", "temperature 12") to the
 * scaled values, keeping each number's sign style and decimals; "from 20% to about 35%" exposure
 * targets are recomputed from the new EV. Numbers that are not one of the changed amounts
 * (measurements such as "median 20%", "RMS 0.15") are left alone. When the strength changed, the
 * reason says so.
 */
export function rescaleReason(reason: string, changes: readonly AmountChange[], factor: number): string {
  if (!reason) return reason;
  let evChange: AmountChange | undefined;
  let out = reason.replace(/([+\-−]?)(\d+(?:\.\d+)?)(?![\d.%°])/g, (m, sign: string, num: string, offset: number) => {
    const decimals = num.includes('.') ? num.split('.')[1].length : 0;
    const value = (sign === '-' || sign === '−' ? -1 : 1) * Number(num);
    const signed = sign !== '';
    for (const c of changes) {
      const fromR = Number(c.from.toFixed(decimals));
      const matches = signed ? Math.abs(fromR - value) < 1e-9 : Math.abs(Math.abs(fromR) - Math.abs(value)) < 1e-9 && fromR !== 0;
      if (!matches || c.to === c.from) continue;
      if (/ EV/.test(reason.slice(offset + m.length, offset + m.length + 3))) evChange = c;
      const mag = Math.abs(c.to).toFixed(decimals);
      if (!signed) return mag;
      return `${c.to < 0 ? (sign === '-' ? '-' : '−') : '+'}${mag}`;
    }
    return m;
  });
  if (evChange) {
    const ev = evChange.to;
    const to = (a: string): number => Math.round(encodedAfterEv(Number(a) / 100, ev) * 100);
    out = out.replace(/from (\d+)% to about (\d+)%/, (_m, a: string) => `from ${a}% to about ${to(a)}%`);
    out = out.replace(/luminance (\d+)% → about (\d+)%/, (_m, a: string) => `luminance ${a}% → about ${to(a)}%`);
  }
  const k = Math.round(factor * 100) / 100;
  return `${out} (×${k} strength, chosen by the critic)`;
}

function encodedAfterEv(encoded: number, ev: number): number {
  const lin = encoded <= 0.04045 ? encoded / 12.92 : ((encoded + 0.055) / 1.055) ** 2.4;
  const l = Math.min(1, lin * 2 ** ev);
  return l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055;
}
