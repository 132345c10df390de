/**
 * Parameters as data: the flat list every front end shows (`tonewright params --json`, sliders),
 * validation and clamping of untrusted values (CLI, edits files, the model's plans, IPC), and
 * the CLI's `--set op.param=value`. Everything derives from the op declarations in the registry.
 */
import { OPS, getOp } from './registry.ts';
import type { AnyOp, CurvePoints, Group, ParamSpec, ParamValue, ParamValues, Unit } from './types.ts';

export interface ParamInfo {
  op: string;
  param: string;
  label: string;
  group: Group;
  kind: ParamSpec['kind'];
  /** Numbers: the range. Booleans: 0..1. Curves: the coordinate range 0..1. */
  min: number;
  max: number;
  default: ParamValue;
  /** Slider step (booleans 1; curves null: free points). */
  step: number | null;
  unit: Unit;
  description: string;
}

/** A value that cannot be accepted: unknown op or param, wrong type, malformed input. */
export class ParamError extends Error {
  override name = 'ParamError';
}

export interface ValidateOptions {
  /** Clamp out-of-range numbers (with a warning) instead of rejecting them. Default true. */
  clamp?: boolean;
}

export interface Validated {
  params: ParamValues;
  warnings: string[];
}

/** Every parameter of every op, in pipeline order then declaration order. */
export function listParams(ops: readonly AnyOp[] = OPS): ParamInfo[] {
  const out: ParamInfo[] = [];
  for (const op of ops)
    for (const [param, spec] of Object.entries(op.params) as [string, ParamSpec][]) {
      const base = { op: op.id, param, label: spec.label, group: op.group, kind: spec.kind, description: spec.description };
      if (spec.kind === 'number')
        out.push({ ...base, min: spec.min, max: spec.max, default: spec.default, step: spec.step, unit: spec.unit ?? '' });
      else if (spec.kind === 'boolean') out.push({ ...base, min: 0, max: 1, default: spec.default, step: 1, unit: '' });
      else out.push({ ...base, min: 0, max: 1, default: spec.default, step: null, unit: '' });
    }
  return out;
}

/** The complete default params of an op (curves copied). */
export { opDefaults as defaultParams } from './defaults.ts';

/** The op, or a ParamError naming the closest known id. */
export function opOrThrow(opId: string): AnyOp {
  const op = getOp(opId);
  if (op) return op;
  throw new ParamError(`unknown operation "${opId}"${suggest(opId, OPS.map((o) => o.id))}`);
}

/**
 * Checks a partial set of params of one op. Unknown params and wrong types throw a ParamError
 * (`unknown parameter "tone.exposur" (did you mean "exposure"?)`); out-of-range numbers are
 * clamped with a warning (or throw when `clamp: false`). Nothing is snapped to the step.
 * Returns a fresh object; the input is not modified.
 */
export function validateParams(opId: string, params: unknown, options: ValidateOptions = {}): Validated {
  const op = opOrThrow(opId);
  const clamp = options.clamp ?? true;
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw new ParamError(`params of "${opId}" must be an object of parameter values, got ${describe(params)}`);
  const out: ParamValues = {};
  const warnings: string[] = [];
  const names = Object.keys(op.params);
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    const spec = (op.params as Record<string, ParamSpec>)[key];
    if (!spec) throw new ParamError(`unknown parameter "${opId}.${key}"${suggest(key, names)}`);
    out[key] = checkValue(`${opId}.${key}`, spec, value, clamp, warnings);
  }
  return { params: out, warnings };
}

function checkValue(name: string, spec: ParamSpec, value: unknown, clamp: boolean, warnings: string[]): ParamValue {
  if (spec.kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new ParamError(`parameter "${name}" must be a finite number, got ${describe(value)}`);
    // -0 is stored as 0: JSON cannot keep the sign, so a saved stack would not round-trip.
    if (value >= spec.min && value <= spec.max) return value === 0 ? 0 : value;
    const clamped = value < spec.min ? spec.min : spec.max;
    const msg = `${name}=${value} is out of range [${spec.min}, ${spec.max}]`;
    if (!clamp) throw new ParamError(msg);
    warnings.push(`${msg}; clamped to ${clamped}`);
    return clamped;
  }
  if (spec.kind === 'boolean') {
    if (typeof value !== 'boolean') throw new ParamError(`parameter "${name}" must be true or false, got ${describe(value)}`);
    return value;
  }
  return checkCurve(name, value, clamp, warnings);
}

const MAX_CURVE_POINTS = 32;

function checkCurve(name: string, value: unknown, clamp: boolean, warnings: string[]): CurvePoints {
  if (!Array.isArray(value)) throw new ParamError(`parameter "${name}" must be a list of [x, y] points, got ${describe(value)}`);
  if (value.length < 2 || value.length > MAX_CURVE_POINTS)
    throw new ParamError(`parameter "${name}" must have 2 to ${MAX_CURVE_POINTS} points, got ${value.length}`);
  let outside = false;
  const pts: [number, number][] = value.map((p, i) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((v) => typeof v === 'number' && Number.isFinite(v)))
      throw new ParamError(`point ${i} of "${name}" must be [x, y] with finite numbers, got ${describe(p)}`);
    const [x, y] = p as [number, number];
    const cx = Math.min(1, Math.max(0, x));
    const cy = Math.min(1, Math.max(0, y));
    if (cx !== x || cy !== y) outside = true;
    return [cx, cy];
  });
  if (outside) {
    const msg = `points of "${name}" must lie in [0, 1]`;
    if (!clamp) throw new ParamError(msg);
    warnings.push(`${msg}; clamped`);
  }
  const sorted = pts.every((p, i) => i === 0 || p[0] > pts[i - 1][0]);
  if (sorted) return pts;
  const byX = new Map<number, [number, number]>();
  for (const p of pts) byX.set(p[0], p);
  const fixed = [...byX.values()].sort((a, b) => a[0] - b[0]);
  if (fixed.length < 2) throw new ParamError(`parameter "${name}" needs at least 2 points with different x`);
  warnings.push(`points of "${name}" were not in increasing x order; sorted${fixed.length < pts.length ? ' (duplicate x dropped, last kept)' : ''}`);
  return fixed;
}

export interface SetArg {
  op: string;
  param: string;
  value: ParamValue;
}

/**
 * Parses one CLI `--set` argument: `op.param=value`. Numbers as written (`-0.5`, `1e-2`),
 * booleans as true/false/1/0/yes/no/on/off, curves as JSON (`[[0,0],[0.5,0.6],[1,1]]`) or
 * `x,y;x,y;…`. The value is typed only; range checks happen in validateParams.
 */
export function parseSetArg(arg: string): SetArg {
  const eq = arg.indexOf('=');
  if (eq < 0) throw new ParamError(`--set expects op.param=value, got "${arg}"`);
  const name = arg.slice(0, eq).trim();
  const raw = arg.slice(eq + 1).trim();
  const dot = name.indexOf('.');
  if (dot <= 0 || dot === name.length - 1) throw new ParamError(`--set expects op.param=value, got "${arg}"`);
  const op = opOrThrow(name.slice(0, dot));
  const param = name.slice(dot + 1);
  const spec = (op.params as Record<string, ParamSpec>)[param];
  if (!spec) throw new ParamError(`unknown parameter "${name}"${suggest(param, Object.keys(op.params))}`);
  if (raw === '') throw new ParamError(`--set ${name} has no value`);
  if (spec.kind === 'number') {
    const v = Number(raw);
    if (!Number.isFinite(v)) throw new ParamError(`parameter "${name}" must be a number, got "${raw}"`);
    return { op: op.id, param, value: v };
  }
  if (spec.kind === 'boolean') {
    const v = raw.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return { op: op.id, param, value: true };
    if (['false', '0', 'no', 'off'].includes(v)) return { op: op.id, param, value: false };
    throw new ParamError(`parameter "${name}" must be true or false, got "${raw}"`);
  }
  let pts: unknown;
  if (raw.startsWith('[')) {
    try {
      pts = JSON.parse(raw);
    } catch {
      throw new ParamError(`parameter "${name}" is not a valid JSON list of points: ${raw}`);
    }
  } else pts = raw.split(';').map((p) => p.split(',').map((v) => (v.trim() === '' ? NaN : Number(v))));
  return { op: op.id, param, value: pts as CurvePoints };
}

/**
 * Parses and validates a list of `--set` arguments into one params object per op (in the order
 * the ops were first named; a later `--set` of the same param wins).
 */
export function collectSetArgs(args: readonly string[], options: ValidateOptions = {}): { edits: { op: string; params: ParamValues }[]; warnings: string[] } {
  const byOp = new Map<string, Record<string, ParamValue>>();
  for (const a of args) {
    const { op, param, value } = parseSetArg(a);
    if (op === 'local') throw new ParamError(`"local.${param}" needs a mask: put local adjustments in an --edits file`);
    if (!byOp.has(op)) byOp.set(op, {});
    byOp.get(op)![param] = value;
  }
  const warnings: string[] = [];
  const edits = [...byOp].map(([op, params]) => {
    const v = validateParams(op, params, options);
    warnings.push(...v.warnings);
    return { op, params: v.params };
  });
  return { edits, warnings };
}

/** ` (did you mean "x"?)` when a known name is close, else ''. */
export function suggest(name: string, known: readonly string[]): string {
  let best = '';
  let bestD = Infinity;
  const lower = name.toLowerCase();
  for (const k of known) {
    const d = k.toLowerCase() === lower ? 0 : editDistance(lower, k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best && bestD <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** A short, readable rendering of an unexpected value for error messages. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 60) + '…' : s;
}
