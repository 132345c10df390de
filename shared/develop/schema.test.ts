import { describe, it, expect, vi } from 'vitest';
vi.mock('./registry.ts', () => import('./testRegistry.ts'));
import { describeMasks, describeParams, maskSchema, planSchema, validatePlan } from './schema.ts';

type S = Record<string, any>;

describe('planSchema', () => {
  const schema = planSchema() as S;
  const branches = schema.properties.steps.items.oneOf as S[];

  it('has one oneOf branch per op, keyed by a const op id', () => {
    expect(schema.required).toEqual(['reply', 'steps']);
    expect(branches.map((b) => b.properties.op)).toEqual([{ const: 'tone' }, { const: 'pointCurve' }, { const: 'blackWhite' }, { const: 'local' }]);
    for (const b of branches) expect(b.additionalProperties).toBe(false);
  });

  it('types every param of its op, with ranges on numbers, and nothing else', () => {
    const tone = branches[0].properties.params;
    expect(tone).toEqual({
      type: 'object',
      properties: {
        exposure: { type: 'number', minimum: -5, maximum: 5 },
        contrast: { type: 'number', minimum: -100, maximum: 100 },
        highlights: { type: 'number', minimum: -100, maximum: 100 },
      },
      additionalProperties: false,
    });
    expect(branches[2].properties.params.properties.enabled).toEqual({ type: 'boolean' });
    expect(branches[1].properties.params.properties.master.type).toBe('array');
  });

  it('requires a mask on local steps only', () => {
    expect(branches[3].required).toEqual(['op', 'params', 'mask', 'reason']);
    expect(branches[3].properties.mask).toEqual(maskSchema());
    expect(branches[0].properties.mask).toBeUndefined();
    const shapes = (maskSchema() as S).properties.components.items.properties.shape.oneOf as S[];
    expect(shapes.map((s) => s.properties.type.const)).toEqual(['linear', 'radial', 'luminance', 'color']);
  });

  it('can be limited to some ops, adds descriptions on request, and stays compact', () => {
    const small = planSchema({ ops: ['tone'] }) as S;
    expect(small.properties.steps.items.oneOf).toHaveLength(1);
    expect(() => planSchema({ ops: ['nope'] })).toThrow(/unknown operation "nope"/);
    const described = planSchema({ descriptions: true }) as S;
    expect(described.properties.steps.items.oneOf[0].properties.params.properties.exposure.description).toBe('Exposure of the test op');
    expect(JSON.stringify(schema).length).toBeLessThan(JSON.stringify(described).length);
  });
});

describe('prompt text', () => {
  it('describes every param on one line with range, unit and default', () => {
    const text = describeParams();
    expect(text).toContain('tone — Tone: Brightness and contrast.');
    expect(text).toContain('  exposure -5..5 EV (0): Exposure of the test op');
    expect(text).toContain('  enabled true|false (false)');
    expect(text).toContain('local — Local (needs a mask)');
    expect(text.split('\n')).toHaveLength(4 + 8);
    expect(describeMasks()).toContain('radial: ellipse');
  });
});

describe('validatePlan', () => {
  const mask = { id: 'sky', components: [{ shape: { type: 'linear', x0: 0.5, y0: 0, x1: 0.5, y1: 0.5 }, mode: 'add' }] };

  it('accepts a plan, clamps numbers with warnings and returns agent steps', () => {
    const r = validatePlan({
      reply: 'Brighter, darker sky.',
      steps: [
        { op: 'tone', params: { exposure: 9 }, reason: 'dark' },
        { op: 'local', params: { exposure: -0.7 }, mask, reason: 'sky' },
      ],
    });
    expect(r.steps).toEqual([
      { op: 'tone', params: { exposure: 5 }, source: 'agent', reason: 'dark' },
      { op: 'local', params: { exposure: -0.7 }, source: 'agent', reason: 'sky', mask },
    ]);
    expect(r.warnings).toEqual(['plan step 1: tone.exposure=9 is out of range [-5, 5]; clamped to 5']);
  });

  it('rejects malformed plans naming the step', () => {
    expect(() => validatePlan({ steps: [] })).toThrow(/plan.reply/);
    expect(() => validatePlan({ reply: '', steps: [{ op: 'tone', params: { exposur: 1 } }] })).toThrow(
      'plan step 1: unknown parameter "tone.exposur" (did you mean "exposure"?)',
    );
    expect(() => validatePlan({ reply: '', steps: [{ op: 'local', params: {} }] })).toThrow(/plan step 1: mask must be an object/);
    expect(() => validatePlan({ reply: '', steps: [{ op: 'tone', params: {}, mask }] })).toThrow(/only "local"/);
    expect(() => validatePlan({ reply: '', steps: [{ op: 'local', params: {}, mask: { ...mask, components: [{ shape: { type: 'blob' }, mode: 'add' }] } }] })).toThrow(
      /shape.type must be one of linear, radial, luminance, color/,
    );
  });
});
