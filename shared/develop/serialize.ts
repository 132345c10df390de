/**
 * Edit stacks as JSON, with versions: the stack has a `format` (STACK_FORMAT) and every step the
 * `opVersion` of its op's declaration. Loading upgrades old steps through the op's `upgrades`
 * chain, rejects what this build cannot understand (a newer format or op version, an unknown
 * op) with an error naming both versions, and validates every step's params and mask.
 *
 * Edits files for the CLI (`tonewright render --edits steps.json`) are either
 *   - a serialized stack: { "format": 1, "steps": [ { "op", "opVersion", "params", … } ], … }, or
 *   - a plain array of steps: [ { "op": "tone", "params": { "exposure": 0.5 } },
 *                               { "op": "local", "params": { "exposure": -1 }, "mask": { … } } ]
 *     each item with optional "opVersion" (default: current) and "reason".
 * Out-of-range values are clamped with a warning; anything else wrong is a ParamError.
 */
import { validateMask } from './maskSpec.ts';
import { ParamError, describe, opOrThrow, validateParams } from './params.ts';
import { getOp, OPS } from './registry.ts';
import { suggest } from './params.ts';
import { LOCAL_OP, STACK_FORMAT, defaultEnv, type EditStack, type EditStep, type StackEnv, type StepSource } from './stack.ts';
import type { ParamValues } from './types.ts';

export interface SerializedStack {
  format: number;
  cursor: number;
  marks: number[];
  steps: EditStep[];
}

export interface LoadOptions {
  /** Clamp out-of-range values with a warning (default) or reject them. */
  clamp?: boolean;
  /** Ids and timestamps for steps that lack them (plain edits files). */
  env?: StackEnv;
}

export interface Loaded {
  stack: EditStack;
  warnings: string[];
}

/** A plain, JSON-ready copy of a stack. */
export function stackToJSON(stack: EditStack): SerializedStack {
  return JSON.parse(JSON.stringify({ format: STACK_FORMAT, cursor: stack.cursor, marks: stack.marks, steps: stack.steps }));
}

export function serializeStack(stack: EditStack): string {
  return JSON.stringify(stackToJSON(stack));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const SOURCES: readonly StepSource[] = ['user', 'agent', 'import'];

/**
 * Runs the op's upgrades from `opVersion` to its current version. Throws a ParamError for an
 * unknown op, a version newer than this build knows, or a missing upgrade.
 */
export function upgradeStep(step: { op: string; opVersion: number; params: Record<string, unknown> }): { op: string; opVersion: number; params: Record<string, unknown> } {
  const op = getOp(step.op);
  if (!op) throw new ParamError(`unknown operation "${step.op}"${suggest(step.op, OPS.map((o) => o.id))}`);
  if (!isInt(step.opVersion) || step.opVersion < 1)
    throw new ParamError(`operation "${op.id}": opVersion must be a positive integer, got ${describe(step.opVersion)}`);
  if (step.opVersion > op.version)
    throw new ParamError(
      `operation "${op.id}" was saved with version ${step.opVersion}, but this version of Tonewright only knows up to version ${op.version}; update Tonewright to open it`,
    );
  let params = step.params;
  for (let v = step.opVersion; v < op.version; v++) {
    const up = op.upgrades?.[v];
    if (!up) throw new ParamError(`operation "${op.id}" has no upgrade from version ${v} to ${v + 1}`);
    params = up({ ...params });
  }
  return { op: op.id, opVersion: op.version, params };
}

function loadStep(raw: unknown, where: string, options: LoadOptions, warnings: string[], defaults: { source: StepSource }): EditStep {
  const env = options.env ?? defaultEnv;
  if (!isObject(raw)) throw new ParamError(`${where} must be an object, got ${describe(raw)}`);
  const allowed = ['id', 'op', 'opVersion', 'params', 'mask', 'source', 'turnId', 'reason', 'enabled', 'createdAt'];
  for (const k of Object.keys(raw)) if (!allowed.includes(k)) throw new ParamError(`${where}: unknown field "${k}"${suggest(k, allowed)}`);
  if (typeof raw.op !== 'string') throw new ParamError(`${where}: "op" must be an operation id, got ${describe(raw.op)}`);
  const op = (() => {
    try {
      return opOrThrow(raw.op as string);
    } catch (e) {
      throw new ParamError(`${where}: ${(e as Error).message}`);
    }
  })();
  const params = raw.params ?? {};
  if (!isObject(params)) throw new ParamError(`${where}: "params" must be an object, got ${describe(params)}`);
  const at = (e: unknown) => new ParamError(`${where}: ${(e as Error).message}`);
  let upgraded: ReturnType<typeof upgradeStep>;
  try {
    upgraded = upgradeStep({ op: op.id, opVersion: raw.opVersion === undefined ? op.version : (raw.opVersion as number), params });
  } catch (e) {
    throw at(e);
  }
  let validated: { params: ParamValues; warnings: string[] };
  try {
    validated = validateParams(op.id, upgraded.params, { clamp: options.clamp ?? true });
  } catch (e) {
    throw at(e);
  }
  warnings.push(...validated.warnings.map((w) => `${where}: ${w}`));
  const str = (k: string, v: unknown) => {
    if (v !== undefined && typeof v !== 'string') throw new ParamError(`${where}: "${k}" must be a string, got ${describe(v)}`);
    return v as string | undefined;
  };
  const source = raw.source ?? defaults.source;
  if (!SOURCES.includes(source as StepSource)) throw new ParamError(`${where}: "source" must be one of ${SOURCES.join(', ')}, got ${describe(source)}`);
  if (raw.enabled !== undefined && typeof raw.enabled !== 'boolean') throw new ParamError(`${where}: "enabled" must be true or false`);
  const step: EditStep = {
    id: str('id', raw.id) ?? env.newId(),
    op: op.id,
    opVersion: upgraded.opVersion,
    params: validated.params,
    source: source as StepSource,
    enabled: (raw.enabled as boolean | undefined) ?? true,
    createdAt: str('createdAt', raw.createdAt) ?? env.now(),
  };
  const turnId = str('turnId', raw.turnId);
  const reason = str('reason', raw.reason);
  if (turnId !== undefined) step.turnId = turnId;
  if (reason !== undefined) step.reason = reason;
  if (op.id === LOCAL_OP) {
    if (raw.mask === undefined) throw new ParamError(`${where}: a "${LOCAL_OP}" step needs a "mask"`);
    try {
      const m = validateMask(raw.mask, { clamp: options.clamp ?? true });
      warnings.push(...m.warnings.map((w) => `${where}: ${w}`));
      step.mask = m.mask;
    } catch (e) {
      throw at(e);
    }
  } else if (raw.mask !== undefined) throw new ParamError(`${where}: only "${LOCAL_OP}" steps take a mask, not "${op.id}"`);
  return step;
}

/** Loads a serialized stack (already parsed from JSON). */
export function stackFromJSON(value: unknown, options: LoadOptions = {}): Loaded {
  if (!isObject(value)) throw new ParamError(`an edit stack must be an object, got ${describe(value)}`);
  const { format } = value;
  if (!isInt(format) || format < 1) throw new ParamError(`edit stack "format" must be a positive integer, got ${describe(format)}`);
  if (format > STACK_FORMAT)
    throw new ParamError(
      `edit stack format ${format} is newer than this version of Tonewright supports (format ${STACK_FORMAT}); update Tonewright to open it`,
    );
  if (!Array.isArray(value.steps)) throw new ParamError(`edit stack "steps" must be a list, got ${describe(value.steps)}`);
  const warnings: string[] = [];
  const steps = value.steps.map((s, i) => loadStep(s, `step ${i + 1}`, options, warnings, { source: 'import' }));
  const ids = new Set<string>();
  for (const s of steps) {
    if (ids.has(s.id)) throw new ParamError(`edit stack has two steps with id "${s.id}"`);
    ids.add(s.id);
  }
  const n = steps.length;
  const cursor = value.cursor ?? n;
  if (!isInt(cursor) || cursor < 0 || cursor > n) throw new ParamError(`edit stack "cursor" must be an integer in 0..${n}, got ${describe(cursor)}`);
  const rawMarks = value.marks ?? [];
  if (!Array.isArray(rawMarks) || !rawMarks.every(isInt)) throw new ParamError(`edit stack "marks" must be a list of integers`);
  const marks = [...new Set(rawMarks.filter((m) => m >= 1 && m <= n))].sort((a, b) => a - b);
  if (n > 0 && marks[marks.length - 1] !== n) marks.push(n);
  return { stack: { format: STACK_FORMAT, steps, cursor, marks }, warnings };
}

export function deserializeStack(json: string, options: LoadOptions = {}): Loaded {
  return stackFromJSON(parseJson(json, 'edit stack'), options);
}

/**
 * Reads an edits file (see the header): a serialized stack, or an array of
 * { op, params, mask?, opVersion?, reason? }, which becomes one turn of `import` steps.
 */
export function parseEditsFile(text: string, options: LoadOptions = {}): Loaded {
  const value = parseJson(text, 'edits file');
  if (Array.isArray(value)) {
    const env = options.env ?? defaultEnv;
    const warnings: string[] = [];
    const turnId = env.newId();
    const steps = value.map((item, i) => {
      if (isObject(item))
        for (const k of Object.keys(item))
          if (!['op', 'params', 'mask', 'opVersion', 'reason'].includes(k))
            throw new ParamError(`edit ${i + 1}: unknown field "${k}" (an edit is { op, params, mask?, opVersion?, reason? })`);
      const step = loadStep(item, `edit ${i + 1}`, options, warnings, { source: 'import' });
      step.turnId = turnId;
      return step;
    });
    const n = steps.length;
    return { stack: { format: STACK_FORMAT, steps, cursor: n, marks: n > 0 ? [n] : [] }, warnings };
  }
  if (isObject(value) && 'format' in value) return stackFromJSON(value, options);
  throw new ParamError('edits file must be a JSON array of {op, params, mask?} or a saved edit stack {format, steps, …}');
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ParamError(`${what} is not valid JSON: ${(e as Error).message}`);
  }
}
