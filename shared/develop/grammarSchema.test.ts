import { describe, it, expect, vi } from 'vitest';
vi.mock('./registry.ts', () => import('./testRegistry.ts'));
import { planFromGrammar, planGrammarSchema } from './grammarSchema.ts';

type S = Record<string, any>;
const GBNF = '../../node_modules/node-llama-cpp/dist/utils/gbnfJson/getGbnfGrammarForGbnfJsonSchema.js';
const VALIDATE = '../../node_modules/node-llama-cpp/dist/utils/gbnfJson/utils/validateObjectAgainstGbnfSchema.js';

const sample = {
  reply: 'Done.',
  steps: [
    { op: 'tone', params: [{ name: 'exposure', value: 0.5 }, { name: 'contrast', value: 300 }], reason: 'brighter' },
    {
      op: 'local',
      params: [{ name: 'exposure', value: -1 }],
      mask: { id: 'sky', components: [{ shape: { type: 'linear', x0: 0.5, y0: 0, x1: 0.5, y1: 0.5 }, mode: 'add', invert: false }], invert: false },
      reason: 'sky',
    },
    { op: 'pointCurve', params: [{ name: 'master', value: [[0, 0], [0.5, 0.6], [1, 1]] }], reason: 'curve' },
  ],
};

describe('planGrammarSchema', () => {
  it('lists each op’s params as {name, value} branches with typed values', () => {
    const s = planGrammarSchema() as S;
    const tone = s.properties.steps.items.oneOf[0];
    expect(tone.properties.op).toEqual({ const: 'tone' });
    expect(tone.properties.params.items.oneOf[0]).toEqual({ type: 'object', properties: { name: { const: 'exposure' }, value: { type: 'number' } } });
    expect(s.properties.steps.items.oneOf[3].properties.mask).toBeDefined();
    expect(Object.keys(tone.properties)).toEqual(['op', 'params', 'reason']);
  });

  it('converts a grammar plan to validated agent steps', () => {
    const r = planFromGrammar(sample);
    expect(r.steps[0]).toEqual({ op: 'tone', params: { exposure: 0.5, contrast: 100 }, source: 'agent', reason: 'brighter' });
    expect(r.steps[1].mask?.id).toBe('sky');
    expect(r.warnings).toEqual(['plan step 1: tone.contrast=300 is out of range [-100, 100]; clamped to 100']);
    expect(() => planFromGrammar({ reply: '', steps: [{ op: 'tone', params: [{ value: 1 }] }] })).toThrow(/must be \{ name, value \}/);
  });

  it('is accepted by node-llama-cpp’s grammar generator and validator', async () => {
    let gen: { getGbnfGrammarForGbnfJsonSchema: (s: unknown) => string };
    let val: { validateObjectAgainstGbnfSchema: (o: unknown, s: unknown) => boolean };
    try {
      gen = await import(/* @vite-ignore */ GBNF);
      val = await import(/* @vite-ignore */ VALIDATE);
    } catch {
      console.warn('skipped: node-llama-cpp grammar utilities not found in node_modules');
      return;
    }
    const schema = planGrammarSchema();
    const grammar = gen.getGbnfGrammarForGbnfJsonSchema(schema);
    expect(grammar).toContain('root ::=');
    expect(grammar).toContain('exposure');
    expect(val.validateObjectAgainstGbnfSchema(sample, schema)).toBe(true);
    expect(() => val.validateObjectAgainstGbnfSchema({ ...sample, steps: [{ op: 'tone', params: [{ name: 'exposur', value: 1 }], reason: '' }] }, schema)).toThrow();
  });
});
