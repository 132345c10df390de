/**
 * planRender: settings → a plain-data RenderPlan (output size, geometry, the active ops with
 * their params and halos, guides, locals). Deterministic and cheap — it never calls an op's
 * `prepare` (renderRows does, once per plan, cached) — so workers can rebuild or receive it.
 */
import type { AnyOp, ParamSpec, ParamValue, ParamValues, PrepareContext } from '../../develop/types.ts';
import { planGeometry } from './geometry.ts';
import type { PlannedOp, RenderOptions, RenderPlan, ResolvedSettings } from './types.ts';

function sameValue(spec: ParamSpec, v: ParamValue): boolean {
  if (spec.kind === 'curve') {
    const a = spec.default;
    const b = v as readonly (readonly [number, number])[];
    return Array.isArray(b) && a.length === b.length && a.every((p, i) => p[0] === b[i][0] && p[1] === b[i][1]);
  }
  return v === spec.default;
}

/**
 * An op's params: its declared defaults overlaid with the values given (unknown keys and values
 * of the wrong type dropped, numbers clamped to the declared range).
 */
export function completeParams(op: AnyOp, given: ParamValues | undefined): ParamValues {
  const out: ParamValues = {};
  for (const [k, spec] of Object.entries(op.params as Record<string, ParamSpec>)) {
    const v = given?.[k];
    const ok = v !== undefined && (spec.kind === 'number' ? typeof v === 'number' && Number.isFinite(v) : spec.kind === 'boolean' ? typeof v === 'boolean' : Array.isArray(v));
    if (!ok) out[k] = spec.kind === 'curve' ? spec.default.map((p) => [p[0], p[1]] as const) : spec.default;
    else out[k] = spec.kind === 'number' ? Math.min(spec.max, Math.max(spec.min, v as number)) : v;
  }
  return out;
}

export function isIdentityParams(op: AnyOp, params: ParamValues): boolean {
  if (op.isIdentity) return op.isIdentity(params);
  return Object.entries(op.params as Record<string, ParamSpec>).every(([k, spec]) => sameValue(spec, params[k]));
}

/** Local adjustment values as numbers, without zeros and non-finite values. */
function localValues(params: ParamValues): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(params ?? {})) if (typeof v === 'number' && Number.isFinite(v) && v !== 0) out[k] = v;
  return out;
}

export function planRenderWith(ops: readonly AnyOp[], settings: ResolvedSettings, sourceWidth: number, sourceHeight: number, opts: RenderOptions = {}): RenderPlan {
  if (!(sourceWidth >= 1 && sourceHeight >= 1) || !Number.isInteger(sourceWidth) || !Number.isInteger(sourceHeight))
    throw new Error(`planRender: bad source size ${sourceWidth}×${sourceHeight}`);
  const scale = opts.scale !== undefined && opts.scale > 0 && Number.isFinite(opts.scale) ? opts.scale : 1;
  const sourceScale = opts.sourceScale !== undefined && opts.sourceScale > 0 && Number.isFinite(opts.sourceScale) ? opts.sourceScale : 1;
  const rendered = opts.rendered ?? true;
  const cropDecl = ops.find((o) => o.id === 'crop');
  const cropParams = cropDecl ? completeParams(cropDecl, settings.ops.crop) : settings.ops.crop;
  const { geometry, width, height } = planGeometry(cropParams, sourceWidth, sourceHeight, scale / sourceScale);
  const ctx: PrepareContext = { width, height, scale, rendered };

  const locals = (settings.locals ?? [])
    .filter((l) => l && l.mask && Array.isArray(l.mask.components) && l.mask.components.length > 0)
    .map((l) => ({ mask: l.mask, params: localValues(l.params) }));
  const fed = new Set<string>();
  for (const l of locals) for (const k of Object.keys(l.params)) fed.add(k);

  const planned: PlannedOp[] = [];
  const guides: string[] = [];
  const consumed = new Set<string>();
  for (const op of ops) {
    const maths = op.maths;
    if (!maths) continue; // crop and local: implemented by the runner
    const params = completeParams(op, settings.ops[op.id]);
    const localHit = (maths.localParams ?? []).filter((p) => fed.has(p));
    if (isIdentityParams(op, params) && localHit.length === 0) continue;
    for (const p of localHit) consumed.add(p);
    const h = maths.halo ? maths.halo(params, ctx) : 0;
    planned.push({ id: op.id, params, space: maths.space, halo: Number.isFinite(h) && h > 0 ? Math.ceil(h) : 0 });
    const reads = maths.guidesFor ? maths.guidesFor(params, new Set(localHit)) : (maths.guides ?? []);
    for (const g of reads) if (!guides.includes(g)) guides.push(g);
  }
  // Keep only the locals (and their values) that some active op reads.
  const usedLocals = locals
    .map((l) => ({ mask: l.mask, params: Object.fromEntries(Object.entries(l.params).filter(([k]) => consumed.has(k))) }))
    .filter((l) => Object.keys(l.params).length > 0);
  const firstDisplay = planned.findIndex((o) => o.space === 'display');
  if (firstDisplay >= 0 && planned.slice(firstDisplay).some((o) => o.space === 'linear'))
    throw new Error(`planRender: linear op "${planned.slice(firstDisplay).find((o) => o.space === 'linear')!.id}" comes after a display op; the ops list must be in pipeline order`);
  const halo = planned.reduce((s, o) => s + o.halo, 0);
  // Point-wise pipelines: small strips stay in cache. With a halo, every op before the halo op
  // also processes 2·halo context rows per strip, so strips are made ≥ 16·halo (≤ 12.5 % extra).
  const stripRows = opts.stripRows !== undefined && opts.stripRows >= 1 ? Math.floor(opts.stripRows) : halo === 0 ? 32 : Math.min(256, Math.max(64, 16 * halo));
  const key = JSON.stringify([planned.map((o) => [o.id, o.params]), width, height, scale, rendered]);
  return {
    version: 1,
    sourceWidth,
    sourceHeight,
    width,
    height,
    scale,
    sourceScale,
    rendered,
    geometry,
    ops: planned,
    guides,
    halo,
    locals: usedLocals,
    stripRows,
    key,
  };
}
