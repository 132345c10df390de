/**
 * The plan schema in the dialect of llama.cpp JSON-schema grammars (node-llama-cpp's
 * GbnfJsonSchema), where every listed object property is required, there is no `anyOf`, and
 * ranges are not enforced. A step's params therefore travel as a list of
 * { name, value } pairs — one `oneOf` branch per parameter of that op — so the model names only
 * the params it changes and each value has its param's type:
 *   { reply, steps: [{ op: "tone", params: [{ name: "exposure", value: 0.5 }], reason }] }
 * `planFromGrammar` turns that back into the standard plan of ./schema.ts and validates it
 * (clamping ranges). The standard `planSchema` stays the documented contract.
 */
import { MASK_MODES, MASK_SHAPES } from './maskSpec.ts';
import { ParamError, describe } from './params.ts';
import { OPS } from './registry.ts';
import { validatePlan, type JsonSchema, type ValidatedPlan } from './schema.ts';
import { LOCAL_OP } from './stack.ts';
import type { AnyOp, ParamSpec } from './types.ts';

function valueSchema(spec: ParamSpec): JsonSchema {
  if (spec.kind === 'number') return { type: 'number' };
  if (spec.kind === 'boolean') return { type: 'boolean' };
  const point = { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], minItems: 2, maxItems: 2 };
  return { type: 'array', items: point, minItems: 2, maxItems: 16 };
}

function grammarMask(): JsonSchema {
  const shapes = Object.entries(MASK_SHAPES).map(([type, s]) => {
    const properties: Record<string, JsonSchema> = { type: { const: type } };
    for (const [k, f] of Object.entries(s.fields)) properties[k] = { type: f.kind };
    return { type: 'object', properties };
  });
  return {
    type: 'object',
    properties: {
      id: { type: 'string' },
      components: {
        type: 'array',
        minItems: 1,
        maxItems: 4,
        items: { type: 'object', properties: { shape: { oneOf: shapes }, mode: { enum: [...MASK_MODES] }, invert: { type: 'boolean' } } },
      },
      invert: { type: 'boolean' },
    },
  };
}

function grammarStep(op: AnyOp): JsonSchema {
  const branches = (Object.entries(op.params) as [string, ParamSpec][]).map(([k, spec]) => ({
    type: 'object',
    properties: { name: { const: k }, value: valueSchema(spec) },
  }));
  const properties: Record<string, JsonSchema> = {
    op: { const: op.id },
    params: { type: 'array', items: { oneOf: branches } },
  };
  if (op.id === LOCAL_OP) properties.mask = grammarMask();
  properties.reason = { type: 'string' };
  return { type: 'object', properties };
}

/** The plan grammar schema; `ops` limits the operations offered (default: all). */
export function planGrammarSchema(options: { ops?: readonly string[] } = {}): JsonSchema {
  const ops = options.ops ? OPS.filter((o) => options.ops!.includes(o.id)) : OPS;
  return {
    type: 'object',
    properties: {
      reply: { type: 'string' },
      steps: { type: 'array', items: { oneOf: ops.map(grammarStep) } },
    },
  };
}

/** Converts a grammar-shaped plan to the standard shape and validates it (see validatePlan). */
export function planFromGrammar(value: unknown): ValidatedPlan {
  if (typeof value !== 'object' || value === null) throw new ParamError(`plan must be an object, got ${describe(value)}`);
  const v = value as { reply?: unknown; steps?: unknown };
  if (!Array.isArray(v.steps)) return validatePlan(v);
  const steps = v.steps.map((s, i) => {
    if (typeof s !== 'object' || s === null || !Array.isArray((s as { params?: unknown }).params)) return s;
    const { params, ...rest } = s as { params: unknown[] };
    const obj: Record<string, unknown> = {};
    for (const p of params) {
      if (typeof p !== 'object' || p === null || typeof (p as { name?: unknown }).name !== 'string')
        throw new ParamError(`plan step ${i + 1}: each param must be { name, value }, got ${describe(p)}`);
      obj[(p as { name: string }).name] = (p as { value?: unknown }).value;
    }
    return { ...rest, params: obj };
  });
  return validatePlan({ ...v, steps });
}
