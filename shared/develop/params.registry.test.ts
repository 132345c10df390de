/**
 * The edit model against the real op registry: every declaration must yield a usable param
 * list, schema, validation and resolve (the other tests use ./testRegistry.ts).
 */
import { describe, it, expect } from 'vitest';
import { OPS } from './registry.ts';
import { defaultParams, listParams, validateParams } from './params.ts';
import { describeParams, planSchema } from './schema.ts';
import { planGrammarSchema } from './grammarSchema.ts';
import { addStep, emptyStack, resolve, sequentialEnv, type EditStack } from './stack.ts';
import { deserializeStack, serializeStack } from './serialize.ts';
import type { ParamSpec } from './types.ts';

describe('real registry', () => {
  it('lists every param once with a sane range, default and description', () => {
    const list = listParams();
    const names = list.map((p) => `${p.op}.${p.param}`);
    expect(new Set(names).size).toBe(names.length);
    expect(list.length).toBe(OPS.reduce((n, op) => n + Object.keys(op.params).length, 0));
    for (const p of list) {
      expect(p.description.length, `${p.op}.${p.param} description`).toBeGreaterThan(10);
      expect(p.label.length).toBeGreaterThan(0);
      if (p.kind === 'number') {
        expect(p.min, `${p.op}.${p.param}`).toBeLessThan(p.max);
        expect(p.default as number).toBeGreaterThanOrEqual(p.min);
        expect(p.default as number).toBeLessThanOrEqual(p.max);
        expect(p.step).toBeGreaterThan(0);
      }
    }
  });

  it('accepts every op’s defaults without warnings and maps XMP keys to real params', () => {
    for (const op of OPS) {
      expect(validateParams(op.id, defaultParams(op))).toEqual({ params: defaultParams(op), warnings: [] });
      for (const m of op.xmp) expect(Object.keys(op.params), `${op.id} xmp ${m.key}`).toContain(m.param);
    }
  });

  it('treats every op at its defaults as the identity', () => {
    for (const op of OPS) if (op.isIdentity) expect(op.isIdentity(defaultParams(op)), op.id).toBe(true);
  });

  it('resolves an empty stack to every op at its defaults', () => {
    const r = resolve(emptyStack());
    expect(Object.keys(r.ops)).toEqual(OPS.map((o) => o.id));
    for (const op of OPS) expect(r.ops[op.id]).toEqual(defaultParams(op));
    expect(r.locals).toEqual([]);
  });

  it('stores, round-trips and resolves a step per op at its extremes', () => {
    const env = sequentialEnv();
    let s: EditStack = emptyStack();
    for (const op of OPS) {
      const params: Record<string, unknown> = {};
      for (const [k, spec] of Object.entries(op.params) as [string, ParamSpec][])
        params[k] = spec.kind === 'number' ? spec.max : spec.kind === 'boolean' ? !spec.default : [[0, 0.1], [0.5, 0.6], [1, 0.9]];
      const mask = op.id === 'local' ? { id: 'm', components: [{ shape: { type: 'luminance', min: 0, max: 0.5, feather: 20 }, mode: 'add' }] } : undefined;
      s = addStep(s, { op: op.id, params: params as never, mask: mask as never }, { env });
    }
    const back = deserializeStack(serializeStack(s));
    expect(back.stack).toEqual(s);
    expect(resolve(back.stack)).toEqual(resolve(s));
  });

  it('builds a plan schema with one branch per op and a prompt description of every param', () => {
    const schema = planSchema() as { properties: { steps: { items: { oneOf: unknown[] } } } };
    expect(schema.properties.steps.items.oneOf).toHaveLength(OPS.length);
    const text = describeParams();
    for (const p of listParams()) expect(text).toContain(`  ${p.param} `);
    // compact enough for a small model's context
    expect(JSON.stringify(planSchema()).length).toBeLessThan(40_000);
  });

  it('gives a grammar schema node-llama-cpp can compile', async () => {
    let gen: { getGbnfGrammarForGbnfJsonSchema: (s: unknown) => string };
    try {
      const path = '../../node_modules/node-llama-cpp/dist/utils/gbnfJson/getGbnfGrammarForGbnfJsonSchema.js';
      gen = (await import(/* @vite-ignore */ path)) as typeof gen;
    } catch {
      console.warn('skipped: node-llama-cpp grammar utilities not found in node_modules');
      return;
    }
    const grammar = gen.getGbnfGrammarForGbnfJsonSchema(planGrammarSchema());
    expect(grammar.length).toBeGreaterThan(1000);
    for (const op of OPS) expect(grammar).toContain(op.id);
  });
});
