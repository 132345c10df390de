/**
 * Accumulates an edit as deltas per op/param (and per mask for local adjustments), then turns
 * it into absolute-valued steps against the current settings, in pipeline order, each with the
 * reasons that produced it.
 */
import type { ParamValue, ParamValues } from '../../../shared/develop/types.ts';
import type { Mask as MaskT } from '../../../shared/develop/mask.ts';
type Mask = MaskT;
import { OPS } from '../../../shared/develop/registry.ts';
import { clampParam, currentNumber, currentValue, RANGES } from './params.ts';
import type { PlanStep, Settings } from './types.ts';

/** Op ids in render order, from the registry (steps are emitted in this order). */
export const PIPELINE_ORDER: readonly string[] = OPS.map((o) => o.id);

interface Entry {
  deltas: Map<string, number>;
  sets: Map<string, ParamValue>;
  reasons: string[];
  mask?: MaskT;
}

export class EditBuilder {
  private readonly globals = new Map<string, Entry>();
  private readonly locals = new Map<string, Entry>();

  constructor(readonly current?: Settings) {}

  private entry(op: string): Entry {
    let e = this.globals.get(op);
    if (!e) this.globals.set(op, (e = { deltas: new Map(), sets: new Map(), reasons: [] }));
    return e;
  }

  /** Current value of a global param (after what this builder already added). */
  value(op: string, param: string): number {
    const e = this.globals.get(op);
    const set = e?.sets.get(param);
    const base = typeof set === 'number' ? set : currentNumber(this.current, op, param);
    return base + (e?.deltas.get(param) ?? 0);
  }

  delta(op: string, param: string): number {
    return this.globals.get(op)?.deltas.get(param) ?? 0;
  }

  add(op: string, param: string, delta: number, reason?: string): this {
    if (!Number.isFinite(delta) || delta === 0) return this;
    const e = this.entry(op);
    e.deltas.set(param, (e.deltas.get(param) ?? 0) + delta);
    if (reason && !e.reasons.includes(reason)) e.reasons.push(reason);
    return this;
  }

  set(op: string, param: string, value: ParamValue, reason?: string): this {
    const e = this.entry(op);
    e.sets.set(param, value);
    e.deltas.delete(param);
    if (reason && !e.reasons.includes(reason)) e.reasons.push(reason);
    return this;
  }

  addLocal(mask: MaskT, param: string, delta: number, reason?: string): this {
    if (!Number.isFinite(delta) || delta === 0) return this;
    let e = this.locals.get(mask.id);
    if (!e) this.locals.set(mask.id, (e = { deltas: new Map(), sets: new Map(), reasons: [], mask }));
    e.deltas.set(param, (e.deltas.get(param) ?? 0) + delta);
    if (reason && !e.reasons.includes(reason)) e.reasons.push(reason);
    return this;
  }

  /** Drop a pending change (for "don't make it brighter"). */
  drop(op: string, param: string): void {
    this.globals.get(op)?.deltas.delete(param);
  }

  /** Global deltas of one op (for protections that undo them locally). */
  deltas(op: string): Map<string, number> {
    return this.globals.get(op)?.deltas ?? new Map();
  }

  isEmpty(): boolean {
    return this.toSteps().length === 0;
  }

  toSteps(): PlanStep[] {
    const steps: PlanStep[] = [];
    const ops = [...this.globals.keys()].sort((a, b) => PIPELINE_ORDER.indexOf(a) - PIPELINE_ORDER.indexOf(b));
    for (const op of ops) {
      const e = this.globals.get(op)!;
      const params: ParamValues = {};
      for (const [param, v] of e.sets) {
        const cur = currentValue(this.current, op, param);
        const val = typeof v === 'number' && RANGES[op]?.[param] ? clampParam(op, param, v) : v;
        if (JSON.stringify(cur) !== JSON.stringify(val)) params[param] = val;
      }
      for (const [param, d] of e.deltas) {
        const cur = currentNumber(this.current, op, param);
        const val = clampParam(op, param, cur + d);
        if (val !== cur) params[param] = val;
      }
      if (Object.keys(params).length) steps.push({ op, params, reason: e.reasons.join('; ') || `${op}: ${Object.keys(params).join(', ')} adjusted for the look` });
    }
    for (const e of this.locals.values()) {
      const params: ParamValues = {};
      for (const [param, d] of e.deltas) {
        const val = clampParam('local', param, d);
        if (val !== 0) params[param] = val;
      }
      if (Object.keys(params).length) steps.push({ op: 'local', params, mask: e.mask as Mask, reason: e.reasons.join('; ') });
    }
    return steps;
  }
}
