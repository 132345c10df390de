import { describe, it, expect, vi } from 'vitest';
vi.mock('./registry.ts', () => import('./testRegistry.ts'));
import fc from 'fast-check';
import { deserializeStack, parseEditsFile, serializeStack, stackFromJSON, stackToJSON, upgradeStep } from './serialize.ts';
import { addStep, addTurn, emptyStack, resolve, sequentialEnv, toggleStep, undo, type EditStack } from './stack.ts';
import { actionArb } from './stackArbitraries.ts';
import { ParamError } from './params.ts';

function build(actions: fc.Arbitrary<import('./stackArbitraries.ts').Action[]>) {
  return actions.map((list) => {
    const env = sequentialEnv();
    let s: EditStack = emptyStack();
    for (const a of list) {
      if (a.kind === 'add') s = addStep(s, { ...a.input, turnId: a.turnId }, { env });
      else if (a.kind === 'turn') s = addTurn(s, a.inputs, { env });
      else if (a.kind === 'toggle') s = s.steps.length ? toggleStep(s, s.steps[a.index % s.steps.length].id) : s;
      else if (a.kind === 'undo') s = undo(s);
    }
    return s;
  });
}
const stacks = build(fc.array(actionArb, { maxLength: 20 }));
const step = (over: Record<string, unknown>) => ({
  id: 'a',
  op: 'tone',
  opVersion: 2,
  params: { exposure: 1 },
  source: 'user',
  enabled: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('serialize: properties', () => {
  it('round-trips any stack exactly', () => {
    fc.assert(
      fc.property(stacks, (s) => {
        const back = deserializeStack(serializeStack(s));
        expect(back.stack).toEqual(s);
        expect(back.warnings).toEqual([]);
        expect(resolve(back.stack)).toEqual(resolve(s));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects any future op version or stack format with both versions named', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 1000 }), fc.integer({ min: 2, max: 1000 }), (opVersion, format) => {
        expect(() => stackFromJSON({ format: 1, steps: [step({ opVersion })] })).toThrow(
          `step 1: operation "tone" was saved with version ${opVersion}, but this version of Tonewright only knows up to version 2; update Tonewright to open it`,
        );
        expect(() => stackFromJSON({ format, steps: [] })).toThrow(
          `edit stack format ${format} is newer than this version of Tonewright supports (format 1); update Tonewright to open it`,
        );
      }),
    );
  });
});

describe('serialize: loading', () => {
  it('upgrades old steps through the op’s upgrade chain', () => {
    expect(upgradeStep({ op: 'tone', opVersion: 1, params: { exp: 0.5, contrast: 0.2 } })).toEqual({
      op: 'tone',
      opVersion: 2,
      params: { exposure: 0.5, contrast: 20 },
    });
    const { stack } = stackFromJSON({ format: 1, steps: [step({ opVersion: 1, params: { exp: 2 } })] });
    expect(stack.steps[0]).toMatchObject({ opVersion: 2, params: { exposure: 2 } });
  });

  it('rejects unknown ops, invalid params and malformed stacks clearly', () => {
    expect(() => stackFromJSON({ format: 1, steps: [step({ op: 'tonne' })] })).toThrow('step 1: unknown operation "tonne" (did you mean "tone"?)');
    expect(() => stackFromJSON({ format: 1, steps: [step({ params: { exposur: 1 } })] })).toThrow(
      'step 1: unknown parameter "tone.exposur" (did you mean "exposure"?)',
    );
    expect(() => stackFromJSON({ format: 1, steps: [step({ params: { exposure: 'x' } })] })).toThrow(/step 1: parameter "tone.exposure" must be a finite number/);
    expect(() => stackFromJSON({ format: 1, steps: [step({ op: 'local', opVersion: 1, params: {} })] })).toThrow(/needs a "mask"/);
    expect(() => stackFromJSON({ format: 1, steps: [step({}), step({})] })).toThrow(/two steps with id "a"/);
    expect(() => stackFromJSON({ format: 1, steps: [step({})], cursor: 5 })).toThrow(/cursor/);
    expect(() => stackFromJSON({ format: 0, steps: [] })).toThrow(/positive integer/);
    expect(() => stackFromJSON({ format: 1, steps: [step({ colour: 1 })] })).toThrow(/unknown field "colour"/);
    expect(() => stackFromJSON({ format: 1, steps: [step({ opVersion: 0 })] })).toThrow(/opVersion must be a positive integer/);
    expect(() => deserializeStack('{')).toThrow(ParamError);
  });

  it('clamps out-of-range values with warnings, or rejects them when asked', () => {
    const r = stackFromJSON({ format: 1, steps: [step({ params: { exposure: 12 } })] });
    expect(r.stack.steps[0].params.exposure).toBe(5);
    expect(r.warnings).toEqual(['step 1: tone.exposure=12 is out of range [-5, 5]; clamped to 5']);
    expect(() => stackFromJSON({ format: 1, steps: [step({ params: { exposure: 12 } })] }, { clamp: false })).toThrow(/out of range/);
  });

  it('repairs missing or stray marks', () => {
    const { stack } = stackFromJSON({ format: 1, steps: [step({ id: 'a' }), step({ id: 'b' })], marks: [7, 1, 1] });
    expect(stack.marks).toEqual([1, 2]);
    expect(stack.cursor).toBe(2);
  });

  it('writes plain JSON with the format version and per-step op versions', () => {
    const s = addStep(emptyStack(), { op: 'tone', params: { exposure: 1 } }, { env: sequentialEnv() });
    expect(stackToJSON(s)).toEqual({
      format: 1,
      cursor: 1,
      marks: [1],
      steps: [{ id: 's1', op: 'tone', opVersion: 2, params: { exposure: 1 }, source: 'user', enabled: true, createdAt: '2026-01-01T00:00:00.000Z' }],
    });
  });
});

describe('parseEditsFile', () => {
  const mask = { id: 'sky', components: [{ shape: { type: 'linear', x0: 0.5, y0: 0, x1: 0.5, y1: 0.6 }, mode: 'add' }] };

  it('reads a plain array of edits as one import turn', () => {
    const text = JSON.stringify([
      { op: 'tone', params: { exposure: 0.5 } },
      { op: 'local', params: { exposure: -1 }, mask },
      { op: 'tone', opVersion: 1, params: { contrast: 0.1 } },
    ]);
    const { stack, warnings } = parseEditsFile(text, { env: sequentialEnv() });
    expect(warnings).toEqual([]);
    expect(stack.steps.map((s) => s.source)).toEqual(['import', 'import', 'import']);
    expect(stack.marks).toEqual([3]);
    const r = resolve(stack);
    expect(r.ops.tone).toEqual({ exposure: 0.5, contrast: 10, highlights: 0 });
    expect(r.locals).toEqual([{ mask, params: { exposure: -1, sharpness: 0 } }]);
  });

  it('reads a serialized stack', () => {
    const s = addStep(emptyStack(), { op: 'tone', params: { exposure: 1 } }, { env: sequentialEnv() });
    expect(parseEditsFile(serializeStack(s)).stack).toEqual(s);
  });

  it('gives specific errors for bad files', () => {
    expect(() => parseEditsFile('not json')).toThrow(/^edits file is not valid JSON/);
    expect(() => parseEditsFile('{"steps": []}')).toThrow(/must be a JSON array of \{op, params, mask\?\}/);
    expect(() => parseEditsFile('[{"op":"tone","params":{"exposure":1},"id":"x"}]')).toThrow('edit 1: unknown field "id"');
    expect(() => parseEditsFile('[{"op":"tone","params":{"exposure":1}},{"op":"tone","params":{"shadow":1}}]')).toThrow(/^edit 2: unknown parameter "tone.shadow"/);
    expect(() => parseEditsFile(JSON.stringify([{ op: 'local', params: {}, mask: { ...mask, components: [] } }]))).toThrow(/edit 1: mask.components/);
    expect(() => parseEditsFile(JSON.stringify([{ op: 'tone', params: {}, mask }]))).toThrow(/only "local" steps take a mask/);
  });
});
