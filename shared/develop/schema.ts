/**
 * What the language model is given and what its answer must look like, derived from the op
 * declarations: the JSON schema of a plan, a compact text description of every parameter for
 * the prompt, and the validation of a plan the model returned (the grammar does not enforce
 * numeric ranges; model output is untrusted input).
 *
 * A plan: { reply: string, steps: [{ op, params, mask?, reason }] }. Each step item is one
 * branch of a `oneOf` keyed by `op` (a const), so the op and its params agree; `params` lists
 * that op's params (not required: a step sets only what it changes); numbers carry
 * minimum/maximum for documentation; only `local` steps have (and require) a mask.
 */
import { MASK_MODES, MASK_SHAPES, validateMask } from './maskSpec.ts';
import { ParamError, describe, validateParams } from './params.ts';
import { OPS } from './registry.ts';
import { LOCAL_OP, type StepInput } from './stack.ts';
import type { AnyOp, ParamSpec } from './types.ts';

export type JsonSchema = Record<string, unknown>;

export interface SchemaOptions {
  /** Op ids offered to the model (default: all). */
  ops?: readonly string[];
  /** Include each param's one-line description (longer; the text description covers it). */
  descriptions?: boolean;
}

function paramSchema(spec: ParamSpec, withDescription: boolean): JsonSchema {
  const d = withDescription ? { description: spec.description } : {};
  if (spec.kind === 'number') return { type: 'number', minimum: spec.min, maximum: spec.max, ...d };
  if (spec.kind === 'boolean') return { type: 'boolean', ...d };
  const point = { type: 'array', items: { type: 'number', minimum: 0, maximum: 1 }, minItems: 2, maxItems: 2 };
  return { type: 'array', items: point, minItems: 2, maxItems: 16, ...d };
}

export function maskSchema(): JsonSchema {
  const shapes = Object.entries(MASK_SHAPES).map(([type, s]) => {
    const properties: Record<string, JsonSchema> = { type: { const: type } };
    for (const [k, f] of Object.entries(s.fields))
      properties[k] = f.kind === 'boolean' ? { type: 'boolean' } : { type: 'number', minimum: f.min, maximum: f.max };
    return { type: 'object', description: s.description, properties, required: Object.keys(properties), additionalProperties: false };
  });
  return {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'reuse an id to change an existing mask, or a new short id' },
      name: { type: 'string' },
      components: {
        type: 'array',
        minItems: 1,
        maxItems: 4,
        items: {
          type: 'object',
          properties: { shape: { oneOf: shapes }, mode: { enum: [...MASK_MODES] }, invert: { type: 'boolean' } },
          required: ['shape', 'mode'],
          additionalProperties: false,
        },
      },
      invert: { type: 'boolean' },
    },
    required: ['id', 'components'],
    additionalProperties: false,
  };
}

function stepSchema(op: AnyOp, withDescriptions: boolean): JsonSchema {
  const params: Record<string, JsonSchema> = {};
  for (const [k, spec] of Object.entries(op.params) as [string, ParamSpec][]) params[k] = paramSchema(spec, withDescriptions);
  const properties: Record<string, JsonSchema> = {
    op: { const: op.id },
    params: { type: 'object', properties: params, additionalProperties: false },
  };
  const required = ['op', 'params', 'reason'];
  if (op.id === LOCAL_OP) {
    properties.mask = maskSchema();
    required.splice(2, 0, 'mask');
  }
  properties.reason = { type: 'string', description: 'why, in a few words' };
  return { type: 'object', description: op.description, properties, required, additionalProperties: false };
}

function selectedOps(ids?: readonly string[]): AnyOp[] {
  if (!ids) return [...OPS];
  return ids.map((id) => {
    const op = OPS.find((o) => o.id === id);
    if (!op) throw new ParamError(`unknown operation "${id}" in the schema's op list`);
    return op;
  });
}

/** The JSON schema of a plan. */
export function planSchema(options: SchemaOptions = {}): JsonSchema {
  const ops = selectedOps(options.ops);
  return {
    type: 'object',
    properties: {
      reply: { type: 'string', description: 'a short answer to the user' },
      steps: { type: 'array', items: { oneOf: ops.map((op) => stepSchema(op, options.descriptions ?? false)) } },
    },
    required: ['reply', 'steps'],
    additionalProperties: false,
  };
}

/** Every op id, for an `enum` where one is needed. */
export const opIds = (): string[] => OPS.map((o) => o.id);

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000));

/**
 * A compact, prompt-ready description of every op and param, one line per param:
 *   tone — Basic tone: …
 *     exposure -5..5 EV (0): Brightens or darkens the whole image …
 */
export function describeParams(options: { ops?: readonly string[] } = {}): string {
  const lines: string[] = [];
  for (const op of selectedOps(options.ops)) {
    lines.push(`${op.id} — ${op.label}${op.id === LOCAL_OP ? ' (needs a mask)' : ''}: ${op.description}`);
    for (const [k, spec] of Object.entries(op.params) as [string, ParamSpec][]) {
      let range: string;
      if (spec.kind === 'number') range = `${fmt(spec.min)}..${fmt(spec.max)}${spec.unit ? ' ' + spec.unit : ''} (${fmt(spec.default)})`;
      else if (spec.kind === 'boolean') range = `true|false (${spec.default})`;
      else range = `[[x,y],…] points 0..1 (${JSON.stringify(spec.default)})`;
      lines.push(`  ${k} ${range}: ${spec.description}`);
    }
  }
  return lines.join('\n');
}

/** Prompt text for masks: shapes, their fields, and how components combine. */
export function describeMasks(): string {
  const lines = ['mask = { id, components: [{ shape, mode: add|subtract|intersect, invert? }], invert? }; coordinates 0..1 of the uncropped photo (x right, y down)'];
  for (const [type, s] of Object.entries(MASK_SHAPES)) {
    const fields = Object.entries(s.fields)
      .map(([k, f]) => (f.kind === 'boolean' ? `${k} true|false` : `${k} ${fmt(f.min!)}..${fmt(f.max!)}`))
      .join(', ');
    lines.push(`  ${type}: ${s.description} — ${fields}`);
  }
  return lines.join('\n');
}

export interface ValidatedPlan {
  reply: string;
  steps: StepInput[];
  warnings: string[];
}

/**
 * Checks a plan the model returned: structure strictly (ParamError naming the step), numbers
 * clamped with a warning. The steps come back ready for addTurn (source 'agent').
 */
export function validatePlan(value: unknown): ValidatedPlan {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ParamError(`plan must be an object, got ${describe(value)}`);
  const v = value as Record<string, unknown>;
  if (typeof v.reply !== 'string') throw new ParamError(`plan.reply must be a string, got ${describe(v.reply)}`);
  if (!Array.isArray(v.steps)) throw new ParamError(`plan.steps must be a list, got ${describe(v.steps)}`);
  const warnings: string[] = [];
  const steps = v.steps.map((raw, i): StepInput => {
    const where = `plan step ${i + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ParamError(`${where} must be an object, got ${describe(raw)}`);
    const s = raw as Record<string, unknown>;
    if (typeof s.op !== 'string') throw new ParamError(`${where}: "op" must be an operation id, got ${describe(s.op)}`);
    try {
      const p = validateParams(s.op, s.params ?? {});
      warnings.push(...p.warnings.map((w) => `${where}: ${w}`));
      const step: StepInput = { op: s.op, params: p.params, source: 'agent' };
      if (typeof s.reason === 'string') step.reason = s.reason;
      if (s.op === LOCAL_OP) {
        const m = validateMask(s.mask);
        warnings.push(...m.warnings.map((w) => `${where}: ${w}`));
        step.mask = m.mask;
      } else if (s.mask !== undefined) throw new ParamError(`only "${LOCAL_OP}" steps take a mask`);
      return step;
    } catch (e) {
      throw new ParamError(`${where}: ${(e as Error).message}`);
    }
  });
  return { reply: v.reply, steps, warnings };
}
