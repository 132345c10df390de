/**
 * The numeric ranges, defaults and slider steps the planner sizes against — derived from the
 * operation declarations (shared/develop/registry.ts via listParams), so one declaration drives
 * the sliders, validation, the model's grammar and the planner alike.
 */
import { listParams, type ParamInfo } from '../../../shared/develop/params.ts';
import type { ParamValue, ParamValues } from '../../../shared/develop/types.ts';
import type { Settings } from './types.ts';

type Range = readonly [min: number, max: number, def: number];

const INFO = new Map<string, ParamInfo>(listParams().map((p) => [`${p.op}.${p.param}`, p]));

function build(): { ranges: Record<string, Record<string, Range>>; other: Record<string, ParamValues> } {
  const ranges: Record<string, Record<string, Range>> = {};
  const other: Record<string, ParamValues> = {};
  for (const p of INFO.values()) {
    if (p.kind === 'number') (ranges[p.op] ??= {})[p.param] = [p.min, p.max, p.default as number];
    else (other[p.op] ??= {})[p.param] = p.default;
  }
  return { ranges, other };
}

const built = build();

/** Numeric params: [min, max, default], per op (from the declarations). */
export const RANGES: Readonly<Record<string, Readonly<Record<string, Range>>>> = built.ranges;

/** Non-numeric params (booleans, curves) and their defaults (from the declarations). */
export const OTHER_DEFAULTS: Readonly<Record<string, ParamValues>> = built.other;

export function range(op: string, param: string): Range {
  const r = RANGES[op]?.[param];
  if (!r) throw new Error(`planner: unknown numeric parameter ${op}.${param}`);
  return r;
}

/** The declared slider step (values are rounded to it: tidy numbers for the user). */
export function paramStep(op: string, param: string): number {
  return INFO.get(`${op}.${param}`)?.step ?? 1;
}

export function clampParam(op: string, param: string, v: number): number {
  const [lo, hi] = range(op, param);
  const c = Math.min(hi, Math.max(lo, v));
  const step = paramStep(op, param);
  return Math.round(Math.round(c / step) * step * 1000) / 1000 || 0;
}

export function defaultValue(op: string, param: string): ParamValue {
  const info = INFO.get(`${op}.${param}`);
  if (!info) throw new Error(`planner: unknown parameter ${op}.${param}`);
  return info.default;
}

/** The current value of a global param (defaults when settings are absent or partial). */
export function currentValue(settings: Settings | undefined, op: string, param: string): ParamValue {
  const v = settings?.ops?.[op]?.[param];
  return v === undefined ? defaultValue(op, param) : v;
}

export function currentNumber(settings: Settings | undefined, op: string, param: string): number {
  const v = currentValue(settings, op, param);
  return typeof v === 'number' ? v : 0;
}
