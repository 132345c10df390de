/** Default settings: every op of the registry at its defaults, no local adjustments. */
import type { ResolvedSettings } from '../pixel/pipeline/types.ts';
import { OPS } from './registry.ts';
import type { AnyOp, ParamSpec, ParamValues } from './types.ts';

export type { ResolvedSettings, LocalAdjustment } from '../pixel/pipeline/types.ts';

/** An op's params at their declared defaults (curves copied, so callers may not share them). */
export function opDefaults(op: AnyOp): ParamValues {
  const out: ParamValues = {};
  for (const [k, spec] of Object.entries(op.params) as [string, ParamSpec][])
    out[k] = spec.kind === 'curve' ? spec.default.map((p) => [p[0], p[1]] as const) : spec.default;
  return out;
}

/** ResolvedSettings with every op (of `ops`, default the registry) at its defaults. */
export function defaultSettings(ops: readonly AnyOp[] = OPS): ResolvedSettings {
  const settings: ResolvedSettings = { ops: {}, locals: [] };
  for (const op of ops) settings.ops[op.id] = opDefaults(op);
  return settings;
}
